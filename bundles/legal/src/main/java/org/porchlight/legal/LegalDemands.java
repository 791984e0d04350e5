package org.porchlight.legal;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.Database;

/**
 * The {@code legal.legal_demand} records and their rules: every query is scoped by the agency,
 * so another agency's demand is simply not found; status changes follow {@link LegalDemandStatus}
 * and their dates never run backwards or into the future (in the agency's time zone).
 */
public final class LegalDemands {

    /** What staff record about a demand; validated by {@link #create} and {@link #replaceDraft}. */
    public record Details(LegalDemandKind kind, String caseNumber, String documentReference, String vendor, String scope,
            Instant footageFrom, Instant footageTo, LocalDate issuedOn, LocalDate servedOn) {
    }

    /** A status change: {@code on} defaults to today; {@code issuedOn} only when serving a draft without one. */
    public record StatusChange(LegalDemandStatus status, LocalDate on, LocalDate issuedOn, String note) {
    }

    /** What the public page counts: a served demand's kind, current status and serving date. */
    record Served(LegalDemandKind kind, LegalDemandStatus status, LocalDate servedOn) {
    }

    private static final String COLUMNS = "id, agency_code, kind, status, case_number, document_reference, vendor, scope, "
            + "footage_from, footage_to, issued_on, served_on, status_on, created_by, created_at, updated_at";

    private final Database database;
    private final Clock clock;
    private final Function<String, ZoneId> zones;

    /** @param zones each agency's time zone, which decides what "today" is */
    LegalDemands(Database database, Clock clock, Function<String, ZoneId> zones) {
        this.database = database;
        this.clock = clock;
        this.zones = zones;
    }

    public LegalDemand create(String agency, UUID by, Details details) {
        LocalDate today = today(agency);
        checkDetails(details, today);
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        LegalDemandStatus status = details.servedOn() == null ? LegalDemandStatus.DRAFT : LegalDemandStatus.SERVED;
        return database.inTransaction(c -> {
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO legal.legal_demand (id, agency_code, kind, status, "
                    + "case_number, document_reference, vendor, scope, footage_from, footage_to, issued_on, served_on, status_on, "
                    + "created_by, created_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setString(2, agency);
                insert.setString(3, details.kind().name());
                insert.setString(4, status.name());
                insert.setString(5, details.caseNumber());
                insert.setString(6, details.documentReference());
                insert.setString(7, details.vendor());
                insert.setString(8, details.scope());
                insert.setTimestamp(9, Timestamp.from(details.footageFrom()));
                insert.setTimestamp(10, Timestamp.from(details.footageTo()));
                insert.setObject(11, details.issuedOn());
                insert.setObject(12, details.servedOn());
                insert.setObject(13, details.servedOn());
                insert.setObject(14, by);
                insert.setTimestamp(15, Timestamp.from(now));
                insert.setTimestamp(16, Timestamp.from(now));
                insert.executeUpdate();
            }
            recordChange(c, id, 1, status, details.servedOn(), null, by, now);
            return find(c, agency, id).orElseThrow();
        });
    }

    public Optional<LegalDemand> find(String agency, UUID id) {
        return database.withConnection(c -> find(c, agency, id));
    }

    /** Newest first; each filter may be {@code null}. */
    public List<LegalDemand> list(String agency, LegalDemandStatus status, LegalDemandKind kind, String caseNumber, int limit, int offset) {
        StringBuilder sql = new StringBuilder("SELECT " + COLUMNS + " FROM legal.legal_demand WHERE agency_code = ?");
        List<Object> parameters = new ArrayList<>(List.of(agency));
        if (status != null) {
            sql.append(" AND status = ?");
            parameters.add(status.name());
        }
        if (kind != null) {
            sql.append(" AND kind = ?");
            parameters.add(kind.name());
        }
        if (caseNumber != null) {
            sql.append(" AND case_number = ?");
            parameters.add(caseNumber);
        }
        sql.append(" ORDER BY created_at DESC, id LIMIT ? OFFSET ?");
        parameters.add(limit);
        parameters.add(offset);
        return RowQuery.list(database, sql.toString(), parameters, rs -> read(rs, null));
    }

