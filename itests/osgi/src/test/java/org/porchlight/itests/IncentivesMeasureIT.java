package org.porchlight.itests;

import static org.junit.Assert.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.Assume;
import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.api.incentives.Referrals;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * Measures attribution throughput on the embedded database (docs/benchmarks.md); asserts
 * nothing about time. Runs only when asked:
 * {@code mvn -B verify -pl itests/osgi -Dit.test=IncentivesMeasureIT -Dporchlight.measure=true
 * -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false}; figures in {@code target/incentives-measure.txt}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class IncentivesMeasureIT extends PorchlightTestSupport {

    private static final int THREADS = 32;

    @Test
    public void measuresConcurrentAttributions() throws Exception {
        Assume.assumeTrue("run with -Dporchlight.measure=true", Boolean.getBoolean("porchlight.measure"));
        String[] admin = asAdmin();
        http.postJson("/api/agencies", IdentityIT.agency("KCPD"), admin);
        String[] agencyAdmin = staffSession("KCPD", "admin@incentives-measure.example", "AGENCY_ADMIN", admin);
        Referrals referrals = service(Referrals.class, null);
        StringBuilder report = new StringBuilder();
        for (int round = 1; round <= 3; round++) {
            String campaign = http.postJson("/api/agencies/KCPD/incentives/campaigns", "{\"name\":\"Round " + round
                    + "\",\"partner\":\"Doorbell Co\"}", agencyAdmin).json().path("id").asText();
            String code = http.postJson("/api/agencies/KCPD/incentives/campaigns/" + campaign + "/codes", "{\"startsAt\":\""
                    + Instant.now().minus(1, ChronoUnit.HOURS) + "\",\"endsAt\":\"" + Instant.now().plus(1, ChronoUnit.DAYS) + "\"}",
                    agencyAdmin).json().path("code").asText();
            int count = 20_000;
            ExecutorService pool = Executors.newFixedThreadPool(THREADS);
            List<Future<?>> signUps = new ArrayList<>(count);
            long start = System.nanoTime();
            for (int i = 0; i < count; i++) {
                signUps.add(pool.submit(() -> referrals.attribute(UUID.randomUUID(), Instant.now(), code)));
            }
            for (Future<?> signUp : signUps) {
                signUp.get();
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            pool.shutdown();
            assertEquals(count, rows("SELECT COUNT(*) FROM incentives.attribution WHERE code = '" + code + "'"));
            String line = String.format(Locale.ROOT, "round %d: %d attributions with one code from %d threads in %.2f s: %.0f per second",
                    round, count, THREADS, seconds, count / seconds);
            System.out.println(line);
            report.append(line).append('\n');
        }
        Files.writeString(Path.of("target", "incentives-measure.txt"), report.toString());
    }
}
