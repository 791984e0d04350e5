package org.porchlight.registry;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;

import org.h2.jdbcx.JdbcDataSource;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.registry.ExternalRegistration;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;

/**
 * The registry's write path of a first import, without the server, the plugin and the CSV: a
 * city of new registrations handed to the sink a sync uses, checkpointed every 1,000 rows as the
 * WatchKC plugin does, into a fresh embedded H2 database in file mode with the distribution's
 * settings, while the in-memory index follows on its timer. Prints the importing thread's CPU
 * time too, which contention on a shared machine disturbs less than the wall time.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 1)
@Measurement(iterations = 3)
@Fork(value = 1, jvmArgs = {"-Xms32m", "-Xmx384m", "-XX:+UseSerialGC", "-Xss512k"})
public class ImportBenchmark {

    private static final String SOURCE = "kc-watchkc";
    private static final int CHECKPOINT_EVERY = 1_000;

    @Param("100000")
    public int rows;

    private com.zaxxer.hikari.HikariDataSource pool;
    private Registry registry;
    private Database database;
    private ImportRuns runs;
    private List<ExternalRegistration> feed;

    @Setup(Level.Iteration)
    public void freshDatabase() throws Exception {
        Path folder = Files.createTempDirectory("porchlight-import-bench");
        JdbcDataSource h2 = new JdbcDataSource();
        // As DatabaseSettings makes it for the embedded store.
        h2.setURL("jdbc:h2:file:" + folder.resolve("porchlight") + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_ON_EXIT=FALSE;WRITE_DELAY=0");
        pool = new com.zaxxer.hikari.HikariDataSource();
        pool.setDataSource(h2);
        pool.setMaximumPoolSize(4);
        database = new TestDatabase(pool, "registry").migrated("V1__cameras.sql", "V2__imports.sql",
                "V3__density_owners_and_cap.sql", "V4__import_attempts.sql", "V5__import_change_ranges.sql");
        registry = new Registry(database, kcpd(), TestConfiguration.of(RegistryConfiguration.class, Map.of()));
        while (!registry.indexLoaded()) {
            Thread.sleep(20);
        }
        runs = new ImportRuns(database);
        runs.register(SOURCE, "KCPD");
        runs.acquire(SOURCE, "bench", Instant.now(), Instant.now().plus(Duration.ofHours(1)));
        feed = feed(rows);
    }

    @TearDown(Level.Iteration)
    public void close() {
        registry.deactivate();
        pool.close();
    }

    @Benchmark
    public Map<String, Long> firstImport() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        long cpu = threads.getCurrentThreadCpuTime();
        long process = processCpu();
        long started = System.nanoTime();
        ImportSink sink = new ImportSink(new ImportSink.Context(database, Clock.systemUTC(), SOURCE, "KCPD", "bench",
                Duration.ofMinutes(5), registry.importAgencies("KCPD"), false, null, null));
        for (int i = 0; i < feed.size(); i++) {
            sink.accept(feed.get(i));
            if ((i + 1) % CHECKPOINT_EVERY == 0) {
                sink.checkpoint("bench:" + (i + 1));
            }
        }
        sink.finish();
        System.out.printf("%n%d rows: %.1f s, importing thread CPU %.1f s, process CPU %.1f s; %s%n", feed.size(),
                (System.nanoTime() - started) / 1e9, (threads.getCurrentThreadCpuTime() - cpu) / 1e9,
                (processCpu() - process) / 1e9, sink.summary());
        return sink.rows();
    }

    private static long processCpu() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** Rows like those of docs/bench/imports.sh: 28 km x 26 km around Kansas City. */
    private static List<ExternalRegistration> feed(int rows) {
        SplittableRandom random = new SplittableRandom(42);
        Instant updated = Instant.parse("2026-05-15T12:00:00Z");
        return java.util.stream.IntStream.range(0, rows).mapToObj(i -> new ExternalRegistration(String.format("WKC-%07d", i),
                updated, false, new GeoPoint(38.98 + random.nextDouble() * 0.25, -94.73 + random.nextDouble() * 0.3),
                random.nextInt(1, 10_000) + " Main St, Kansas City, MO", i % 10 == 0 ? "Shop #" + i : null, CameraKind.OTHER,
                random.nextInt(1, 5), true, 30, random.nextBoolean(), "owner" + i + "@example.org",
                String.format("+1816555%04d", i % 10_000))).toList();
    }

    private static Agencies kcpd() {
        AgencyProfile profile = new AgencyProfile("KCPD", "Kansas City Police", new Circle(new GeoPoint(39.0997, -94.5786), 25_000),
                ZoneId.of("America/Chicago"), null);
        return new Agencies() {
            @Override
            public Optional<AgencyProfile> find(String code) {
                return code.equalsIgnoreCase("KCPD") ? Optional.of(profile) : Optional.empty();
            }

            @Override
            public List<AgencyProfile> all() {
                return List.of(profile);
            }
        };
    }
}
