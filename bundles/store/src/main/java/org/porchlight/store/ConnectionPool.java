package org.porchlight.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.porchlight.api.metrics.GaugeReading;
import org.postgresql.ds.PGSimpleDataSource;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;

/**
 * The one pool of database connections. Hands out connections through the {@link DataSource}
 * interface but never itself: whoever held the pool could close it for everybody.
 */
final class ConnectionPool implements DataSource {

    private final HikariDataSource pool;

    private ConnectionPool(HikariDataSource pool) {
        this.pool = pool;
    }

    /**
     * Opens the pool and waits up to the connect timeout for a first connection.
     *
     * @throws IllegalStateException with one line saying what is wrong and what to check
     */
    static ConnectionPool open(DatabaseSettings settings, StoreConfiguration config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("porchlight");
        hikari.setDataSource(driverDataSource(settings, config.connectTimeoutSeconds()));
        hikari.setMaximumPoolSize(config.maxPoolSize());
        hikari.setMinimumIdle(Math.min(2, config.maxPoolSize()));
        long timeout = TimeUnit.SECONDS.toMillis(config.connectTimeoutSeconds());
        hikari.setConnectionTimeout(timeout);
        hikari.setInitializationFailTimeout(timeout);
        hikari.setAutoCommit(true);
        try {
            return new ConnectionPool(new HikariDataSource(hikari));
        } catch (PoolInitializationException e) {
            String hint = settings.isPostgres()
                    ? "check that PostgreSQL is running and that PORCHLIGHT_DB_URL, PORCHLIGHT_DB_USER and PORCHLIGHT_DB_PASSWORD are right"
                    : "check that the data folder is writable and not used by another Porchlight process";
            throw new IllegalStateException("cannot connect to the database at " + settings.safeUrl() + " (from "
                    + settings.source() + "): " + rootMessage(e) + "; " + hint, e);
        }
    }

    /** The pool's connections now, for the metrics endpoint (Hikari's own figures, through its MXBean). */
    List<GaugeReading> figures() {
        HikariPoolMXBean bean = pool.getHikariPoolMXBean();
        if (bean == null) {
            return List.of(); // closing
        }
        String help = "Database pool connections: in use (active) and idle";
        return List.of(
                new GaugeReading("porchlight.db.pool.connections", help, Map.of("state", "active"), bean.getActiveConnections()),
                new GaugeReading("porchlight.db.pool.connections", help, Map.of("state", "idle"), bean.getIdleConnections()),
                GaugeReading.of("porchlight.db.pool.waiting", "Threads waiting for a database connection",
                        bean.getThreadsAwaitingConnection()),
                GaugeReading.of("porchlight.db.pool.max", "Most connections the pool opens (maxPoolSize)",
                        pool.getMaximumPoolSize()));
    }

    /** Driver data sources rather than DriverManager: nothing global to register, nothing to leak on a swap. */
    private static DataSource driverDataSource(DatabaseSettings settings, int connectTimeoutSeconds) {
        if (settings.isPostgres()) {
            PGSimpleDataSource postgres = new PGSimpleDataSource();
            postgres.setURL(settings.url());
            if (!settings.user().isEmpty()) {
                postgres.setUser(settings.user());
            }
            if (!settings.password().isEmpty()) {
                postgres.setPassword(settings.password());
            }
            postgres.setConnectTimeout(connectTimeoutSeconds);
            postgres.setApplicationName("porchlight");
            return postgres;
        }
        if (settings.isH2()) {
            JdbcDataSource h2 = new JdbcDataSource();
            h2.setURL(settings.url());
            h2.setUser(settings.user());
            h2.setPassword(settings.password());
            return h2;
        }
        throw new IllegalArgumentException("unsupported database URL " + settings.safeUrl() + " (from " + settings.source()
                + "): use jdbc:postgresql://host:port/database, or leave it empty for the embedded database");
    }

    static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    void close() {
        pool.close();
    }

    // --- DataSource, delegated to the pool ---

    @Override
    public Connection getConnection() throws SQLException {
        return pool.getConnection();
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the pool logs in with its configured user");
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return pool.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        pool.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        pool.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return pool.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return pool.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        // Never hand out the pool itself: whoever holds it could close it for everybody.
        if (iface.isInstance(this)) {
            return iface.cast(this);
        }
        throw new SQLException("the shared pool does not unwrap to " + iface.getName());
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return iface.isInstance(this);
    }
}
