package org.porchlight.registry;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraOwner;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * Counting and matching in a 500 m circle over a city of registered cameras, on the embedded
 * H2 database in file mode, as the distribution runs it. The cameras are spread uniformly over a
 * 30 km x 30 km box around Kansas City (about 1,100 per square kilometre at 1,000,000).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 5)
@Measurement(iterations = 5, time = 5)
@Fork(value = 1, jvmArgs = {"-Xmx2g"})
public class RegistryBenchmark {

    private static final double SOUTH = 38.96;
    private static final double WEST = -94.75;
    private static final double SIZE_LAT = 0.27; // about 30 km
    private static final double SIZE_LON = 0.35; // about 30 km at 39 N

    @Param("1000000")
    public int cameras;

    /** true: the in-memory index of active cameras; false: straight from the database. */
    @Param({"true", "false"})
    public boolean inMemoryIndex;

    private Registry registry;

    @Setup
    public void setUp() throws Exception {
        Path folder = Files.createTempDirectory("porchlight-registry-bench");
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL("jdbc:h2:file:" + folder.resolve("db") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        // Pooled, as the store pools its connections.
        com.zaxxer.hikari.HikariDataSource pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setDataSource(h2);
        pool.setMaximumPoolSize(4);
        Database database = new TestDatabase(pool, "registry").migrated("V1__cameras.sql", "V2__imports.sql",
                "V3__density_owners_and_cap.sql", "V4__import_attempts.sql", "V5__import_change_ranges.sql");
        fill(database, cameras);
        Agencies kcpd = new Agencies() {
            private final AgencyProfile profile = new AgencyProfile("KCPD", "KCPD", new Circle(new GeoPoint(39.1, -94.58), 40_000),
                    java.time.ZoneId.of("America/Chicago"), null);

            @Override
            public Optional<AgencyProfile> find(String code) {
                return Optional.of(profile);
            }

            @Override
            public List<AgencyProfile> all() {
                return List.of(profile);
            }
        };
        long heapBefore = usedHeap();
        long started = System.nanoTime();
        registry = new Registry(database, kcpd,
                TestConfiguration.of(RegistryConfiguration.class, Map.of("inMemoryIndex", inMemoryIndex)));
        while (inMemoryIndex && !registry.indexLoaded()) {
            Thread.sleep(100);
        }
        if (inMemoryIndex) {
            System.out.printf("index of %d cameras: loaded in %.1f s, %d MB of heap%n", cameras,
                    (System.nanoTime() - started) / 1e9, (usedHeap() - heapBefore) / (1024 * 1024));
        }
        // The period's first answer takes the snapshot of distinct owners per cell; later ones read it.
        long snapshot = System.nanoTime();
        densityCity250m();
        System.out.printf("density snapshot of %d cameras and first map: %.2f s%n", cameras, (System.nanoTime() - snapshot) / 1e9);
    }

    private static long usedHeap() {
        System.gc();
        return Runtime.getRuntime().totalMemory() - Runtime.getRuntime().freeMemory();
    }

    @TearDown
    public void stop() {
        registry.deactivate();
    }

    @Benchmark
    public long count500m() {
        return registry.countIn(randomCircle(), "KCPD");
    }

    @Benchmark
    public List<CameraOwner> owners500m() {
        return registry.ownersIn(randomCircle(), "KCPD");
    }

    @Benchmark
    public Registry.DensityMap densityCity250m() {
        return registry.density(new double[] {SOUTH, WEST, SOUTH + SIZE_LAT, WEST + SIZE_LON}, 250);
    }

    private static Circle randomCircle() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        return new Circle(new GeoPoint(SOUTH + 0.01 + random.nextDouble() * (SIZE_LAT - 0.02),
                WEST + 0.01 + random.nextDouble() * (SIZE_LON - 0.02)), 500);
    }

    /** Inserts the cameras in batches straight into the tables: the fixture, not what is measured. */
    private static void fill(Database database, int count) {
        SplittableRandom random = new SplittableRandom(42);
        Timestamp now = Timestamp.from(Instant.now());
        int batch = 10_000;
        for (int done = 0; done < count; done += batch) {
            int size = Math.min(batch, count - done);
            database.inTransaction(c -> {
                try (PreparedStatement camera = c.prepareStatement("INSERT INTO registry.camera (id, owner_id, latitude, longitude, "
                        + "cell, address, kind, camera_count, recording, retention_days, contact_ok, exact_location_ok, paused, "
                        + "withdrawn, verified, confirmed_at, created_at, updated_at) VALUES (?, ?, ?, ?, ?, 'x', 'DOORBELL', 1, "
                        + "TRUE, 30, TRUE, FALSE, FALSE, FALSE, FALSE, ?, ?, ?)");
                        PreparedStatement agency = c.prepareStatement(
                                "INSERT INTO registry.camera_agency (camera_id, agency_code) VALUES (?, 'KCPD')")) {
                    for (int i = 0; i < size; i++) {
                        UUID id = new UUID(random.nextLong(), random.nextLong());
                        double lat = SOUTH + random.nextDouble() * SIZE_LAT;
                        double lon = WEST + random.nextDouble() * SIZE_LON;
                        camera.setObject(1, id);
                        camera.setObject(2, new UUID(random.nextLong(), random.nextLong()));
                        camera.setDouble(3, lat);
                        camera.setDouble(4, lon);
                        camera.setLong(5, Grid.cell(lat, lon));
                        camera.setTimestamp(6, now);
                        camera.setTimestamp(7, now);
                        camera.setTimestamp(8, now);
                        camera.addBatch();
                        agency.setObject(1, id);
                        agency.addBatch();
                    }
                    camera.executeBatch();
                    agency.executeBatch();
                }
                return null;
            });
        }
    }
}
