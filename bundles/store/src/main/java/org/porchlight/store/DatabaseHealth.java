package org.porchlight.store;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;

import javax.sql.DataSource;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.health.HealthCheck;

/** Reports whether a pooled connection answers. Critical: without the database nothing works. */
@Component
public class DatabaseHealth implements HealthCheck {

    private final DataSource dataSource;

    @Activate
    public DatabaseHealth(@Reference(target = ConnectionPool.TARGET) DataSource dataSource) {
        this.dataSource = dataSource;
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
        long start = System.nanoTime();
        try (Connection c = dataSource.getConnection()) {
            if (!c.isValid(1)) {
                return Result.down("a pooled connection did not answer within 1 s");
            }
            return Result.up(Map.of(
                    "product", c.getMetaData().getDatabaseProductName(),
                    "latencyMs", (System.nanoTime() - start) / 1_000_000));
        } catch (SQLException e) {
            return Result.down("no connection: " + e.getMessage());
        }
    }
}
