package org.porchlight.store;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Dictionary;
import java.util.Hashtable;
import java.util.List;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.framework.BundleContext;
import org.osgi.framework.ServiceRegistration;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.ConfigurationPolicy;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.health.HealthCheck;
import org.porchlight.api.metrics.GaugeReading;
import org.porchlight.api.metrics.GaugeSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects to the database and registers the shared {@link DataSource} once it is ready; until
 * then, and if it fails, its health check ({@code database}, critical) says why.
 *
 * <p>Connecting and migrating run on a thread of their own rather than in activation: the rest
 * of the server starts meanwhile, and a wrong setting becomes one clear line in the log and in
 * {@code /api/health} instead of an activation stack trace. The DataSource is registered by hand
 * for the same reason: Declarative Services cannot register a service later than activation.
 */
@Component(immediate = true, configurationPid = StoreConfiguration.PID, configurationPolicy = ConfigurationPolicy.OPTIONAL)
@Designate(ocd = StoreConfiguration.class)
public class Datastore implements HealthCheck, GaugeSource {

    /** Service property that tells the shared pool from any other DataSource. */
    static final String TARGET_PROPERTY = "porchlight.datasource";
    static final String TARGET = "(" + TARGET_PROPERTY + "=primary)";

    private static final Logger LOG = LoggerFactory.getLogger(Datastore.class);

    private sealed interface State permits Connecting, Ready, Failed {
    }

    private record Connecting(String url) implements State {
    }

    private record Ready(ConnectionPool pool, String productName, ServiceRegistration<DataSource> registration,
            BackupChannel backup) implements State {
    }

    private record Failed(String reason) implements State {
    }

    private final BundleContext context;
    private final DatabaseSettings settings;
    private final StoreConfiguration config;
    private final Thread connector;
    private volatile State state;
    /** Optional and dynamic: the audit log stores its chain through this bundle's DataSource. */
    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC)
    private volatile AuditLog auditLog;

    @Activate
    public Datastore(StoreConfiguration config, BundleContext context) {
        this.context = context;
        this.config = config;
        this.settings = DatabaseSettings.resolve(config, context::getProperty);
        this.state = new Connecting(settings.safeUrl());
        this.connector = new Thread(this::connect, "porchlight-store-connect");
        this.connector.setDaemon(true);
        this.connector.start();
    }

    private void connect() {
        ConnectionPool pool = null;
        try {
            pool = ConnectionPool.open(settings, config);
            String product = SchemaMigrations.productName(pool);
            // The store's own schema holds the owner table, so it is migrated before it is claimed.
            SchemaMigrations migrations = new SchemaMigrations(pool);
            String own = SchemaMigrations.declaredSchema(context.getBundle());
            migrations.migrate(context.getBundle(), own);
            migrations.claim(own, context.getBundle().getSymbolicName());
            synchronized (this) {
                if (!(state instanceof Connecting)) {
                    pool.close(); // deactivated meanwhile
                    return;
                }
                Dictionary<String, Object> properties = new Hashtable<>();
                properties.put(TARGET_PROPERTY, "primary");
                properties.put("porchlight.database.product", product);
                // The embedded database can only be backed up from inside this JVM: bin/porchlight backup asks here.
                BackupChannel backup = settings.isH2() ? BackupChannel.open(pool, this::audit, dataFolder()) : null;
                state = new Ready(pool, product, context.registerService(DataSource.class, pool, properties), backup);
            }
            LOG.info("Database ready: {} at {} (from {})", product, settings.safeUrl(), settings.source());
        } catch (RuntimeException e) {
            if (pool != null) {
                pool.close();
            }
            String reason = e.getMessage() == null ? e.toString() : e.getMessage();
            state = new Failed(reason);
            LOG.error("Database unavailable: {}", reason);
            LOG.debug("Database failure in detail", e);
        }
    }

    /** Records an online backup in the audit log; the log is there once the audit bundle has started. */
    private void audit(AuditEvent event) {
        AuditLog log = auditLog;
        if (log == null) {
            throw new IllegalStateException("the audit log is not running");
        }
        log.append(event);
    }

    private Path dataFolder() {
        String data = context.getProperty(DatabaseSettings.DATA_PROPERTY);
        return Path.of(data == null || data.isBlank() ? "data" : data);
    }

    @Deactivate
    void deactivate() throws InterruptedException {
        State last;
        synchronized (this) {
            last = state;
            state = new Failed("the store is stopping");
        }
        if (last instanceof Ready ready) {
            if (ready.backup() != null) {
                ready.backup().close();
            }
            ready.registration().unregister();
            ready.pool().close();
        }
        connector.join(); // bounded by the connect timeout; leaves no thread behind on a swap
    }

    /** The pool's figures for the metrics endpoint; none until the database is connected. */
    @Override
    public List<GaugeReading> read() {
        return state instanceof Ready ready ? ready.pool().figures() : List.of();
    }

    @Override
    public String name() {
        return "database";
    }

    @Override
    public boolean critical() {
        return true;
    }

    @Override
    public Result check() {
        State current = state;
        if (current instanceof Connecting connecting) {
            return Result.starting("connecting to " + connecting.url());
        }
        if (current instanceof Failed failed) {
            return Result.down(failed.reason());
        }
        Ready ready = (Ready) current;
        long start = System.nanoTime();
        try (Connection c = ready.pool().getConnection()) {
            if (!c.isValid(1)) {
                return Result.down("a pooled connection did not answer within 1 s");
            }
            return Result.up(Map.of("product", ready.productName(), "latencyMs", (System.nanoTime() - start) / 1_000_000));
        } catch (SQLException e) {
            return Result.down("no connection: " + e.getMessage());
        }
    }
}
