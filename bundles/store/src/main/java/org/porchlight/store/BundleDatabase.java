package org.porchlight.store;

import java.sql.Connection;
import java.sql.SQLException;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.service.component.ComponentContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ServiceScope;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link Database} one bundle sees. Bundle scope gives every using bundle its own instance,
 * created when the bundle first gets the service: that is when its schema is claimed and its
 * migrations run, so a component holding the reference always finds its tables in place.
 */
@Component(service = Database.class, scope = ServiceScope.BUNDLE)
public class BundleDatabase implements Database {

    private static final Logger LOG = LoggerFactory.getLogger(BundleDatabase.class);

    private final DataSource dataSource;
    private final String schema;
    private final String productName;

    @Activate
    public BundleDatabase(@Reference(target = Datastore.TARGET) DataSource dataSource, @Reference SchemaHealth health,
            @Reference SchemaMigrator migrator, ComponentContext context) {
        this.dataSource = dataSource;
        Bundle user = context.getUsingBundle();
        try {
            this.schema = SchemaMigrations.declaredSchema(user);
            this.productName = SchemaMigrations.productName(dataSource);
            if (schema != null) {
                migrator.migrate(dataSource, user, schema);
            }
            health.succeeded(user);
        } catch (RuntimeException e) {
            // The using bundle does not get the service; the reason shows in /api/health and in one
            // line of the log (the framework's own report of the failure follows, with the stack trace).
            health.failed(user, e.getMessage());
            LOG.error("Module {} {} is not started: its database schema is not ready: {}", user.getSymbolicName(), user.getVersion(),
                    e.getMessage());
            throw e;
        }
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public String productName() {
        return productName;
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            connection.setAutoCommit(false);
            try {
                T result = work.run(connection);
                connection.commit();
                return result;
            } catch (SQLException | RuntimeException | Error e) {
                rollback(connection, e);
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException("Transaction failed: " + e.getMessage(), e);
        }
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection connection = dataSource.getConnection()) {
            return work.run(connection);
        } catch (SQLException e) {
            throw new StorageException("Database call failed: " + e.getMessage(), e);
        }
    }

    private static void rollback(Connection connection, Throwable cause) {
        try {
            connection.rollback();
        } catch (SQLException rollbackFailure) {
            cause.addSuppressed(rollbackFailure);
        }
    }
}
