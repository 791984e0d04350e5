package org.porchlight.identity;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Collectors;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Key files: nodes that start at once on one shared, empty folder end up with one key. */
class SecretsTest {

    @TempDir
    Path folder;

    @Test
    void nodesCreatingTheSameKeyFileAtOnceAllReadTheOneThatWasMadeFirst() throws Exception {
        for (int round = 0; round < 20; round++) {
            Path file = folder.resolve("round-" + round).resolve("pseudonym.key");
            int nodes = 6;
            CountDownLatch start = new CountDownLatch(1);
            ExecutorService pool = Executors.newFixedThreadPool(nodes);
            try {
                List<Future<String>> read = new ArrayList<>();
                for (int n = 0; n < nodes; n++) {
                    String mine = "key of node " + n;
                    read.add(pool.submit(() -> {
                        start.await();
                        return Secrets.readOrCreate(file, () -> mine);
                    }));
                }
                start.countDown();
                Set<String> seen = new java.util.HashSet<>();
                for (Future<String> f : read) {
                    seen.add(f.get());
                }
                assertThat(seen).as("round " + round).hasSize(1);
                assertThat(seen).containsExactly(Files.readString(file));
                try (var left = Files.list(file.getParent())) {
                    assertThat(left.map(p -> p.getFileName().toString()).collect(Collectors.toList()))
                            .as("no temporary files left").containsExactly("pseudonym.key");
                }
            } finally {
                pool.shutdownNow();
            }
        }
    }
}
