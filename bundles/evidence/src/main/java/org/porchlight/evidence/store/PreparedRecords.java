package org.porchlight.evidence.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.evidence.CustodyEvent;
import org.porchlight.evidence.StoredItem;
import org.porchlight.evidence.CustodyEvent.Kind;

/** The evidence schema as prepared files see it: held for their sender until shared, or deleted. */
public final class PreparedRecords {

    static final ProblemType NOT_PREPARED = ProblemType.named("file-not-prepared", "Not a prepared file", 409);

    private static final String PREPARED = "agency_code = ? AND prepared_for = ? AND shared_at IS NULL AND purged_at IS NULL";
    private static final String QUALIFIED = "i." + String.join(", i.", EvidenceRecords.READ_COLUMNS.split(", "));

    /** A deleted prepared file's stored bytes, still to be removed from its store. */
    public record Blob(String blob, String store) {
    }

    private final Database database;

    public PreparedRecords(Database database) {
        this.database = database;
    }

    /** The holder's prepared files, oldest first. */
    public List<StoredItem> prepared(String agency, String holder) {
        return database.withConnection(c -> select(c, "SELECT " + EvidenceRecords.READ_COLUMNS + " FROM evidence.item WHERE "
                + PREPARED + " ORDER BY received_at, id LIMIT 1000", List.of(agency, holder)));
    }

    /** Marks the holder's prepared {@code ids} shared and appends SHARED to each chain, in the caller's transaction. */
    public List<SharedEvidence> share(Connection c, String agency, String holder, Collection<UUID> ids, String actor, String requestId,
            Instant when) throws SQLException {
        Set<UUID> wanted = new LinkedHashSet<>(ids);
        if (wanted.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(agency, holder));
        parameters.addAll(wanted);
        Map<UUID, StoredItem> found = select(c, "SELECT " + EvidenceRecords.READ_COLUMNS + " FROM evidence.item WHERE " + PREPARED
                + " AND id IN (" + marks(wanted.size()) + ") FOR UPDATE", parameters).stream()
                .collect(Collectors.toMap(StoredItem::id, Function.identity()));
        List<UUID> missing = wanted.stream().filter(id -> !found.containsKey(id)).toList();
        if (!missing.isEmpty()) {
            throw new ProblemException(NOT_PREPARED, "Not a file prepared for this answer (shared already, removed or unknown): "
                    + missing + ". Nothing was shared.");
        }
        Instant at = when.truncatedTo(ChronoUnit.MICROS);
        try (PreparedStatement s = c.prepareStatement("UPDATE evidence.item SET shared_at = ? WHERE shared_at IS NULL AND id IN ("
                + marks(wanted.size()) + ")")) {
            s.setObject(1, EvidenceRecords.time(at));
            int i = 2;
            for (UUID id : wanted) {
                s.setObject(i++, id);
            }
            s.executeUpdate();
        }
        List<SharedEvidence> shares = new ArrayList<>();
        for (UUID id : wanted) { // one chain per item: each append locks and extends its own chain
            EvidenceItem item = found.get(id).item();
            CustodyEvent event = EvidenceRecords.appendCustody(c, id, Kind.SHARED, actor, "sha256=" + item.sha256() + " size="
                    + item.size(), requestId, at);
            shares.add(new SharedEvidence(item, event.at(), event.actor(), event.sequence(), event.hash()));
        }
        return shares;
    }

    /** What the holder shared, with the SHARED event of each item's chain, oldest share first. */
    public List<SharedEvidence> shared(String agency, String holder) {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT " + QUALIFIED + ", e.occurred_at, e.actor, e.seq, e.hash "
                    + "FROM evidence.item i JOIN evidence.custody_event e ON e.item_id = i.id AND e.kind = 'SHARED' "
                    + "WHERE i.agency_code = ? AND i.prepared_for = ? ORDER BY e.occurred_at, i.id LIMIT 1000")) {
                s.setString(1, agency);
                s.setString(2, holder);
                List<SharedEvidence> shares = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        shares.add(new SharedEvidence(EvidenceRecords.item(rs).item(), EvidenceRecords.instant(rs, 17),
                                rs.getString(18), rs.getInt(19), rs.getString(20)));
                    }
                }
                return shares;
            }
        });
    }

    /**
     * Deletes the holder's prepared files ({@code ids}, or all if null) with their custody events,
     * and returns their blobs, each entered as an upload in progress so that a blob the caller
     * fails to remove is swept later.
     */
    public List<Blob> discard(String agency, String holder, Collection<UUID> ids, Instant now) {
        if (ids != null && ids.isEmpty()) {
            return List.of();
        }
        List<Object> parameters = new ArrayList<>(List.of(agency, holder));
        String where = PREPARED;
        if (ids != null) {
            Set<UUID> wanted = new LinkedHashSet<>(ids);
            where += " AND id IN (" + marks(wanted.size()) + ")";
            parameters.addAll(wanted);
        }
        return remove(where, parameters, now);
    }

    /** Deletes prepared files received before {@code before} that nobody shared, up to {@code limit}. */
    public List<Blob> discardUnsharedBefore(Instant before, int limit, Instant now) {
        return remove("shared_at IS NULL AND prepared_for IS NOT NULL AND purged_at IS NULL AND received_at < ? "
                + "ORDER BY received_at LIMIT " + limit, List.of(EvidenceRecords.time(before)), now);
    }

    private List<Blob> remove(String where, List<Object> parameters, Instant now) {
        return database.inTransaction(c -> {
            List<StoredItem> gone = select(c, "SELECT " + EvidenceRecords.READ_COLUMNS + " FROM evidence.item WHERE " + where
                    + " FOR UPDATE", parameters);
            if (gone.isEmpty()) {
                return List.of();
            }
            List<Object> ids = gone.stream().map(item -> (Object) item.id()).toList();
            try (PreparedStatement s = c.prepareStatement(
                    "INSERT INTO evidence.upload (blob, store_name, started_at) VALUES (?, ?, ?)")) {
                for (StoredItem item : gone) {
                    s.setString(1, item.blob());
                    s.setString(2, item.store());
                    s.setObject(3, EvidenceRecords.time(now));
                    s.addBatch();
                }
                s.executeBatch();
            }
            update(c, "DELETE FROM evidence.custody_event WHERE item_id IN (" + marks(ids.size()) + ")", ids);
            update(c, "DELETE FROM evidence.item WHERE id IN (" + marks(ids.size()) + ")", ids);
            return gone.stream().map(item -> new Blob(item.blob(), item.store())).toList();
        });
    }

    private static List<StoredItem> select(Connection c, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            List<StoredItem> items = new ArrayList<>();
            try (ResultSet rs = s.executeQuery()) {
                while (rs.next()) {
                    items.add(EvidenceRecords.item(rs));
                }
            }
            return items;
        }
    }

    private static void update(Connection c, String sql, List<Object> parameters) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(sql)) {
            bind(s, parameters);
            s.executeUpdate();
        }
    }

    private static void bind(PreparedStatement s, List<Object> parameters) throws SQLException {
        for (int i = 0; i < parameters.size(); i++) {
            s.setObject(i + 1, parameters.get(i));
        }
    }

    private static String marks(int n) {
        return String.join(", ", Collections.nCopies(n, "?"));
    }
}
