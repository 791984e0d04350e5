package org.porchlight.integration.watchkc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.registry.SyncCancelledException;
import org.porchlight.api.registry.SyncRequest;

class WatchedFolderTest {

    @TempDir
    Path folder;

    private WatchedFolder watched;

    @BeforeEach
    void watch() {
        watched = new WatchedFolder("kcpd", folder, 10_000_000, Duration.ofSeconds(10));
    }

    /** A feed that was written a while ago: settled. */
    private Path drop(String name, String content) throws IOException {
        Path file = TestFeeds.write(folder.resolve(name), content);
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        return file;
    }

    private List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void everyFeedIsImportedInNameOrderAndMovedToImported() throws Exception {
        drop("b.csv", TestFeeds.HEADER + "\n" + TestFeeds.row("B-1") + "\n");
        Path a = drop("a.csv", TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n");
        String hashOfA = WatchKcFeed.sha256(a);
        Path b = folder.resolve("b.csv");
        String hashOfB = WatchKcFeed.sha256(b);
        RecordingSink sink = new RecordingSink();

        String cursor = watched.sync(new SyncRequest("old", null, false), sink);

        assertThat(sink.acceptedIds()).containsExactly("A-1", "B-1");
        assertThat(sink.checkpoints).containsExactly(hashOfA + ":2", hashOfB + ":2");
        assertThat(cursor).isEqualTo(hashOfB);
        assertThat(names(folder)).containsExactly("imported");
        assertThat(names(folder.resolve("imported")))
                .hasSize(2)
                .allSatisfy(name -> assertThat(name).matches("[ab]-\\d{8}T\\d{9}Z\\.csv"));
    }

    @Test
    void theSameNameDroppedAgainIsImportedAgainAndBothCopiesAreKept() throws Exception {
        drop("feed.csv", TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n");
        watched.sync(new SyncRequest(null, null, false), new RecordingSink());
        Thread.sleep(5);
        drop("feed.csv", TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n");
        RecordingSink sink = new RecordingSink();

        watched.sync(new SyncRequest(null, null, false), sink);

        assertThat(sink.acceptedIds()).containsExactly("A-1");
        assertThat(names(folder.resolve("imported"))).hasSize(2);
    }

    @Test
    void nothingToDoReturnsTheRequestsCursorAndTouchesNothing() throws Exception {
        RecordingSink sink = new RecordingSink();

        assertThat(watched.sync(new SyncRequest("previous", null, false), sink)).isEqualTo("previous");
        assertThat(sink.touched()).isFalse();
        assertThat(sink.skipped).isEqualTo("the folder holds no .csv feed");
    }

    @Test
    void aFolderWhoseOnlyFeedIsStillFreshSaysSoAndWhichFile() throws Exception {
        TestFeeds.write(folder.resolve("fresh.csv"), TestFeeds.HEADER + "\n" + TestFeeds.row("F-1") + "\n");
        drop("upload.csv.part", TestFeeds.HEADER + "\n" + TestFeeds.row("P-1") + "\n");
        RecordingSink sink = new RecordingSink();

        assertThat(watched.sync(new SyncRequest("previous", null, false), sink)).isEqualTo("previous");
        assertThat(sink.touched()).isFalse();
        assertThat(sink.skipped).startsWith("1 feed(s) modified within the last 10 s").contains("fresh.csv");
        assertThat(names(folder)).containsExactly("fresh.csv", "upload.csv.part");
    }

    @Test
    void aFileModifiedWithinTheQuietPeriodOrNotEndingInCsvIsLeftForLater() throws Exception {
        TestFeeds.write(folder.resolve("fresh.csv"), TestFeeds.HEADER + "\n" + TestFeeds.row("F-1") + "\n");
        drop("upload.csv.part", TestFeeds.HEADER + "\n" + TestFeeds.row("P-1") + "\n");
        drop("ready.CSV", TestFeeds.HEADER + "\n" + TestFeeds.row("R-1") + "\n");
        RecordingSink sink = new RecordingSink();

        watched.sync(new SyncRequest(null, null, false), sink);

        assertThat(sink.acceptedIds()).containsExactly("R-1");
        assertThat(sink.skipped).as("a sync that imports something is not skipped").isNull();
        assertThat(names(folder)).containsExactly("fresh.csv", "imported", "upload.csv.part");
        assertThat(names(folder.resolve("imported"))).singleElement().asString().startsWith("ready-").endsWith(".CSV");
    }

    @Test
    void aFeedThatCannotBeReadIsMovedToFailedAndFailsTheSyncNamingFileAndColumn() throws Exception {
        drop("a.csv", TestFeeds.HEADER.replace(",status", "") + "\n");
        drop("b.csv", TestFeeds.HEADER + "\n" + TestFeeds.row("B-1") + "\n");
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> watched.sync(new SyncRequest(null, null, false), sink))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage("a.csv: the feed has no column status; moved to failed/");

        assertThat(sink.touched()).isFalse();
        assertThat(names(folder.resolve("failed"))).singleElement().asString().startsWith("a-");
        assertThat(names(folder)).containsExactly("b.csv", "failed");

        RecordingSink next = new RecordingSink();
        watched.sync(new SyncRequest(null, null, false), next);
        assertThat(next.acceptedIds()).containsExactly("B-1");
    }

    @Test
    void aFeedLargerThanMaxBytesIsMovedToFailed() throws Exception {
        drop("big.csv", TestFeeds.generated(100));
        WatchedFolder small = new WatchedFolder("kcpd", folder, 1_000, Duration.ofSeconds(10));

        assertThatThrownBy(() -> small.sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageContaining("big.csv: the feed has")
                .hasMessageContaining("more than maxBytes (1000)");
        assertThat(names(folder.resolve("failed"))).hasSize(1);
    }

    @Test
    void anInterruptedFeedStaysAndTheNextSyncResumesAfterItsCheckpoint() throws Exception {
        drop("feed.csv", TestFeeds.generated(2_500));
        RecordingSink interrupted = new RecordingSink(2);

        assertThatThrownBy(() -> watched.sync(new SyncRequest(null, null, false), interrupted))
                .isInstanceOf(SyncCancelledException.class);
        assertThat(names(folder)).containsExactly("feed.csv");

        RecordingSink resumed = new RecordingSink();
        watched.sync(new SyncRequest(null, interrupted.checkpoints.get(1), false), resumed);

        assertThat(resumed.acceptedIds()).hasSize(500).first().isEqualTo("WKC-0002001");
        assertThat(names(folder)).containsExactly("imported");
    }

    @Test
    void aMissingFolderFailsTheSyncSayingSo() {
        WatchedFolder missing = new WatchedFolder("kcpd", folder.resolve("nope"), 1_000, Duration.ofSeconds(10));

        assertThatThrownBy(() -> missing.sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("the feed folder does not exist");
    }
}
