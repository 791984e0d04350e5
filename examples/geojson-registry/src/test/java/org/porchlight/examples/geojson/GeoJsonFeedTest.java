package org.porchlight.examples.geojson;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** A whole feed handed to a sink: rejections by line, duplicates, checkpoints and resuming, feeds that cannot be read. */
class GeoJsonFeedTest {

    @Test
    void goodFeaturesAreAcceptedAndBadOnesRejectedByTheLineTheyStartOn() throws Exception {
        RecordingSink sink = new RecordingSink();
        GeoJsonFeed feed = feed(Features.collection(Features.camera("a"),
                Features.camera("b").replaceFirst("\"geometry\":\\{[^}]*\\}", "\"geometry\":null"),
                Features.camera("c", 91, -94.5, ""),
                Features.camera("d"),
                Features.camera("a")));

        GeoJsonFeed.Counts counts = feed.importInto(sink, null);

        assertThat(sink.keys()).containsExactly("a", "d");
        assertThat(sink.rejected).containsExactly("3:geometry: is required: a Point",
                "4:geometry.coordinates: latitude must be between -90 and 90", "6:id: duplicate in this feed");
        assertThat(counts).isEqualTo(new GeoJsonFeed.Counts(2, 3, 0));
        assertThat(sink.checkpoints).containsExactly(feed.sha256() + ":5");
    }

    @Test
    void membersOtherThanTypeAndFeaturesAreIgnoredWhereverTheyStand() throws Exception {
        RecordingSink sink = new RecordingSink();
        String json = "{\"name\": \"cameras\", \"bbox\": [-95, 39, -94, 40], \"features\": [" + Features.camera("a")
                + "], \"crs\": {\"x\": [1, {\"y\": 2}]}, \"type\": \"FeatureCollection\"}";

        feed(json).importInto(sink, null);

        assertThat(sink.keys()).containsExactly("a");
    }

    @Test
    void aLongFeedIsCheckpointedAsItGoesAndResumesAfterTheLastCheckpointOfTheSameFeed() throws Exception {
        List<String> cameras = new ArrayList<>();
        for (int i = 1; i <= GeoJsonFeed.CHECKPOINT_EVERY + 2; i++) {
            cameras.add(Features.camera("cam-" + i));
        }
        // The first camera again after the checkpoint: still a duplicate when the import resumes.
        cameras.add(Features.camera("cam-1"));
        GeoJsonFeed feed = feed(Features.collection(cameras.toArray(String[]::new)));
        RecordingSink first = new RecordingSink();
        feed.importInto(first, null);
        assertThat(first.checkpoints).containsExactly(feed.sha256() + ":" + GeoJsonFeed.CHECKPOINT_EVERY,
                feed.sha256() + ":" + (GeoJsonFeed.CHECKPOINT_EVERY + 3));

        RecordingSink resumed = new RecordingSink();
        GeoJsonFeed.Counts counts = feed.importInto(resumed, first.checkpoints.get(0));

        assertThat(resumed.keys()).containsExactly("cam-" + (GeoJsonFeed.CHECKPOINT_EVERY + 1),
                "cam-" + (GeoJsonFeed.CHECKPOINT_EVERY + 2));
        assertThat(resumed.rejected).singleElement().asString().endsWith("id: duplicate in this feed");
        assertThat(counts.skipped()).isEqualTo(GeoJsonFeed.CHECKPOINT_EVERY);
    }

    @Test
    void aCheckpointOfAnotherFeedStartsAtTheTop() throws Exception {
        RecordingSink sink = new RecordingSink();

        feed(Features.collection(Features.camera("a"), Features.camera("b"))).importInto(sink, "0123abcd:1");

        assertThat(sink.keys()).containsExactly("a", "b");
    }

    @Test
    void aFeedThatIsNotAFeatureCollectionFailsTheSync() {
        assertInvalid("[]", "the feed is not a JSON object");
        assertInvalid("{\"type\": \"Feature\", \"features\": []}",
                "the feed is not a GeoJSON FeatureCollection (its type says otherwise)");
        assertInvalid("{\"type\": \"FeatureCollection\"}", "the feed has no features array");
    }

    @Test
    void brokenJsonFailsTheSyncWithItsLineButNotItsText() {
        String broken = Features.collection(Features.camera("a"), "{\"type\": \"Feature\", \"id\": secret-owner@example.org}");

        assertInvalid(broken, "the feed is not valid JSON (at line 3)");
    }

    private static void assertInvalid(String json, String message) {
        assertThatThrownBy(() -> feed(json).importInto(new RecordingSink(), null))
                .isInstanceOf(InvalidFeedException.class).hasMessage(message);
    }

    private static GeoJsonFeed feed(String json) {
        return new GeoJsonFeed(json.getBytes(StandardCharsets.UTF_8));
    }
}
