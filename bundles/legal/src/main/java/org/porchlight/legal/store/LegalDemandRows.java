package org.porchlight.legal.store;

import static org.porchlight.sql.Rows.instant;
import static org.porchlight.sql.Rows.timestamp;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.legal.LegalDemand;
import org.porchlight.legal.LegalDemandKind;
import org.porchlight.legal.LegalDemandStatus;
import org.porchlight.legal.LegalDemands.Details;
import org.porchlight.legal.LegalDemands.Served;
import org.porchlight.sql.Rows;

/** All SQL about {@code legal.legal_demand} and the status changes recorded for each demand. */
public final class LegalDemandRows {

    private static final String COLUMNS = "id, agency_code, kind, status, case_number, document_reference, vendor, scope, "
            + "footage_from, footage_to, issued_on, served_on, status_on, created_by, created_at, updated_at";
    private static final String INSERT = "INSERT INTO legal.legal_demand (id, agency_code, kind, status, case_number, "
            + "document_reference, vendor, scope, footage_from, footage_to, issued_on, served_on, status_on, created_by, "
            + "created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String FIND = "SELECT " + COLUMNS + " FROM legal.legal_demand WHERE id = ? AND agency_code = ?";
    private static final String CHANGES = "SELECT status, happened_on, note, changed_by, changed_at "
            + "FROM legal.legal_demand_change WHERE demand_id = ? ORDER BY seq";
    private static final String LIST = "SELECT " + COLUMNS + " FROM legal.legal_demand WHERE agency_code = ?";
    private static final String AND_STATUS = " AND status = ?";
    private static final String AND_KIND = " AND kind = ?";
    private static final String AND_CASE = " AND case_number = ?";
    private static final String LIST_ORDER = " ORDER BY created_at DESC, id LIMIT ? OFFSET ?";
    private static final String LOCK = "SELECT status FROM legal.legal_demand WHERE id = ? AND agency_code = ? FOR UPDATE";
    private static final String REPLACE_DRAFT = "UPDATE legal.legal_demand SET kind = ?, case_number = ?, "
            + "document_reference = ?, vendor = ?, scope = ?, footage_from = ?, footage_to = ?, issued_on = ?, updated_at = ? "
            + "WHERE id = ? AND agency_code = ?";
    private static final String CHANGE_STATUS = "UPDATE legal.legal_demand SET status = ?, issued_on = ?, served_on = ?, "
            + "status_on = ?, updated_at = ? WHERE id = ? AND agency_code = ?";
    private static final String INSERT_CHANGE = "INSERT INTO legal.legal_demand_change (demand_id, seq, status, happened_on, "
            + "note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    private static final String SERVED_BETWEEN = "SELECT kind, status, served_on FROM legal.legal_demand "
            + "WHERE agency_code = ? AND served_on >= ? AND served_on <= ?";

