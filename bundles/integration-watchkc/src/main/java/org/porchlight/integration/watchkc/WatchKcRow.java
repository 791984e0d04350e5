package org.porchlight.integration.watchkc;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.regex.Pattern;

import org.apache.commons.csv.CSVRecord;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.registry.ExternalRegistration;

/**
 * One record of a feed and the rules of WATCHKC-FEED.md. Columns are checked in the order of that
 * table and the first one at fault rejects the row. Limits match {@link ExternalRegistration}'s, so
 * a row that passes is always a registration the registry takes.
 */
final class WatchKcRow {

    static final String REGISTRATION_ID = "registration_id";
    static final String REGISTRANT_TYPE = "registrant_type";
    static final String BUSINESS_NAME = "business_name";
    static final String ADDRESS = "address";
    static final String LATITUDE = "latitude";
    static final String LONGITUDE = "longitude";
    static final String CAMERA_COUNT = "camera_count";
    static final String RECORDS_VIDEO = "records_video";
    static final String RETENTION_DAYS = "retention_days";
    static final String CONTACT_OK = "contact_ok";
    static final String CONTACT_EMAIL = "contact_email";
    static final String CONTACT_PHONE = "contact_phone";
    static final String UPDATED_AT = "updated_at";
    static final String STATUS = "status";

    static final List<String> COLUMNS = List.of(REGISTRATION_ID, REGISTRANT_TYPE, BUSINESS_NAME, ADDRESS, LATITUDE,
            LONGITUDE, CAMERA_COUNT, RECORDS_VIDEO, RETENTION_DAYS, CONTACT_OK, CONTACT_EMAIL, CONTACT_PHONE,
            UPDATED_AT, STATUS);

    /** Columns whose values may all be empty may also be left out of the feed. */
    static final List<String> REQUIRED_COLUMNS = COLUMNS.stream()
            .filter(c -> !List.of(BUSINESS_NAME, CONTACT_EMAIL, CONTACT_PHONE).contains(c))
            .toList();

    // Plain decimal degrees only: Double.parseDouble would also take NaN, Infinity, 1e2 and 0x1p3.
    private static final Pattern DECIMAL = Pattern.compile("[+-]?\\d{1,10}(\\.\\d{1,20})?");
    private static final Pattern WHOLE = Pattern.compile("[+-]?\\d+");
    private static final Pattern SIGN_AND_LEADING_ZEROS = Pattern.compile("^[+-]?0*");
    // The WHATWG "valid e-mail address" (what browsers accept in type=email), with a dot required in the domain.
    private static final Pattern EMAIL = Pattern.compile("[A-Za-z0-9.!#$%&'*+/=?^_`{|}~-]{1,64}"
            + "@[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?(?:\\.[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?)+");
    private static final int EMAIL_MAX = 254;
    // Digits with the usual separators, an optional leading +, an optional extension.
    private static final Pattern PHONE = Pattern.compile("\\+?[0-9 ().-]+(?: ?(?:x|ext\\.?) ?[0-9]{1,6})?");
    private static final int PHONE_MAX = 32;
    private static final int PHONE_MIN_DIGITS = 3;

    private final FeedHeader header;
    private final CSVRecord record;

    WatchKcRow(FeedHeader header, CSVRecord record) {
        this.header = header;
        this.record = record;
    }

    /** A record with more or fewer fields than the header is misaligned: none of its fields can be trusted. */
    void checkShape() throws RejectedRow {
        if (record.size() != header.width()) {
            throw new RejectedRow(null, "has " + record.size() + " fields where the header has " + header.width());
        }
    }

    /** The source's key: checked first, so that duplicates can be told apart before anything else. */
    String registrationId() throws RejectedRow {
        String id = required(REGISTRATION_ID);
        if (id.length() > 64) {
            throw new RejectedRow(REGISTRATION_ID, "is longer than 64 characters");
        }
        if (id.chars().anyMatch(Character::isISOControl)) {
            throw new RejectedRow(REGISTRATION_ID, "holds control characters");
        }
        return id;
    }

