package org.porchlight.integration.watchkc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.registry.ExternalRegistration;
import org.porchlight.api.registry.SyncCancelledException;

class WatchKcFeedTest {

    private static final long MAX = 10_000_000;

    @TempDir
    Path dir;

    private WatchKcFeed feed(String content) throws Exception {
        return WatchKcFeed.open(TestFeeds.write(dir.resolve("feed.csv"), content), MAX);
    }

    private RecordingSink importAll(String content) throws Exception {
        RecordingSink sink = new RecordingSink();
        feed(content).importInto(sink, null);
        return sink;
    }

    @Test
    void theSampleGivesTwoHundredRegistrationsAndRejectsTheTenMalformedRowsByLineAndColumn() throws Exception {
        Path file = Files.write(dir.resolve("sample.csv"), TestFeeds.sample());
        RecordingSink sink = new RecordingSink();

        WatchKcFeed.Counts counts = WatchKcFeed.open(file, MAX).importInto(sink, null);

        assertThat(sink.accepted).hasSize(200);
        assertThat(sink.rejected).extracting(RecordingSink.Rejection::line, RecordingSink.Rejection::column).containsExactly(
                tuple(202L, "latitude"),
                tuple(203L, "longitude"),
                tuple(204L, "registration_id"),
                tuple(205L, "camera_count"),
                tuple(206L, "updated_at"),
                tuple(207L, "registrant_type"),
                tuple(208L, "retention_days"),
                tuple(209L, "contact_email"),
                tuple(210L, "address"),
                tuple(211L, "status"));
        assertThat(counts).isEqualTo(new WatchKcFeed.Counts(200, 10, 0));
        assertThat(sink.checkpoints).containsExactly(WatchKcFeed.sha256(file) + ":211");
    }

    @Test
    void reasonsNeverQuoteTheRejectedValue() throws Exception {
        RecordingSink sink = new RecordingSink();
        WatchKcFeed.open(Files.write(dir.resolve("sample.csv"), TestFeeds.sample()), MAX).importInto(sink, null);

        assertThat(sink.rejected).extracting(RecordingSink.Rejection::reason)
                .allSatisfy(reason -> assertThat(reason).doesNotContain("<script>", "91.5", "not-a-number", "-3",
                        "yesterday", "spaceship", "99999999999999999999", "xxxxxxxxxx", "maybe"))
                .contains("must be between -90 and 90", "is required", "must be from 0 to 3650",
                        "is not a plausible e-mail address", "is longer than 300 characters");
    }

    @Test
    void aGoodRowBecomesARegistrationOfKindOtherWithEmptyOptionalsAsNull() throws Exception {
        String business = TestFeeds.row("B-1", "registrant_type", "business")
                .replace(",,\"1 Main", ",Corner Market,\"1 Main");
        RecordingSink sink = importAll(TestFeeds.HEADER + "\n"
                + TestFeeds.row("R-1", "contact_email", "") + "\n"
                + business + "\n"
                + TestFeeds.row("W-1", "status", "withdrawn") + "\n");

        assertThat(sink.accepted).containsExactly(
                new ExternalRegistration("R-1", Instant.parse("2025-02-22T17:54:00Z"), false, new GeoPoint(39.1, -94.5),
                        "1 Main St, Kansas City, MO", null, CameraKind.OTHER, 2, true, 30, true, null, "+18165550100"),
                new ExternalRegistration("B-1", Instant.parse("2025-02-22T17:54:00Z"), false, new GeoPoint(39.1, -94.5),
                        "1 Main St, Kansas City, MO", "Corner Market", CameraKind.OTHER, 2, true, 30, true,
                        "owner@example.org", "+18165550100"),
                new ExternalRegistration("W-1", Instant.parse("2025-02-22T17:54:00Z"), true, new GeoPoint(39.1, -94.5),
                        "1 Main St, Kansas City, MO", null, CameraKind.OTHER, 2, true, 30, true, "owner@example.org",
                        "+18165550100"));
    }