    /** Saves a new demand in {@code status}; a served one takes its serving date as its status date. */
    public void insert(Connection c, UUID id, String agency, LegalDemandStatus status, Details details, UUID by, Instant now)
            throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, id);
            s.setString(2, agency);
            s.setString(3, details.kind().name());
            s.setString(4, status.name());
            s.setString(5, details.caseNumber());
            s.setString(6, details.documentReference());
            s.setString(7, details.vendor());
            s.setString(8, details.scope());
            s.setTimestamp(9, timestamp(details.footageFrom()));
            s.setTimestamp(10, timestamp(details.footageTo()));
            s.setObject(11, details.issuedOn());
            s.setObject(12, details.servedOn());
            s.setObject(13, details.servedOn());
            s.setObject(14, by);
            s.setTimestamp(15, timestamp(now));
            s.setTimestamp(16, timestamp(now));
            s.executeUpdate();
        }
    }

    /** The agency's demand with every status it took. */
    public Optional<LegalDemand> find(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(FIND)) {
            s.setObject(1, id);
            s.setString(2, agency);
            try (ResultSet rs = s.executeQuery()) {
                return rs.next() ? Optional.of(read(rs, changes(c, id))) : Optional.empty();
            }
        }
    }

    /** Newest first, without their changes; each filter may be {@code null}. */
    public List<LegalDemand> list(Connection c, String agency, LegalDemandStatus status, LegalDemandKind kind, String caseNumber,
            int limit, int offset) throws SQLException {
        String sql = LIST + (status != null ? AND_STATUS : "") + (kind != null ? AND_KIND : "")
                + (caseNumber != null ? AND_CASE : "") + LIST_ORDER;
        try (PreparedStatement s = c.prepareStatement(sql)) {
            int i = 1;
            s.setString(i++, agency);
            if (status != null) {
                s.setString(i++, status.name());
            }
            if (kind != null) {
                s.setString(i++, kind.name());
            }
            if (caseNumber != null) {
                s.setString(i++, caseNumber);
            }
            s.setInt(i++, limit);
            s.setInt(i, offset);
            return Rows.list(s, rs -> read(rs, null));
        }
    }

    /** Locks the demand's row for a change; its status, or empty if the agency has no such demand. */
    public Optional<LegalDemandStatus> lock(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setObject(1, id);
            s.setString(2, agency);
            return Rows.first(s, rs -> LegalDemandStatus.valueOf(rs.getString(1)));
        }
    }

    /** Replaces what staff recorded about a draft. */
    public void replaceDraft(Connection c, String agency, UUID id, Details details, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REPLACE_DRAFT)) {
            s.setString(1, details.kind().name());
            s.setString(2, details.caseNumber());
            s.setString(3, details.documentReference());
            s.setString(4, details.vendor());
            s.setString(5, details.scope());
            s.setTimestamp(6, timestamp(details.footageFrom()));
            s.setTimestamp(7, timestamp(details.footageTo()));
            s.setObject(8, details.issuedOn());
            s.setTimestamp(9, timestamp(now));
            s.setObject(10, id);
            s.setString(11, agency);
            s.executeUpdate();
        }
    }

    /** Moves the demand to {@code status}, effective {@code on}. */
    public void changeStatus(Connection c, String agency, UUID id, LegalDemandStatus status, LocalDate issuedOn,
            LocalDate servedOn, LocalDate on, Instant now) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CHANGE_STATUS)) {
            s.setString(1, status.name());
            s.setObject(2, issuedOn);
            s.setObject(3, servedOn);
            s.setObject(4, on);
            s.setTimestamp(5, timestamp(now));
            s.setObject(6, id);
            s.setString(7, agency);
            s.executeUpdate();
        }
    }

    /** Records the {@code seq}-th status the demand took. */
    public void recordChange(Connection c, UUID demand, int seq, LegalDemandStatus status, LocalDate on, String note, UUID by,
            Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_CHANGE)) {
            s.setObject(1, demand);
            s.setInt(2, seq);
            s.setString(3, status.name());
            s.setObject(4, on);
            s.setString(5, note);
            s.setObject(6, by);
            s.setTimestamp(7, timestamp(at));
            s.executeUpdate();
        }
    }

    /** The agency's demands served between two dates (inclusive), for the public counts. */
    public List<Served> servedBetween(Connection c, String agency, LocalDate first, LocalDate last) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SERVED_BETWEEN)) {
            s.setString(1, agency);
            s.setObject(2, first);
            s.setObject(3, last);
            return Rows.list(s, rs -> new Served(LegalDemandKind.valueOf(rs.getString(1)),
                    LegalDemandStatus.valueOf(rs.getString(2)), rs.getObject(3, LocalDate.class)));
        }
    }

    private static List<LegalDemand.Change> changes(Connection c, UUID demand) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(CHANGES)) {
            s.setObject(1, demand);
            return Rows.list(s, rs -> new LegalDemand.Change(LegalDemandStatus.valueOf(rs.getString(1)),
                    rs.getObject(2, LocalDate.class), rs.getString(3), rs.getObject(4, UUID.class), instant(rs, 5)));
        }
    }

    private static LegalDemand read(ResultSet rs, List<LegalDemand.Change> changes) throws SQLException {
        LegalDemandStatus status = LegalDemandStatus.valueOf(rs.getString("status"));
        return new LegalDemand(rs.getObject("id", UUID.class), rs.getString("agency_code"),
                LegalDemandKind.valueOf(rs.getString("kind")), status, status.next(), rs.getString("case_number"),
                rs.getString("document_reference"), rs.getString("vendor"), rs.getString("scope"),
                rs.getTimestamp("footage_from").toInstant(), rs.getTimestamp("footage_to").toInstant(),
                rs.getObject("issued_on", LocalDate.class), rs.getObject("served_on", LocalDate.class),
                rs.getObject("status_on", LocalDate.class), rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), changes);
    }
}