    /** The registration this row describes, with {@code id} from {@link #registrationId()}. */
    ExternalRegistration registration(String id) throws RejectedRow {
        boolean business = oneOf(REGISTRANT_TYPE, "residence", "business").equals("business");
        String businessName = text(BUSINESS_NAME, 200);
        if (!business && businessName != null) {
            throw new RejectedRow(BUSINESS_NAME, "must be empty for a residence");
        }
        String address = text(ADDRESS, 300);
        if (address == null) {
            throw new RejectedRow(ADDRESS, "is required");
        }
        double latitude = degrees(LATITUDE, 90);
        double longitude = degrees(LONGITUDE, 180);
        int cameraCount = whole(CAMERA_COUNT, 1, 500);
        boolean recording = oneOf(RECORDS_VIDEO, "yes", "no").equals("yes");
        int retentionDays = whole(RETENTION_DAYS, 0, 3650);
        boolean contactOk = oneOf(CONTACT_OK, "yes", "no").equals("yes");
        String email = email();
        String phone = phone();
        Instant updatedAt = instant(UPDATED_AT);
        boolean withdrawn = oneOf(STATUS, "active", "withdrawn").equals("withdrawn");
        return new ExternalRegistration(id, updatedAt, withdrawn, new GeoPoint(latitude, longitude), address,
                businessName, CameraKind.OTHER, cameraCount, recording, retentionDays, contactOk, email, phone);
    }

    private String required(String column) throws RejectedRow {
        String value = header.value(record, column);
        if (value.isEmpty()) {
            throw new RejectedRow(column, "is required");
        }
        return value;
    }

    /** Free text, or null if empty. Line breaks and tabs may appear in a quoted address; other control characters may not. */
    private String text(String column, int max) throws RejectedRow {
        String value = header.value(record, column);
        if (value.length() > max) {
            throw new RejectedRow(column, "is longer than " + max + " characters");
        }
        if (value.chars().anyMatch(c -> Character.isISOControl(c) && c != '\n' && c != '\r' && c != '\t')) {
            throw new RejectedRow(column, "holds control characters");
        }
        return value.isEmpty() ? null : value;
    }

    /** One of two exact, lower-case values. */
    private String oneOf(String column, String first, String second) throws RejectedRow {
        String value = header.value(record, column);
        if (value.equals(first) || value.equals(second)) {
            return value;
        }
        throw new RejectedRow(column, "must be " + first + " or " + second);
    }

    private double degrees(String column, int limit) throws RejectedRow {
        String value = required(column);
        if (!DECIMAL.matcher(value).matches()) {
            throw new RejectedRow(column, "is not a decimal number of degrees");
        }
        BigDecimal degrees = new BigDecimal(value);
        if (degrees.abs().compareTo(BigDecimal.valueOf(limit)) > 0) {
            throw new RejectedRow(column, "must be between -" + limit + " and " + limit);
        }
        return degrees.doubleValue();
    }

    private int whole(String column, int min, int max) throws RejectedRow {
        String value = required(column);
        if (!WHOLE.matcher(value).matches()) {
            throw new RejectedRow(column, "is not a whole number from " + min + " to " + max);
        }
        // Past nine digits it is out of range whatever it is: 99999999999999999999 must not overflow into it.
        String digits = SIGN_AND_LEADING_ZEROS.matcher(value).replaceFirst("");
        long number = digits.length() > 9 ? Long.MAX_VALUE : Long.parseLong(value);
        if (number < min || number > max) {
            throw new RejectedRow(column, "must be from " + min + " to " + max);
        }
        return (int) number;
    }

    private String email() throws RejectedRow {
        String value = header.value(record, CONTACT_EMAIL);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > EMAIL_MAX || !EMAIL.matcher(value).matches()) {
            throw new RejectedRow(CONTACT_EMAIL, "is not a plausible e-mail address");
        }
        return value;
    }

    private String phone() throws RejectedRow {
        String value = header.value(record, CONTACT_PHONE);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > PHONE_MAX) {
            throw new RejectedRow(CONTACT_PHONE, "is longer than " + PHONE_MAX + " characters");
        }
        if (!PHONE.matcher(value).matches() || value.chars().filter(Character::isDigit).count() < PHONE_MIN_DIGITS) {
            throw new RejectedRow(CONTACT_PHONE, "is not a plausible phone number");
        }
        return value;
    }

    private Instant instant(String column) throws RejectedRow {
        String value = required(column);
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new RejectedRow(column, "is not an ISO-8601 instant such as 2025-02-22T17:54:00Z");
        }
    }
}
