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
import org.porchlight.api.registry.SyncRequest;

/** An agency's folder (a configuration the platform made for it) with real symbolic links in it. */
class AgencyFolderTest {

    @TempDir
    Path dir;

    private Path folder;
    private Path elsewhere;
    private Path staging;
    private WatchedFolder agencys;

    @BeforeEach
    void folders() throws IOException {
        folder = Files.createDirectories(dir.resolve("agencies/KCPD/feeds"));
        elsewhere = Files.createDirectories(dir.resolve("elsewhere"));
        staging = dir.resolve("bundle-data/staging");
        agencys = new WatchedFolder("kcpd-watchkc", folder, 10_000_000, Duration.ofSeconds(10), staging);
    }

    private static Path settled(Path file) throws IOException {
        Files.setLastModifiedTime(file, FileTime.from(Instant.now().minus(Duration.ofMinutes(1))));
        return file;
    }

    private static List<String> names(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.map(f -> f.getFileName().toString()).sorted().toList();
        }
    }

    @Test
    void aLinkedCsvPointingOutOfTheFolderIsRejectedWithAMessageAndNotRead() throws Exception {
        Path secret = settled(TestFeeds.write(elsewhere.resolve("other-agency.csv"),
                TestFeeds.HEADER + "\n" + TestFeeds.row("SECRET-1") + "\n"));
        Files.createSymbolicLink(folder.resolve("feed.csv"), secret);
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> agencys.sync(new SyncRequest(null, null, false), sink))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage("feed.csv: a symbolic link; links in an agency's feed folder are not followed, upload the file "
                        + "itself; moved to failed/");

        assertThat(sink.touched()).as("nothing read").isFalse();
        assertThat(names(elsewhere)).as("the target stays where it was").containsExactly("other-agency.csv");
        assertThat(names(folder)).containsExactly("failed");
        Path moved = folder.resolve("failed").resolve(names(folder.resolve("failed")).get(0));
        assertThat(Files.isSymbolicLink(moved)).as("the link itself was moved").isTrue();
        assertThat(names(staging)).as("nothing staged").isEmpty();
    }

    @Test
    void aLinkToAFolderNamedLikeAFeedIsRejectedToo() throws Exception {
        Files.createSymbolicLink(folder.resolve("sneaky.csv"), elsewhere);

        assertThatThrownBy(() -> agencys.sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageStartingWith("sneaky.csv: a symbolic link");
        assertThat(names(elsewhere)).isEmpty();
    }

    @Test
    void aFeedFolderThatIsItselfALinkIsNotRead() throws Exception {
        settled(TestFeeds.write(elsewhere.resolve("a.csv"), TestFeeds.HEADER + "\n" + TestFeeds.row("SECRET-1") + "\n"));
        Path linked = Files.createSymbolicLink(dir.resolve("agencies/KCPD/linked"), elsewhere);
        WatchedFolder viaLink = new WatchedFolder("kcpd-watchkc", linked, 10_000_000, Duration.ofSeconds(10), staging);
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> viaLink.sync(new SyncRequest(null, null, false), sink))
                .isInstanceOf(IOException.class)
                .hasMessage("the feed folder linked is a symbolic link; an agency's feed folder must be a folder of its own");
        assertThat(sink.touched()).isFalse();
        assertThat(names(elsewhere)).containsExactly("a.csv");
    }

    @Test
    void anImportedFolderThatIsALinkOutIsNotWrittenThrough() throws Exception {
        settled(TestFeeds.write(folder.resolve("a.csv"), TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n"));
        Files.createSymbolicLink(folder.resolve("imported"), elsewhere);

        assertThatThrownBy(() -> agencys.sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(IOException.class)
                .hasMessageContaining("imported/ in the feed folder is a symbolic link");
        assertThat(names(elsewhere)).as("nothing moved out").isEmpty();
        assertThat(names(folder)).containsExactly("a.csv", "imported");
    }

    @Test
    void aFeedThatIsAFileOfItsOwnIsImportedThroughAStagedCopyThatIsRemovedAfterwards() throws Exception {
        Path feed = settled(TestFeeds.write(folder.resolve("a.csv"), TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n"));
        String hash = WatchKcFeed.sha256(feed);
        RecordingSink sink = new RecordingSink();

        String cursor = agencys.sync(new SyncRequest(null, null, false), sink);

        assertThat(sink.acceptedIds()).containsExactly("A-1");
        assertThat(cursor).as("the staged copy is the same feed").isEqualTo(hash);
        assertThat(names(folder)).containsExactly("imported");
        assertThat(names(staging)).isEmpty();
    }

    @Test
    void aFeedLargerThanMaxBytesIsRefusedWithoutStagingMoreThanThat() throws Exception {
        settled(TestFeeds.write(folder.resolve("big.csv"), TestFeeds.generated(100)));
        WatchedFolder small = new WatchedFolder("kcpd-watchkc", folder, 1_000, Duration.ofSeconds(10), staging);

        assertThatThrownBy(() -> small.sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageContaining("big.csv: the feed has 1001 bytes, more than maxBytes (1000)");
        assertThat(names(folder.resolve("failed"))).hasSize(1);
        assertThat(names(staging)).isEmpty();
    }

    @Test
    void aFolderTheServersAdminSetStillFollowsItsLinksAsBefore() throws Exception {
        Path shared = settled(TestFeeds.write(elsewhere.resolve("shared.csv"),
                TestFeeds.HEADER + "\n" + TestFeeds.row("S-1") + "\n"));
        Files.createSymbolicLink(folder.resolve("feed.csv"), shared);
        RecordingSink sink = new RecordingSink();

        new WatchedFolder("watchkc", folder, 10_000_000, Duration.ofSeconds(10)).sync(new SyncRequest(null, null, false), sink);

        assertThat(sink.acceptedIds()).containsExactly("S-1");
    }
}
