package org.porchlight.store;

import java.io.PrintWriter;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.concurrent.TimeUnit;
import java.util.logging.Logger;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.metatype.annotations.Designate;
import org.postgresql.ds.PGSimpleDataSource;
import org.slf4j.LoggerFactory;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.pool.HikariPool.PoolInitializationException;

/**
 * The one pool of database connections, registered as a {@link DataSource} service. It connects
 * when it activates and applies the store's own migrations; if the database cannot be reached,
 * activation fails with one line saying what to fix.
 */
@Component(
        // Immediate: connect and migrate while the framework starts, before HTTP opens, so that
        // a wrong database setting stops start-up instead of failing the first request.
        immediate = true,
        configurationPid = StoreConfiguration.PID,
        configurationPolicy = ConfigurationPolicy.OPTIONAL,
        service = DataSource.class,
        property = ConnectionPool.TARGET_PROPERTY + "=primary")
@Designate(ocd = StoreConfiguration.class)
public class ConnectionPool implements DataSource {

    /** Service property that tells the shared pool from any other DataSource. */
    static final String TARGET_PROPERTY = "porchlight.datasource";
    static final String TARGET = "(" + TARGET_PROPERTY + "=primary)";

    private static final org.slf4j.Logger LOG = LoggerFactory.getLogger(ConnectionPool.class);

    private final HikariDataSource pool;
    private final String productName;

    @Activate
    public ConnectionPool(StoreConfiguration config, BundleContext context) {
        DatabaseSettings settings = DatabaseSettings.resolve(config, context::getProperty);
        this.pool = open(settings, config);
        try {
            this.productName = SchemaMigrations.productName(pool);
            SchemaMigrations migrations = new SchemaMigrations(pool);
            // The store's own schema holds the owner table, so it is migrated before it is claimed.
            String own = SchemaMigrations.declaredSchema(context.getBundle());
            migrations.migrate(context.getBundle(), own);
            migrations.claim(own, context.getBundle().getSymbolicName());
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        LOG.info("Database ready: {} at {} (from {})", productName, settings.safeUrl(), settings.source());
    }

    private static HikariDataSource open(DatabaseSettings settings, StoreConfiguration config) {
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
            return new HikariDataSource(hikari);
        } catch (PoolInitializationException e) {
            String reason = rootMessage(e);
            String hint = settings.isPostgres()
                    ? "check that PostgreSQL is running and that PORCHLIGHT_DB_URL, PORCHLIGHT_DB_USER and PORCHLIGHT_DB_PASSWORD are right"
                    : "check that the data folder is writable and not used by another Porchlight process";
            String message = "Cannot connect to the database at " + settings.safeUrl() + " (from " + settings.source()
                    + "): " + reason + "; " + hint;
            LOG.error(message);
            throw new IllegalStateException(message, e);
        }
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
        String message = "Unsupported database URL " + settings.safeUrl() + " (from " + settings.source()
                + "): use jdbc:postgresql://host:port/database, or leave it empty for the embedded database";
        LOG.error(message);
        throw new IllegalArgumentException(message);
    }

    private static String rootMessage(Throwable t) {
        Throwable root = t;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        String message = root.getMessage() == null ? root.getClass().getSimpleName() : root.getMessage();
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }

    String productName() {
        return productName;
    }

    @Deactivate
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
