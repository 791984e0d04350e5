package org.porchlight.evidence.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.store.Database;
import org.porchlight.evidence.CustodyEvent;
import org.porchlight.evidence.StoredItem;
import org.porchlight.evidence.CustodyEvent.Kind;
import org.porchlight.evidence.crypto.MasterKeys.WrappedKey;

/** The evidence schema: items, their custody chains, uploads in progress and job leases. */
public final class EvidenceRecords {

    private static final String ITEM_COLUMNS = "id, agency_code, case_number, request_id, response_id, submitted_by, file_name, "
            + "content_type, size_bytes, sha256, received_at, store_name, key_id, wrapped_key, purged_at";
    /** What is read of an item: its columns and when it was shared (null while only prepared). */
    static final String READ_COLUMNS = ITEM_COLUMNS + ", shared_at";
    /** The agency sees shared items only: a prepared file is its sender's until they confirm the share. */
    private static final String SHARED = " AND shared_at IS NOT NULL";

    private final Database database;

    public EvidenceRecords(Database database) {
        this.database = database;
    }

    // --- uploads in progress -------------------------------------------------------------

    public void beginUpload(String blob, String store, Instant at) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO evidence.upload (blob, store_name, started_at) VALUES (?, ?, ?)")) {
                s.setString(1, blob);
                s.setString(2, store);
                s.setObject(3, time(at));
                return s.executeUpdate();
            }
        });
    }

    public void endUpload(String blob) {
        database.inTransaction(c -> endUpload(c, blob));
    }

    private static int endUpload(Connection c, String blob) throws SQLException {
        try (PreparedStatement s = c.prepareStatement("DELETE FROM evidence.upload WHERE blob = ?")) {
            s.setString(1, blob);
            return s.executeUpdate();
        }
    }

    /** Uploads begun before {@code before} and never recorded: (blob, store) pairs. */
    public List<String[]> staleUploads(Instant before, int limit) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT blob, store_name FROM evidence.upload WHERE started_at < ? ORDER BY started_at LIMIT " + limit)) {
                s.setObject(1, time(before));
                List<String[]> stale = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        stale.add(new String[] {rs.getString(1), rs.getString(2)});
                    }
                }
                return stale;
            }
        });
    }

    // --- items ---------------------------------------------------------------------------

    /**
     * Records a stored item and its receipt in one transaction, and ends its upload. Without a
     * {@code holder} it is shared on receipt; with one it is prepared for that holder.
     */
    public CustodyEvent insert(StoredItem stored, String detail, String requestId, String holder) {
        EvidenceItem item = stored.item();
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO evidence.item (" + ITEM_COLUMNS
                    + ", custody_sequence, custody_hash, shared_at, prepared_for) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL, 0, ?, ?, ?)")) {
                s.setObject(1, item.id());
                s.setString(2, item.agency());
                s.setString(3, item.caseNumber());
                s.setObject(4, item.request());
                s.setObject(5, item.response());
                s.setString(6, item.submittedBy());
                s.setString(7, item.fileName());
                s.setString(8, item.contentType());
                s.setLong(9, item.size());
                s.setString(10, item.sha256());
                s.setObject(11, time(item.receivedAt()));
                s.setString(12, stored.store());
                s.setString(13, stored.wrappedKey().keyId());
                s.setBytes(14, stored.wrappedKey().bytes());
                s.setString(15, CustodyEvent.GENESIS);
                s.setObject(16, holder == null ? time(item.receivedAt()) : null);
                s.setString(17, holder);
                s.executeUpdate();
            }
            endUpload(c, stored.blob());
            return appendCustody(c, item.id(), Kind.RECEIVED, item.submittedBy(), detail, requestId, item.receivedAt());
        });
    }

    public Optional<StoredItem> find(String agency, UUID id) {
        List<StoredItem> found = items("agency_code = ? AND id = ?" + SHARED, 1, agency, id);
        return found.stream().findFirst();
    }

    public List<StoredItem> byCase(String agency, String caseNumber, int limit) {
        return items("agency_code = ? AND case_number = ?" + SHARED, limit, agency, caseNumber);
    }

    public List<StoredItem> byRequest(String agency, UUID request, int limit) {
        return items("agency_code = ? AND request_id = ?" + SHARED, limit, agency, request);
    }

    /**
     * Shared items of {@code agency} received before {@code before} and not purged, oldest first.
     * Prepared files are not evidence yet: they go unshared, without a purge record, on their own schedule.
     */
    public List<StoredItem> receivedBefore(String agency, Instant before, int limit) {
        return items("agency_code = ? AND received_at < ? AND purged_at IS NULL" + SHARED, limit, agency, time(before));
    }

    /** Purged items whose blob may still be there or whose purge is not yet audited. */
    public List<StoredItem> purgesToComplete(int limit) {
        return items("purged_at IS NOT NULL AND purge_completed_at IS NULL", limit);
    }

    /** The agencies that have evidence not purged. */
    public List<String> agenciesWithEvidence() {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT DISTINCT agency_code FROM evidence.item WHERE purged_at IS NULL ORDER BY agency_code");
                    ResultSet rs = s.executeQuery()) {
                List<String> codes = new ArrayList<>();
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
                return codes;
            }
        });
    }

    /** How many items not purged each master key wrapped. */
    public Map<String, Long> itemsByMasterKey() {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "SELECT key_id, COUNT(*) FROM evidence.item WHERE purged_at IS NULL GROUP BY key_id ORDER BY key_id");
                    ResultSet rs = s.executeQuery()) {
                Map<String, Long> counts = new LinkedHashMap<>();
                while (rs.next()) {
                    counts.put(rs.getString(1), rs.getLong(2));
                }
                return counts;
            }
        });
    }

    /** Whether any file key is stored wrapped, or any upload is under way: then a new master key would not do. */
    public boolean holdsWrappedKeys() {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT (SELECT COUNT(*) FROM evidence.item WHERE wrapped_key IS NOT NULL) "
                    + "+ (SELECT COUNT(*) FROM evidence.upload)"); ResultSet rs = s.executeQuery()) {
                rs.next();
                return rs.getLong(1) > 0;
            }
        });
    }

    /**
     * Deletes the item's wrapped key, which makes its content unreadable wherever a copy of the
     * blob is, and records the purge in its custody chain. False if it was purged already.
     */
    public boolean shred(UUID id, Instant at, String actor, String detail) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE evidence.item SET wrapped_key = NULL, key_id = NULL, purged_at = ? "
                    + "WHERE id = ? AND purged_at IS NULL")) {
                s.setObject(1, time(at));
                s.setObject(2, id);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            appendCustody(c, id, Kind.PURGED, actor, detail, null, at);
            return true;
        });
    }

    /** What is recorded with a completed purge, in its transaction (its audit entry). */
    public interface PurgeRecord {
        void completed(Connection c) throws SQLException;
    }

    /**
     * Marks the purge complete and runs {@code record} in the same transaction, once: false, with
     * nothing recorded, if it was complete already (another node finished it first).
     */
    public boolean completePurge(UUID id, Instant at, PurgeRecord record) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE evidence.item SET purge_completed_at = ? WHERE id = ? AND purge_completed_at IS NULL")) {
                s.setObject(1, time(at));
                s.setObject(2, id);
                if (s.executeUpdate() == 0) {
                    return false;
                }
            }
            record.completed(c);
            return true;
        });
    }

    private List<StoredItem> items(String where, int limit, Object... parameters) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + READ_COLUMNS + " FROM evidence.item WHERE " + where
                    + " ORDER BY received_at, id LIMIT " + limit)) {
                for (int i = 0; i < parameters.length; i++) {
                    s.setObject(i + 1, parameters[i]);
                }
                List<StoredItem> items = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        items.add(item(rs));
                    }
                }
                return items;
            }
        });
    }

    static StoredItem item(ResultSet rs) throws SQLException {
        EvidenceItem item = new EvidenceItem(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getObject(4, UUID.class),
                rs.getObject(5, UUID.class), rs.getString(6), rs.getString(7), rs.getString(8), rs.getLong(9), rs.getString(10),
                instant(rs, 11));
        String keyId = rs.getString(13);
        byte[] wrapped = rs.getBytes(14);
        return new StoredItem(item, rs.getString(12), keyId == null || wrapped == null ? null : new WrappedKey(keyId, wrapped),
                instant(rs, 15), instant(rs, 16));
    }

    /** An item's wrapped file key. */
    public record Wrapped(UUID id, WrappedKey key) {
    }

    /** File keys not purged that one of {@code keyIds} wrapped. */
    public List<Wrapped> wrappedBy(java.util.Collection<String> keyIds, int limit) {
        if (keyIds.isEmpty()) {
            return List.of();
        }
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT id, key_id, wrapped_key FROM evidence.item WHERE wrapped_key IS NOT NULL "
                    + "AND key_id IN (" + String.join(", ", java.util.Collections.nCopies(keyIds.size(), "?")) + ") ORDER BY id LIMIT " + limit)) {
                int i = 1;
                for (String id : keyIds) {
                    s.setString(i++, id);
                }
                List<Wrapped> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Wrapped(rs.getObject(1, UUID.class), new WrappedKey(rs.getString(2), rs.getBytes(3))));
                    }
                }
                return found;
            }
        });
    }

    /** Replaces a wrapped file key, unless it changed meanwhile (purged, or re-wrapped by another node). */
    public boolean rewrap(UUID id, WrappedKey old, WrappedKey now) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE evidence.item SET key_id = ?, wrapped_key = ? "
                    + "WHERE id = ? AND key_id = ? AND purged_at IS NULL")) {
                s.setString(1, now.keyId());
                s.setBytes(2, now.bytes());
                s.setObject(3, id);
                s.setString(4, old.keyId());
                return s.executeUpdate() == 1;
            }
        });
    }

    // --- custody -------------------------------------------------------------------------

    /** Appends an event to the item's chain in its own transaction. */
    public CustodyEvent recordCustody(UUID item, Kind kind, String actor, String detail, String requestId, Instant at) {
        return database.inTransaction(c -> appendCustody(c, item, kind, actor, detail, requestId, at));
    }

    /** Appends an event to the item's chain; the item's row lock orders appends from every node. */
    static CustodyEvent appendCustody(Connection c, UUID item, Kind kind, String actor, String detail, String requestId,
            Instant when) throws SQLException {
        Instant at = when.truncatedTo(ChronoUnit.MICROS);
        int sequence;
        String previous;
        try (PreparedStatement s = c.prepareStatement(
                "SELECT custody_sequence, custody_hash FROM evidence.item WHERE id = ? FOR UPDATE")) {
            s.setObject(1, item);
            try (ResultSet rs = s.executeQuery()) {
                if (!rs.next()) {
                    throw new SQLException("no evidence item " + item);
                }
                sequence = rs.getInt(1) + 1;
                previous = rs.getString(2);
            }
        }
        String cutActor = cut(actor, 200);
        String cutDetail = cut(detail, 500);
        String hash = CustodyEvent.hash(item, previous, sequence, at, kind, cutActor, cutDetail, requestId);
        try (PreparedStatement s = c.prepareStatement("INSERT INTO evidence.custody_event (item_id, seq, occurred_at, kind, actor, "
                + "detail, request_id, previous_hash, hash) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setObject(1, item);
            s.setInt(2, sequence);
            s.setObject(3, time(at));
            s.setString(4, kind.name());
            s.setString(5, cutActor);
            s.setString(6, cutDetail);
            s.setString(7, requestId);
            s.setString(8, previous);
            s.setString(9, hash);
            s.executeUpdate();
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE evidence.item SET custody_sequence = ?, custody_hash = ? WHERE id = ?")) {
            s.setInt(1, sequence);
            s.setString(2, hash);
            s.setObject(3, item);
            s.executeUpdate();
        }
        return new CustodyEvent(sequence, at, kind, cutActor, cutDetail, requestId, previous, hash);
    }

    public List<CustodyEvent> custody(UUID item) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT seq, occurred_at, kind, actor, detail, request_id, previous_hash, hash "
                    + "FROM evidence.custody_event WHERE item_id = ? ORDER BY seq")) {
                s.setObject(1, item);
                List<CustodyEvent> events = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        events.add(new CustodyEvent(rs.getInt(1), instant(rs, 2), Kind.valueOf(rs.getString(3)), rs.getString(4),
                                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8)));
                    }
                }
                return events;
            }
        });
    }

    // --- job leases ----------------------------------------------------------------------

    /** Takes or renews the job's lease until {@code until}; false while another node holds it. */
    public boolean lease(String job, String node, Instant now, Instant until) {
        return database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE evidence.job_lease SET holder = ?, lease_until = ? "
                    + "WHERE job = ? AND (holder IS NULL OR holder = ? OR lease_until < ?)")) {
                s.setString(1, node);
                s.setObject(2, time(until));
                s.setString(3, job);
                s.setString(4, node);
                s.setObject(5, time(now));
                return s.executeUpdate() == 1;
            }
        });
    }

    public void release(String job, String node) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement(
                    "UPDATE evidence.job_lease SET holder = NULL, lease_until = NULL WHERE job = ? AND holder = ?")) {
                s.setString(1, job);
                s.setString(2, node);
                return s.executeUpdate();
            }
        });
    }

    // --- values ----------------------------------------------------------------------------

    static OffsetDateTime time(Instant at) {
        return at == null ? null : OffsetDateTime.ofInstant(at, ZoneOffset.UTC);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        OffsetDateTime time = rs.getObject(column, OffsetDateTime.class);
        return time == null ? null : time.toInstant();
    }

    private static String cut(String value, int max) {
        return value == null || value.length() <= max ? value : value.substring(0, max);
    }
}
