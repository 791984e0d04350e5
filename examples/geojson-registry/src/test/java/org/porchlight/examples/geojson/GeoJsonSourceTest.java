package org.porchlight.examples.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.outbound.OutboundHttp;
import org.porchlight.api.registry.SyncRequest;

/** A source's syncs: the cursor that keeps an unchanged feed from being handed over, and the configuration's checks. */
class GeoJsonSourceTest {

    /** No test here fetches a URL. */
    private static final OutboundHttp NO_HTTP = request -> {
        throw new AssertionError("nothing is fetched here");
    };

    private static final byte[] FEED = Features.collection(Features.camera("a"), Features.camera("b"))
            .getBytes(StandardCharsets.UTF_8);

    @Test
    void anUnchangedFeedHandsNothingOverAndSaysWhy() throws Exception {
        GeoJsonSource source = new GeoJsonSource(() -> FEED);
        String cursor = source.sync(new SyncRequest(null, null, false), new RecordingSink());

        RecordingSink again = new RecordingSink();
        String next = source.sync(new SyncRequest(cursor, null, false), again);

        assertThat(next).isEqualTo(cursor);
        assertThat(again.accepted).isEmpty();
        assertThat(again.checkpoints).isEmpty();
        assertThat(again.skipped).isEqualTo("the feed is the same as at the last import (same SHA-256)");
    }

    @Test
    void aChangedFeedOrAFullImportHandsEverythingOver() throws Exception {
        GeoJsonSource source = new GeoJsonSource(() -> FEED);
        RecordingSink changed = new RecordingSink();
        String cursor = source.sync(new SyncRequest("an older feed's hash", null, false), changed);
        assertThat(changed.keys()).containsExactly("a", "b");

        RecordingSink full = new RecordingSink();
        source.sync(new SyncRequest(cursor, null, true), full);

        assertThat(full.keys()).containsExactly("a", "b");
        assertThat(full.skipped).isNull();
    }

    @Test
    void aFileFeedIsReadWholeAndAMissingOneFailsTheSync(@TempDir Path folder) throws Exception {
        Path file = folder.resolve("cameras.geojson");
        GeoJsonSource source = new GeoJsonSource(GeoJsonSource.location(file.toString(), "", 10_000, 5, NO_HTTP));
        assertThatThrownBy(() -> source.sync(new SyncRequest(null, null, false), new RecordingSink()))
                .isInstanceOf(InvalidFeedException.class).hasMessage("the feed file does not exist");

        Files.write(file, FEED);
        RecordingSink sink = new RecordingSink();
        source.sync(new SyncRequest(null, null, false), sink);

        assertThat(sink.keys()).containsExactly("a", "b");
    }

    @Test
    void aFeedLargerThanAllowedFailsTheSync(@TempDir Path folder) throws Exception {
        Path file = Files.write(folder.resolve("cameras.geojson"), FEED);

        assertThatThrownBy(() -> GeoJsonSource.location(file.toString(), null, 10, 5, NO_HTTP).read())
                .isInstanceOf(InvalidFeedException.class).hasMessageContaining("more than maxBytes (10)");
    }

    @Test
    void aConfigurationNamesExactlyOneFileOrHttpUrlAndAFeedSizeThatFitsInMemory() {
        assertThatThrownBy(() -> GeoJsonSource.location("", "", 10, 5, NO_HTTP)).hasMessage("set exactly one of file and url");
        assertThatThrownBy(() -> GeoJsonSource.location("/feeds/a.geojson", "https://feeds.example.org/a", 10, 5, NO_HTTP))
                .hasMessage("set exactly one of file and url");
        assertThatThrownBy(() -> GeoJsonSource.location("feeds/a.geojson", null, 10, 5, NO_HTTP))
                .hasMessage("file must be an absolute path");
        assertThatThrownBy(() -> GeoJsonSource.location(null, "ftp://feeds.example.org/a", 10, 5, NO_HTTP))
                .hasMessage("url must be an http or https URL");
        assertThatThrownBy(() -> GeoJsonSource.location("/feeds/a.geojson", null, Long.MAX_VALUE, 5, NO_HTTP))
                .hasMessage("maxBytes must be 1 to 1073741824 (a feed is read into memory)");
        assertThat(GeoJsonSource.location(null, "https://feeds.example.org/a.geojson", 10, 5, NO_HTTP)).isInstanceOf(FeedUrl.class);
    }
}