    /** Replaces what staff recorded, while the demand is a draft; empty if the agency has no such demand. */
    Optional<LegalDemand> replaceDraft(String agency, UUID id, UUID by, Details details) {
        if (details.servedOn() != null) {
            throw LegalProblems.invalid("servedOn", "a draft is served by changing its status to SERVED");
        }
        checkDetails(details, today(agency));
        return database.inTransaction(c -> {
            Optional<LegalDemandStatus> current = lock(c, agency, id);
            if (current.isEmpty()) {
                return Optional.<LegalDemand>empty();
            }
            if (current.get() != LegalDemandStatus.DRAFT) {
                throw new ProblemException(LegalProblems.ILLEGAL_TRANSITION,
                        "The legal demand is " + current.get() + "; only a DRAFT can be changed.");
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE legal.legal_demand SET kind = ?, case_number = ?, "
                    + "document_reference = ?, vendor = ?, scope = ?, footage_from = ?, footage_to = ?, issued_on = ?, updated_at = ? "
                    + "WHERE id = ? AND agency_code = ?")) {
                update.setString(1, details.kind().name());
                update.setString(2, details.caseNumber());
                update.setString(3, details.documentReference());
                update.setString(4, details.vendor());
                update.setString(5, details.scope());
                update.setTimestamp(6, Timestamp.from(details.footageFrom()));
                update.setTimestamp(7, Timestamp.from(details.footageTo()));
                update.setObject(8, details.issuedOn());
                update.setTimestamp(9, Timestamp.from(clock.instant()));
                update.setObject(10, id);
                update.setString(11, agency);
                update.executeUpdate();
            }
            return find(c, agency, id);
        });
    }

    /**
     * Moves a demand to another status; empty if the agency has no such demand.
     *
     * @throws ProblemException 409 naming the current status if the change is not allowed from
     *         it, 400 if a date is in the future or before the current status's date
     */
    public Optional<LegalDemand> changeStatus(String agency, UUID id, UUID by, StatusChange change) {
        LocalDate today = today(agency);
        LocalDate on = change.on() == null ? today : change.on();
        if (on.isAfter(today)) {
            throw LegalProblems.invalid("on", "must not be in the future (today is " + today + " in the agency's time zone)");
        }
        return database.inTransaction(c -> {
            if (lock(c, agency, id).isEmpty()) {
                return Optional.<LegalDemand>empty();
            }
            LegalDemand demand = find(c, agency, id).orElseThrow();
            if (!demand.status().canBecome(change.status())) {
                throw new ProblemException(LegalProblems.ILLEGAL_TRANSITION, "The legal demand is " + demand.status()
                        + "; it cannot become " + change.status() + " (" + describe(demand.status()) + ").");
            }
            LocalDate issuedOn = demand.issuedOn();
            LocalDate servedOn = demand.servedOn();
            if (change.status() == LegalDemandStatus.SERVED) {
                if (change.issuedOn() != null) {
                    issuedOn = change.issuedOn();
                }
                if (issuedOn == null) {
                    throw LegalProblems.invalid("issuedOn", "a demand is served once it is issued: give the date it was issued");
                }
                if (issuedOn.isAfter(on)) {
                    throw LegalProblems.invalid("on", "must not be before the date the demand was issued (" + issuedOn + ")");
                }
                servedOn = on;
            } else {
                if (change.issuedOn() != null) {
                    throw LegalProblems.invalid("issuedOn", "only given when a draft is served");
                }
                if (demand.statusOn() != null && on.isBefore(demand.statusOn())) {
                    throw LegalProblems.invalid("on", "must not be before the date of the current status (" + demand.statusOn() + ")");
                }
            }
            Instant now = clock.instant();
            try (PreparedStatement update = c.prepareStatement("UPDATE legal.legal_demand SET status = ?, issued_on = ?, "
                    + "served_on = ?, status_on = ?, updated_at = ? WHERE id = ? AND agency_code = ?")) {
                update.setString(1, change.status().name());
                update.setObject(2, issuedOn);
                update.setObject(3, servedOn);
                update.setObject(4, on);
                update.setTimestamp(5, Timestamp.from(now));
                update.setObject(6, id);
                update.setString(7, agency);
                update.executeUpdate();
            }
            recordChange(c, id, demand.changes().size() + 1, change.status(), on, change.note(), by, now);
            return find(c, agency, id);
        });
    }

    /** The agency's demands served between two dates (inclusive), for the public counts. */
    List<Served> servedBetween(String agency, LocalDate first, LocalDate last) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT kind, status, served_on FROM legal.legal_demand "
                    + "WHERE agency_code = ? AND served_on >= ? AND served_on <= ?")) {
                select.setString(1, agency);
                select.setObject(2, first);
                select.setObject(3, last);
                List<Served> served = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        served.add(new Served(LegalDemandKind.valueOf(rs.getString(1)), LegalDemandStatus.valueOf(rs.getString(2)),
                                rs.getObject(3, LocalDate.class)));
                    }
                }
                return served;
            }
        });
    }

    private static void checkDetails(Details details, LocalDate today) {
        if (details.footageFrom().isAfter(details.footageTo())) {
            throw LegalProblems.invalid("footageTo", "must not be before footageFrom");
        }
        if (details.issuedOn() != null && details.issuedOn().isAfter(today)) {
            throw LegalProblems.invalid("issuedOn", "must not be in the future (today is " + today + " in the agency's time zone)");
        }
        if (details.servedOn() != null) {
            if (details.issuedOn() == null) {
                throw LegalProblems.invalid("issuedOn", "required when servedOn is given");
            }
            if (details.servedOn().isAfter(today)) {
                throw LegalProblems.invalid("servedOn", "must not be in the future (today is " + today + " in the agency's time zone)");
            }
            if (details.servedOn().isBefore(details.issuedOn())) {
                throw LegalProblems.invalid("servedOn", "must not be before issuedOn");
            }
        }
    }

    private static String describe(LegalDemandStatus status) {
        return status.isFinal() ? "it is final"
                : "it can become " + status.next().stream().map(Enum::name).collect(Collectors.joining(" or "));
    }

    private LocalDate today(String agency) {
        return LocalDate.ofInstant(clock.instant(), zones.apply(agency));
    }

    /** Locks the demand's row for a change; its status, or empty if the agency has no such demand. */
    private static Optional<LegalDemandStatus> lock(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT status FROM legal.legal_demand WHERE id = ? AND agency_code = ? FOR UPDATE")) {
            select.setObject(1, id);
            select.setString(2, agency);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(LegalDemandStatus.valueOf(rs.getString(1))) : Optional.empty();
            }
        }
    }

    private static void recordChange(Connection c, UUID demand, int seq, LegalDemandStatus status, LocalDate on, String note,
            UUID by, Instant at) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO legal.legal_demand_change (demand_id, seq, status, "
                + "happened_on, note, changed_by, changed_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            insert.setObject(1, demand);
            insert.setInt(2, seq);
            insert.setString(3, status.name());
            insert.setObject(4, on);
            insert.setString(5, note);
            insert.setObject(6, by);
            insert.setTimestamp(7, Timestamp.from(at));
            insert.executeUpdate();
        }
    }

    private static Optional<LegalDemand> find(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM legal.legal_demand WHERE id = ? AND agency_code = ?")) {
            select.setObject(1, id);
            select.setString(2, agency);
            try (ResultSet rs = select.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(read(rs, changes(c, id)));
            }
        }
    }

    private static List<LegalDemand.Change> changes(Connection c, UUID demand) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT status, happened_on, note, changed_by, changed_at "
                + "FROM legal.legal_demand_change WHERE demand_id = ? ORDER BY seq")) {
            select.setObject(1, demand);
            List<LegalDemand.Change> changes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    changes.add(new LegalDemand.Change(LegalDemandStatus.valueOf(rs.getString(1)), rs.getObject(2, LocalDate.class),
                            rs.getString(3), rs.getObject(4, UUID.class), rs.getTimestamp(5).toInstant()));
                }
            }
            return changes;
        }
    }

    private static LegalDemand read(ResultSet rs, List<LegalDemand.Change> changes) throws SQLException {
        LegalDemandStatus status = LegalDemandStatus.valueOf(rs.getString("status"));
        return new LegalDemand(rs.getObject("id", UUID.class), rs.getString("agency_code"), LegalDemandKind.valueOf(rs.getString("kind")),
                status, status.next(), rs.getString("case_number"), rs.getString("document_reference"), rs.getString("vendor"),
                rs.getString("scope"), rs.getTimestamp("footage_from").toInstant(), rs.getTimestamp("footage_to").toInstant(),
                rs.getObject("issued_on", LocalDate.class), rs.getObject("served_on", LocalDate.class),
                rs.getObject("status_on", LocalDate.class), rs.getObject("created_by", UUID.class),
                rs.getTimestamp("created_at").toInstant(), rs.getTimestamp("updated_at").toInstant(), changes);
    }
}