    @Test
    void columnsMayComeInAnyOrderWithUnknownOnesIgnored() throws Exception {
        List<String> columns = new ArrayList<>(TestFeeds.COLUMNS);
        Collections.reverse(columns);
        String header = "notes," + String.join(",", columns);
        List<String> values = new ArrayList<>(TestFeeds.good("X-1").values());
        Collections.reverse(values);
        RecordingSink sink = importAll(header + "\n\"ignored, really\"," + String.join(",", values) + "\n");

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).singleElement().satisfies(r -> {
            assertThat(r.externalKey()).isEqualTo("X-1");
            assertThat(r.address()).isEqualTo("1 Main St, Kansas City, MO");
            assertThat(r.location()).isEqualTo(new GeoPoint(39.1, -94.5));
        });
    }

    @Test
    void optionalColumnsMayBeLeftOut() throws Exception {
        String header = TestFeeds.HEADER.replace("business_name,", "").replace("contact_email,contact_phone,", "");
        RecordingSink sink = importAll(header + "\nX-1,residence,1 Main St,39.1,-94.5,2,yes,30,no,2025-02-22T17:54:00Z,active\n");

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).singleElement().satisfies(r -> {
            assertThat(r.businessName()).isNull();
            assertThat(r.contactEmail()).isNull();
            assertThat(r.contactPhone()).isNull();
        });
    }

    @Test
    void aMissingRequiredColumnFailsTheFeedNamingTheColumn() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.HEADER.replace("latitude,", "") + "\n");
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> feed.importInto(sink, null))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage("the feed has no column latitude");
        assertThat(sink.touched()).isFalse();
    }

    @Test
    void aKnownColumnTwiceInTheHeaderFailsTheFeed() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.HEADER + ",address\n");

        assertThatThrownBy(() -> feed.importInto(new RecordingSink(), null))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage("the header names the column address twice");
    }

    @Test
    void anEmptyFileFailsTheFeed() throws Exception {
        assertThatThrownBy(() -> feed("").importInto(new RecordingSink(), null))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageContaining("no header");
    }

    @Test
    void aQuotedNewlineInAnAddressKeepsTheLineNumbersOfLaterRecordsRight() throws Exception {
        RecordingSink sink = importAll(TestFeeds.HEADER + "\n"
                + TestFeeds.row("A-1", "address", "\"1 Main St\nApt 2\nKansas City, MO\"") + "\n"
                + TestFeeds.row("A-2", "status", "gone") + "\n"
                + TestFeeds.row("A-3", "address", "\"4 Oak St\r\nKansas City\"") + "\r\n"
                + TestFeeds.row("A-4", "latitude", "north") + "\r\n");

        assertThat(sink.accepted).extracting(ExternalRegistration::address)
                .containsExactly("1 Main St\nApt 2\nKansas City, MO", "4 Oak St\r\nKansas City");
        assertThat(sink.rejected).extracting(RecordingSink.Rejection::line, RecordingSink.Rejection::column)
                .containsExactly(tuple(5L, "status"), tuple(8L, "latitude"));
        assertThat(sink.checkpoints).singleElement().asString().endsWith(":8");
    }

    @Test
    void aRecordIsRejectedWithItsFirstLineWhenItsQuotedFieldSpansLines() throws Exception {
        RecordingSink sink = importAll(TestFeeds.HEADER + "\n"
                + TestFeeds.row("A-1", "business_name", "\"Not\na business\"") + "\n");

        assertThat(sink.rejected).containsExactly(new RecordingSink.Rejection(2, "business_name", "must be empty for a residence"));
    }

    @Test
    void blankLinesAreSkippedAndCounted() throws Exception {
        RecordingSink sink = importAll(TestFeeds.HEADER + "\n\n" + TestFeeds.row("A-1") + "\n\n\n"
                + TestFeeds.row("A-2", "camera_count", "0") + "\n");

        assertThat(sink.acceptedIds()).containsExactly("A-1");
        assertThat(sink.rejected).extracting(RecordingSink.Rejection::line).containsExactly(6L);
    }

    @Test
    void aByteOrderMarkBeforeTheHeaderIsIgnored() throws Exception {
        RecordingSink sink = importAll("\uFEFF" + TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n");

        assertThat(sink.acceptedIds()).containsExactly("A-1");
    }

    @Test
    void aRecordWithMoreOrFewerFieldsThanTheHeaderIsRejectedAsAWhole() throws Exception {
        RecordingSink sink = importAll(TestFeeds.HEADER + "\n"
                + TestFeeds.row("A-1") + ",extra\n"
                + TestFeeds.row("A-2").replace(",active", "") + "\n"
                + TestFeeds.row("A-3") + "\n");

        assertThat(sink.acceptedIds()).containsExactly("A-3");
        assertThat(sink.rejected).extracting(RecordingSink.Rejection::line, RecordingSink.Rejection::column)
                .containsExactly(tuple(2L, null), tuple(3L, null));
    }

    @Test
    void aRepeatedRegistrationIdIsRejectedOnItsLaterRows() throws Exception {
        RecordingSink sink = importAll(TestFeeds.HEADER + "\n"
                + TestFeeds.row("A-1") + "\n"
                + TestFeeds.row("A-2") + "\n"
                + TestFeeds.row("A-1", "camera_count", "3") + "\n"
                + TestFeeds.row("A-2") + "\n");

        assertThat(sink.acceptedIds()).containsExactly("A-1", "A-2");
        assertThat(sink.rejected).containsExactly(
                new RecordingSink.Rejection(4, "registration_id", "duplicate in this feed"),
                new RecordingSink.Rejection(5, "registration_id", "duplicate in this feed"));
    }

    @Test
    void aFeedThatIsNotCsvFailsAfterHandingOverTheRowsBeforeTheFault() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.HEADER + "\n" + TestFeeds.row("A-1") + "\n"
                + TestFeeds.row("A-2", "address", "\"1 Main St\"oops") + "\n");
        RecordingSink sink = new RecordingSink();

        assertThatThrownBy(() -> feed.importInto(sink, null))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessage("the feed is not valid CSV (at or after line 3)");
        assertThat(sink.acceptedIds()).containsExactly("A-1");
    }

    @Test
    void aFeedThatIsNotUtf8Fails() throws Exception {
        byte[] latin1 = (TestFeeds.HEADER + "\n" + TestFeeds.row("A-1", "address", "Caf\u00e9 St"))
                .getBytes(StandardCharsets.ISO_8859_1);
        WatchKcFeed feed = WatchKcFeed.open(Files.write(dir.resolve("latin1.csv"), latin1), MAX);

        assertThatThrownBy(() -> feed.importInto(new RecordingSink(), null))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageStartingWith("the feed is not UTF-8 text");
    }

    @Test
    void aFeedLargerThanMaxBytesIsRefusedBeforeItIsRead() throws Exception {
        Path file = TestFeeds.write(dir.resolve("big.csv"), TestFeeds.generated(10));

        assertThatThrownBy(() -> WatchKcFeed.open(file, 100))
                .isInstanceOf(InvalidFeedException.class)
                .hasMessageContaining("more than maxBytes (100)");
    }

    @Test
    void checkpointsComeEveryThousandRecordsAndAtTheEnd() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.generated(2_500));
        RecordingSink sink = new RecordingSink();

        feed.importInto(sink, null);

        assertThat(sink.accepted).hasSize(2_500);
        assertThat(sink.checkpoints).containsExactly(
                feed.sha256() + ":1001", feed.sha256() + ":2001", feed.sha256() + ":2501");
    }

    @Test
    void aFeedOfExactlyTwoThousandRecordsIsNotCheckpointedTwiceAtTheEnd() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.generated(2_000));
        RecordingSink sink = new RecordingSink();

        feed.importInto(sink, null);

        assertThat(sink.checkpoints).containsExactly(feed.sha256() + ":1001", feed.sha256() + ":2001");
    }

    @Test
    void aHeaderOnlyFeedIsCheckpointedAtTheHeader() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.HEADER + "\n");
        RecordingSink sink = new RecordingSink();

        feed.importInto(sink, null);

        assertThat(sink.checkpoints).containsExactly(feed.sha256() + ":1");
    }

    @Test
    void resumingSkipsExactlyWhatTheInterruptedImportCommitted() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.generated(2_500));
        RecordingSink interrupted = new RecordingSink(1);
        assertThatThrownBy(() -> feed.importInto(interrupted, null)).isInstanceOf(SyncCancelledException.class);
        String committed = interrupted.checkpoints.get(0);
        assertThat(committed).isEqualTo(feed.sha256() + ":1001");

        RecordingSink resumed = new RecordingSink();
        WatchKcFeed.Counts counts = feed.importInto(resumed, committed);

        assertThat(counts).isEqualTo(new WatchKcFeed.Counts(1_500, 0, 1_000));
        assertThat(resumed.acceptedIds()).hasSize(1_500).first().isEqualTo("WKC-0001001");
        assertThat(resumed.checkpoints).containsExactly(feed.sha256() + ":2001", feed.sha256() + ":2501");
    }

    @Test
    void resumingNeitherRejectsAgainNorForgetsTheIdsItSkipped() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.HEADER + "\n"
                + TestFeeds.row("A-1") + "\n"
                + TestFeeds.row("A-2", "status", "gone") + "\n"
                + TestFeeds.row("A-3") + "\n"
                + TestFeeds.row("A-1") + "\n");
        RecordingSink sink = new RecordingSink();

        feed.importInto(sink, feed.sha256() + ":3");

        assertThat(sink.acceptedIds()).containsExactly("A-3");
        assertThat(sink.rejected).containsExactly(new RecordingSink.Rejection(5, "registration_id", "duplicate in this feed"));
    }

    @Test
    void aCheckpointOfAnotherFeedStartsAtTheTop() throws Exception {
        WatchKcFeed feed = feed(TestFeeds.generated(1_500));
        RecordingSink sink = new RecordingSink();

        feed.importInto(sink, "0".repeat(64) + ":1001");

        assertThat(sink.accepted).hasSize(1_500);
        assertThat(sink.acceptedIds().get(0)).isEqualTo("WKC-0000001");
    }
}
