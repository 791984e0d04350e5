package org.porchlight.examples.noticeboard;

import java.util.Map;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.health.HealthCheck;
import org.porchlight.api.store.Database;

/**
 * {@code noticeboard} in {@code /api/health}: UP once this module's schema is migrated (the store hands
 * out the {@code Database} only then). Not critical: the server is useful without notice boards.
 */
@Component
public class NoticeboardHealth implements HealthCheck {

    private final Database database;

    @Activate
    public NoticeboardHealth(@Reference Database database) {
        this.database = database;
    }

    @Override
    public String name() {
        return "noticeboard";
    }

    @Override
    public Result check() {
        return Result.up(Map.of("schema", database.schema(), "database", database.productName()));
    }
}
