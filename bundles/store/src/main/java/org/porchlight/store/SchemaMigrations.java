package org.porchlight.store;

import java.io.IOException;
import java.io.InputStreamReader;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.regex.Pattern;

import javax.sql.DataSource;

import org.flywaydb.core.Flyway;
import org.flywaydb.core.api.FlywayException;
import org.flywaydb.core.api.ResourceProvider;
import org.flywaydb.core.api.output.MigrateResult;
import org.flywaydb.core.api.resource.LoadableResource;
import org.osgi.framework.Bundle;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies a bundle's migrations to the schema it owns, with Flyway and a history table of its own
 * in that schema, and makes sure no two bundles claim the same schema.
 */
final class SchemaMigrations {

    static final String HISTORY_TABLE = "schema_history";

    private static final Logger LOG = LoggerFactory.getLogger(SchemaMigrations.class);
    private static final Pattern SCHEMA_NAME = Pattern.compile("[a-z][a-z0-9_]{0,62}");
    private static final List<String> RESERVED = List.of("public", "information_schema", "pg_catalog", "pg_toast");

    private final DataSource dataSource;

    SchemaMigrations(DataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** The schema a bundle declares, checked, or {@code null} if it declares none. */
    static String declaredSchema(Bundle bundle) {
        String schema = bundle.getHeaders("").get(Database.SCHEMA_HEADER);
        if (schema == null) {
            return null;
        }
        schema = schema.trim();
        if (!SCHEMA_NAME.matcher(schema).matches() || RESERVED.contains(schema) || schema.startsWith("pg_")) {
            throw new IllegalArgumentException("Bundle " + bundle.getSymbolicName() + " declares " + Database.SCHEMA_HEADER
                    + " '" + schema + "': a schema name is 1-63 lower-case letters, digits or _, starting with a letter,"
                    + " and not one of " + RESERVED);
        }
        return schema;
    }

    /**
     * Records that {@code bundleName} owns {@code schema}; refuses if another bundle does. Runs
     * before the bundle's migrations so that a second claimant never touches the schema.
     */
    void claim(String schema, String bundleName) {
        try (Connection c = dataSource.getConnection()) {
            String owner = owner(c, schema);
            if (owner == null) {
                try (PreparedStatement insert = c.prepareStatement(
                        "INSERT INTO store.schema_owner (schema_name, bundle_symbolic_name) VALUES (?, ?)")) {
                    insert.setString(1, schema);
                    insert.setString(2, bundleName);
                    insert.executeUpdate();
                    return;
                } catch (SQLException e) {
                    // Lost a race with another node or bundle: fall through and compare owners.
                    owner = owner(c, schema);
                    if (owner == null) {
                        throw e;
                    }
                }
            }
            if (!owner.equals(bundleName)) {
                throw new IllegalStateException("Schema '" + schema + "' belongs to bundle " + owner
                        + "; bundle " + bundleName + " must declare another " + Database.SCHEMA_HEADER);
            }
        } catch (SQLException e) {
            throw new StorageException("Cannot record the owner of schema " + schema, e);
        }
    }

    private static String owner(Connection c, String schema) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT bundle_symbolic_name FROM store.schema_owner WHERE schema_name = ?")) {
            select.setString(1, schema);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? rs.getString(1) : null;
            }
        }
    }

    /** Applies the bundle's pending migrations to {@code schema}; returns how many ran. */
    int migrate(Bundle bundle, String schema) {
        long start = System.nanoTime();
        try {
            MigrateResult result = Flyway.configure(Flyway.class.getClassLoader())
                    .dataSource(dataSource)
                    .schemas(schema)
                    .createSchemas(true)
                    .table(HISTORY_TABLE)
                    .resourceProvider(new BundleMigrations(bundle))
                    .javaMigrationClassProvider(Collections::emptyList)
                    .loggers("slf4j")
                    .cleanDisabled(true)
                    .load()
                    .migrate();
            if (result.migrationsExecuted > 0) {
                LOG.info("Schema {} of {} migrated to version {} ({} migrations, {} ms)", schema, bundle.getSymbolicName(),
                        result.targetSchemaVersion, result.migrationsExecuted, (System.nanoTime() - start) / 1_000_000);
            }
            return result.migrationsExecuted;
        } catch (FlywayException e) {
            throw new IllegalStateException("migrations of schema " + schema + " from bundle " + bundle.getSymbolicName()
                    + " failed: " + reason(e), e);
        }
    }

    /**
     * Flyway's message in one line: its headline, and what went wrong when the headline does not
     * say (a failed validation: its next line; a failed statement: the database's SQL state and
     * error code, not its message, which can quote the rows a migration met).
     */
    static String reason(FlywayException e) {
        List<String> lines = e.getMessage() == null ? List.of() : e.getMessage().lines().map(String::trim)
                .filter(line -> !line.isEmpty() && !line.startsWith("-")).toList();
        StringBuilder reason = new StringBuilder(lines.isEmpty() ? e.getClass().getSimpleName() : lines.get(0));
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause && !(cause instanceof SQLException)) {
            cause = cause.getCause();
        }
        if (cause instanceof SQLException sql) {
            reason.append(" (SQL state ").append(sql.getSQLState()).append(", error ").append(sql.getErrorCode()).append(')');
        } else if (lines.size() > 1) {
            reason.append(": ").append(lines.get(1));
        }
        return reason.toString();
    }

    static String productName(DataSource dataSource) {
        try (Connection c = dataSource.getConnection()) {
            return c.getMetaData().getDatabaseProductName();
        } catch (SQLException e) {
            throw new StorageException("Cannot read the database product name", e);
        }
    }

    /**
     * Flyway's classpath scanner cannot read Felix bundle URLs, so migrations are listed
     * straight from the bundle's own entries (not its imports or fragments' classpath).
     */
    static final class BundleMigrations implements ResourceProvider {

        private final Bundle bundle;

        BundleMigrations(Bundle bundle) {
            this.bundle = bundle;
        }

        @Override
        public LoadableResource getResource(String name) {
            URL url = bundle.getEntry(Database.MIGRATIONS_FOLDER + "/" + name);
            return url == null ? null : new BundleEntry(url, name);
        }

        @Override
        public Collection<LoadableResource> getResources(String prefix, String[] suffixes) {
            List<LoadableResource> found = new ArrayList<>();
            Enumeration<URL> entries = bundle.findEntries(Database.MIGRATIONS_FOLDER, "*", false);
            if (entries == null) {
                return found;
            }
            for (URL url : Collections.list(entries)) {
                String path = url.getPath();
                String file = path.substring(path.lastIndexOf('/') + 1);
                if (file.startsWith(prefix) && Arrays.stream(suffixes).anyMatch(file::endsWith)) {
                    found.add(new BundleEntry(url, file));
                }
            }
            Collections.sort(found);
            return found;
        }
    }

    private static final class BundleEntry extends LoadableResource {
        private final URL url;
        private final String file;

        BundleEntry(URL url, String file) {
            this.url = url;
            this.file = file;
        }

        @Override
        public Reader read() {
            try {
                return new InputStreamReader(url.openStream(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException("Cannot read migration " + file, e);
            }
        }

        @Override
        public String getAbsolutePath() {
            return Database.MIGRATIONS_FOLDER + "/" + file;
        }

        @Override
        public String getAbsolutePathOnDisk() {
            return url.toString();
        }

        @Override
        public String getFilename() {
            return file;
        }

        @Override
        public String getRelativePath() {
            return file;
        }
    }
}
