package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.ref.WeakReference;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.osgi.framework.wiring.BundleWiring;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * Updating a module frees the old version: after 50 updates through the admin API, each version
 * used over HTTP (JSON written, routes matched, validation run), the class loaders of the
 * replaced versions are garbage, and the heap after a full GC has barely grown. Figures go to
 * {@code target/swap-leak.txt} (docs/benchmarks.md).
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class SwapLeakIT extends PorchlightTestSupport {

    private static final int CYCLES = 50;

    @Test
    public void fiftyUpdatesLeaveNoOldVersionBehind() throws Exception {
        String[] admin = asAdmin();
        Http.Response installed = http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.greeting(1)), admin);
        assertEquals(installed.body(), 201, installed.status());
        long id = installed.json().path("id").asLong();
        Bundle greeting = context.getBundle(id);
        use(1);
        // Two warm-up cycles, so that caches the server fills once are full before the baseline.
        for (int version : new int[] {2, 1}) {
            assertTrue(http.upload("PUT", "/api/admin/modules/" + id, Fixtures.signed(Fixtures.greeting(version)), admin).status() < 300);
            use(version);
        }
        long heapBefore = heapAfterGc();
        int threadsBefore = Thread.activeCount();

        List<WeakReference<ClassLoader>> replaced = new ArrayList<>();
        for (int cycle = 1; cycle <= CYCLES; cycle++) {
            int version = cycle % 2 == 1 ? 2 : 1;
            replaced.add(new WeakReference<>(greeting.adapt(BundleWiring.class).getClassLoader()));
            Http.Response updated = http.upload("PUT", "/api/admin/modules/" + id, Fixtures.signed(Fixtures.greeting(version)), admin);
            assertTrue(updated.body(), updated.status() == 200 || updated.status() == 202);
            use(version);
        }

        long heapAfter = heapAfterGc();
        int threadsAfter = Thread.activeCount();
        long alive = replaced.stream().filter(r -> r.get() != null).count();
        String report = String.format("swap leak: %d updates of %s through the admin API%n"
                + "replaced versions' class loaders still reachable after a full GC: %d of %d%n"
                + "heap used after a full GC: %.1f MB before, %.1f MB after (%+.1f MB)%n"
                + "threads: %d before, %d after%n",
                CYCLES, Fixtures.GREETING, alive, CYCLES, heapBefore / 1e6, heapAfter / 1e6, (heapAfter - heapBefore) / 1e6,
                threadsBefore, threadsAfter);
        System.out.print(report);
        Files.writeString(Path.of("target", "swap-leak.txt"), report);
        assertEquals("class loaders of replaced versions still reachable: " + report, 0, alive);
    }

    /** Exercises the running version over HTTP, so that the server's caches see its classes. */
    private void use(int version) {
        http.await("/api/itest/greeting", r -> r.status() == 200 && r.json().path("version").asInt() == version, SWAP_TIMEOUT);
        assertEquals(200, http.get("/api/itest/greeting/slow?millis=1").status());
        if (version == 2) {
            assertEquals(200, http.get("/api/itest/greeting/named?name=Kim").status());
        }
    }

    private static long heapAfterGc() throws InterruptedException {
        for (int i = 0; i < 4; i++) {
            System.gc();
            Thread.sleep(200);
        }
        return ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
    }

}
