package org.porchlight.store;

import javax.sql.DataSource;

import org.osgi.framework.Bundle;
import org.osgi.service.component.annotations.Component;

/**
 * Runs bundles' schema migrations one at a time. Bundles start in parallel, and H2 locks its
 * catalogue for every DDL statement: two bundles migrating at once made one of them time out
 * ("Timeout trying to lock table SYS") and stay without its tables. Across the nodes of a
 * cluster, Flyway's own lock per schema does the same.
 */
@Component(service = SchemaMigrator.class)
public class SchemaMigrator {

    /** Claims {@code schema} for {@code user} and brings it to the bundle's latest migration. */
    public synchronized void migrate(DataSource dataSource, Bundle user, String schema) {
        SchemaMigrations migrations = new SchemaMigrations(dataSource);
        migrations.claim(schema, user.getSymbolicName());
        migrations.migrate(user, schema);
    }
}
