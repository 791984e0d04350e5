package org.porchlight.testing;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;

/**
 * The store's {@link Database} contract on a plain DataSource, for a bundle's unit tests and
 * benchmarks: transactions as the store runs them, and the bundle's own migrations
 * ({@code db/migration/V<n>__*.sql} on the class path) applied in order, as the store would.
 *
 * @param dataSource where connections come from
 * @param schema     the schema the bundle owns
 */
public record TestDatabase(DataSource dataSource, String schema) implements Database {

    private static final Pattern MIGRATION = Pattern.compile("V(\\d+)__.*\\.sql");

    /** A private in-memory H2 in PostgreSQL mode, as the embedded store runs it, with the schema migrated. */
    public static TestDatabase inMemory(String schema) {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:mem:" + schema + "-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1");
        return new TestDatabase(h2, schema).migrated();
    }

    /** Creates the schema and applies every migration found on the class path, in version order. */
    public TestDatabase migrated() {
        return apply(migrations());
    }

    /**
     * Creates the schema and applies the named migrations of {@code db/migration}, in the order
     * given: for class paths that hold several bundles' migrations (a benchmark's single jar).
     */
    public TestDatabase migrated(String... names) {
        List<String> scripts = new ArrayList<>();
        for (String name : names) {
            try (InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(MIGRATIONS_FOLDER + "/" + name)) {
                if (in == null) {
                    throw new IllegalStateException("no " + MIGRATIONS_FOLDER + "/" + name + " on the class path");
                }
                scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new IllegalStateException("cannot read " + name, e);
            }
        }
        return apply(scripts);
    }

    private TestDatabase apply(List<String> scripts) {
        inTransaction(c -> {
            try (Statement s = c.createStatement()) {
                s.execute("CREATE SCHEMA IF NOT EXISTS " + schema);
                for (String script : scripts) {
                    s.execute(script);
                }
            }
            return null;
        });
        return this;
    }

    @Override
    public String productName() {
        return "H2";
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    /** The scripts in {@code db/migration} of the class path (a folder in tests, a jar in benchmarks). */
    private static List<String> migrations() {
        URL folder = Thread.currentThread().getContextClassLoader().getResource(MIGRATIONS_FOLDER);
        if (folder == null) {
            throw new IllegalStateException("no " + MIGRATIONS_FOLDER + " on the class path");
        }
        try {
            URI uri = folder.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.getPath(MIGRATIONS_FOLDER));
                }
            }
            return read(Path.of(uri));
        } catch (IOException | URISyntaxException e) {
            throw new IllegalStateException("cannot read " + folder, e);
        }
    }

    private static List<String> read(Path folder) throws IOException {
        List<Path> files = new ArrayList<>();
        try (Stream<Path> listing = Files.list(folder)) {
            listing.filter(p -> MIGRATION.matcher(p.getFileName().toString()).matches()).forEach(files::add);
        }
        files.sort(Comparator.comparingInt(TestDatabase::version));
        List<String> scripts = new ArrayList<>();
        for (Path file : files) {
            try (InputStream in = Files.newInputStream(file)) {
                scripts.add(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            }
        }
        return scripts;
    }

    private static int version(Path file) {
        Matcher m = MIGRATION.matcher(file.getFileName().toString());
        m.matches();
        return Integer.parseInt(m.group(1));
    }
}
