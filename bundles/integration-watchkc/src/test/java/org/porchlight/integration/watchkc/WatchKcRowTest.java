package org.porchlight.integration.watchkc;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class WatchKcRowTest {

    @TempDir
    Path dir;

    /** Imports one good row with one column's raw CSV text replaced. */
    private RecordingSink importRow(String column, String rawValue) throws Exception {
        String content = TestFeeds.HEADER + "\n" + TestFeeds.row("X-1", column, rawValue) + "\n";
        RecordingSink sink = new RecordingSink();
        WatchKcFeed.open(TestFeeds.write(dir.resolve("feed.csv"), content), 1_000_000).importInto(sink, null);
        return sink;
    }

    @ParameterizedTest(name = "{0} = [{1}] is rejected: {2}")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "registration_id | ''                   | is required",
        "registration_id | 'AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA' | is longer than 64 characters",
        "registrant_type | Residence            | must be residence or business",
        "registrant_type | ''                   | must be residence or business",
        "business_name   | Corner Market        | must be empty for a residence",
        "address         | ''                   | is required",
        "latitude        | ''                   | is required",
        "latitude        | NaN                  | is not a decimal number of degrees",
        "latitude        | Infinity             | is not a decimal number of degrees",
        "latitude        | 1e1                  | is not a decimal number of degrees",
        "latitude        | 0x1p3                | is not a decimal number of degrees",
        "latitude        | -90.0000001          | must be between -90 and 90",
        "longitude       | 180.5                | must be between -180 and 180",
        "camera_count    | 0                    | must be from 1 to 500",
        "camera_count    | 501                  | must be from 1 to 500",
        "camera_count    | 2.5                  | is not a whole number from 1 to 500",
        "camera_count    | 2147483648           | must be from 1 to 500",
        "records_video   | true                 | must be yes or no",
        "retention_days  | -1                   | must be from 0 to 3650",
        "retention_days  | 3651                 | must be from 0 to 3650",
        "retention_days  | -99999999999999999999 | must be from 0 to 3650",
        "retention_days  | 3 days               | is not a whole number from 0 to 3650",
        "contact_ok      | ''                   | must be yes or no",
        "contact_email   | owner                | is not a plausible e-mail address",
        "contact_email   | owner@localhost      | is not a plausible e-mail address",
        "contact_email   | a b@example.org      | is not a plausible e-mail address",
        "contact_email   | \"<b>@example.org\"  | is not a plausible e-mail address",
        "contact_phone   | call me              | is not a plausible phone number",
        "contact_phone   | +1 <816>             | is not a plausible phone number",
        "contact_phone   | 12                   | is not a plausible phone number",
        "contact_phone   | 123456789012345678901234567890123 | is longer than 32 characters",
        "updated_at      | 2025-02-22           | is not an ISO-8601 instant such as 2025-02-22T17:54:00Z",
        "updated_at      | 2025-02-22T17:54:00  | is not an ISO-8601 instant such as 2025-02-22T17:54:00Z",
        "status          | Active               | must be active or withdrawn",
    })
    void aValueAgainstTheRulesIsRejectedForItsColumn(String column, String rawValue, String reason) throws Exception {
        RecordingSink sink = importRow(column, rawValue);

        assertThat(sink.accepted).isEmpty();
        assertThat(sink.rejected).containsExactly(new RecordingSink.Rejection(2, column, reason));
    }

    @ParameterizedTest(name = "{0} = [{1}] is accepted")
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "registration_id | ' WKC-1 '",
        "latitude        | -90",
        "latitude        | +39.123456789012345",
        "longitude       | 180.0",
        "camera_count    | 500",
        "camera_count    | 007",
        "retention_days  | 0",
        "retention_days  | 3650",
        "contact_email   | ''",
        "contact_email   | first.last+cams@mail.example.org",
        "contact_phone   | ''",
        "contact_phone   | (816) 555-0100",
        "contact_phone   | 816.555.0100 ext. 12",
        "updated_at      | 2025-02-22T17:54:00.123Z",
        "updated_at      | 2025-02-22T12:54:00-05:00",
        "status          | withdrawn",
    })
    void aValueWithinTheRulesIsAccepted(String column, String rawValue) throws Exception {
        RecordingSink sink = importRow(column, rawValue);

        assertThat(sink.rejected).isEmpty();
        assertThat(sink.accepted).hasSize(1);
    }
}
