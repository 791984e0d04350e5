package org.porchlight.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.registry.CameraOwner;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;

/** The {@code registry} tables. Every owner-facing query is scoped by the owner's id. */
final class Registrations {

    /** What an owner sets; the registry adds the rest. */
    record Details(GeoPoint location, String address, CameraKind kind, int cameraCount, Integer bearing,
            Integer viewAngle, boolean recording, int retentionDays, boolean contactOk, boolean exactLocationOk,
            boolean paused, List<String> agencies) {
    }

    private static final String COLUMNS = "id, latitude, longitude, address, kind, camera_count, bearing, view_angle, "
            + "recording, retention_days, contact_ok, exact_location_ok, paused, verified, source, confirmed_at, "
            + "created_at, updated_at";
    /** Matched by requests and counted: the same rule everywhere. */
    static final String ACTIVE = "paused = FALSE AND recording = TRUE AND withdrawn = FALSE AND confirmed_at >= ?";

    /** A write would give the resident more active registrations than {@code maxActiveRegistrationsPerOwner}. */
    static final ProblemType TOO_MANY_ACTIVE = ProblemType.named("too-many-active-registrations",
            "Too many active registrations", 409);

    private static final String ENSURE_OWNER = "INSERT INTO registry.registration_owner (owner_id) SELECT CAST(? AS UUID) "
            + "WHERE NOT EXISTS (SELECT 1 FROM registry.registration_owner WHERE owner_id = ?)";
    private static final String LOCK_OWNER = "SELECT owner_id FROM registry.registration_owner WHERE owner_id = ? FOR UPDATE";
    private static final String COUNT_ACTIVE = "SELECT COUNT(*), COALESCE(SUM(CASE WHEN id = ? THEN 1 ELSE 0 END), 0) "
            + "FROM registry.camera WHERE owner_id = ? AND " + ACTIVE;
    private static final String SELECT_STATE = "SELECT paused, recording, withdrawn FROM registry.camera "
            + "WHERE id = ? AND owner_id = ?";

    private final Database database;
    private final Clock clock;
    private final int confirmationMonths;
    private final int maxActive;
    private final Removals removals;

    Registrations(Database database, Clock clock, int confirmationMonths, int maxActive) {
        this.database = database;
        this.clock = clock;
        this.confirmationMonths = confirmationMonths;
        this.maxActive = maxActive;
        this.removals = new Removals(clock);
    }

    Registration create(UUID owner, Details details) {
        UUID id = UUID.randomUUID();
        Instant now = clock.instant();
        boolean active = !details.paused() && details.recording();
        if (active) {
            ensureOwnerRow(owner);
        }
        return database.inTransaction(c -> {
            if (active) {
                admit(c, owner, id);
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO registry.camera (id, owner_id, latitude, longitude, "
                    + "cell, address, kind, camera_count, bearing, view_angle, recording, retention_days, contact_ok, "
                    + "exact_location_ok, paused, withdrawn, verified, confirmed_at, created_at, updated_at) "
                    + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, FALSE, FALSE, ?, ?, ?)")) {
                insert.setObject(1, id);
                insert.setObject(2, owner);
                setDetails(insert, 3, details);
                insert.setTimestamp(16, Timestamp.from(now));
                insert.setTimestamp(17, Timestamp.from(now));
                insert.setTimestamp(18, Timestamp.from(now));
                insert.executeUpdate();
            }
            setAgencies(c, id, details.agencies());
            ActiveCameraIndex.changed(c, now, List.of(id));
            return find(c, owner, id).orElseThrow();
        });
    }

    List<Registration> list(UUID owner) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM registry.camera WHERE owner_id = ? "
                    + "ORDER BY created_at, id")) {
                select.setObject(1, owner);
                return read(c, select);
            }
        });
    }

    Optional<Registration> find(UUID owner, UUID id) {
        return database.withConnection(c -> find(c, owner, id));
    }

    /** Replaces what the owner sets; empty if the owner has no such registration. */
    Optional<Registration> update(UUID owner, UUID id, Details details) {
        boolean active = !details.paused() && details.recording();
        if (active) {
            ensureOwnerRow(owner);
        }
        return database.inTransaction(c -> {
            if (active && state(c, owner, id).map(s -> !s[2]).orElse(false)) {
                admit(c, owner, id);
            }
            try (PreparedStatement update = c.prepareStatement("UPDATE registry.camera SET latitude = ?, longitude = ?, cell = ?, "
                    + "address = ?, kind = ?, camera_count = ?, bearing = ?, view_angle = ?, recording = ?, retention_days = ?, "
                    + "contact_ok = ?, exact_location_ok = ?, paused = ?, updated_at = ? WHERE id = ? AND owner_id = ?")) {
                setDetails(update, 1, details);
                update.setTimestamp(14, Timestamp.from(clock.instant()));
                update.setObject(15, id);
                update.setObject(16, owner);
                if (update.executeUpdate() == 0) {
                    return Optional.<Registration>empty();
                }
            }
            setAgencies(c, id, details.agencies());
            ActiveCameraIndex.changed(c, clock.instant(), List.of(id));
            return find(c, owner, id);
        });
    }

    /** The owner confirms the registration is still right: matched for another period. */
    Optional<Registration> confirm(UUID owner, UUID id) {
        ensureOwnerRow(owner);
        return database.inTransaction(c -> {
            if (state(c, owner, id).map(s -> !s[0] && s[1] && !s[2]).orElse(false)) {
                admit(c, owner, id); // a registration that had lapsed becomes active again
            }
            try (PreparedStatement update = c.prepareStatement(
                    "UPDATE registry.camera SET confirmed_at = ?, updated_at = ? WHERE id = ? AND owner_id = ?")) {
                Timestamp now = Timestamp.from(clock.instant());
                update.setTimestamp(1, now);
                update.setTimestamp(2, now);
                update.setObject(3, id);
                update.setObject(4, owner);
                if (update.executeUpdate() == 0) {
                    return Optional.<Registration>empty();
                }
                ActiveCameraIndex.changed(c, clock.instant(), List.of(id));
                return find(c, owner, id);
            }
        });
    }

    /**
     * Deletes the registration and everything about it; false if the owner has no such
     * registration. One the owner claimed from a source leaves a tombstone ({@link Removals}).
     */
    boolean delete(UUID owner, UUID id) {
        return database.inTransaction(c -> removals.delete(c, owner, id));
    }

    /** Every registration of {@code account}, its pending claims and its owner row, in the caller's transaction ({@link Removals#deleteAll}). */
    long deleteAll(Connection c, UUID account) throws SQLException {
        return removals.deleteAll(c, account);
    }

    /** An agency marks a registration it may ask as verified; false if it may not ask it. */
    boolean markVerified(String agency, UUID id) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE registry.camera SET verified = TRUE WHERE id = ? AND id IN "
                    + "(SELECT camera_id FROM registry.camera_agency WHERE agency_code = ?)")) {
                update.setObject(1, id);
                update.setString(2, agency);
                return update.executeUpdate() == 1;
            }
        });
    }

    /** A registration's location and whether its owner lets agencies see it exactly, if {@code agency} may ask it. */
    Optional<Map.Entry<GeoPoint, Boolean>> locationFor(UUID id, String agency) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT latitude, longitude, exact_location_ok FROM registry.camera "
                    + "WHERE id = ? AND id IN (SELECT camera_id FROM registry.camera_agency WHERE agency_code = ?)")) {
                select.setObject(1, id);
                select.setString(2, agency);
                try (ResultSet rs = select.executeQuery()) {
                    return rs.next() ? Optional.of(Map.entry(new GeoPoint(rs.getDouble(1), rs.getDouble(2)), rs.getBoolean(3)))
                            : Optional.<Map.Entry<GeoPoint, Boolean>>empty();
                }
            }
        });
    }

    /** Active registrations in the box's index cells that {@code agency} may ask: candidates for an exact test. */
    List<Candidate> candidates(Area area, String agency) {
        List<Long> cells = Grid.cells(AreaGeometry.bounds(area));
        return database.withConnection(c -> {
            String in = cells.stream().map(x -> "?").collect(Collectors.joining(","));
            // Driven by the cell index; the agency check is a primary-key probe per candidate.
            try (PreparedStatement select = c.prepareStatement("SELECT c.id, c.owner_id, c.source, c.contact_ok, c.latitude, "
                    + "c.longitude FROM registry.camera c WHERE c.cell IN (" + in + ") AND " + ACTIVE + " AND EXISTS "
                    + "(SELECT 1 FROM registry.camera_agency a WHERE a.camera_id = c.id AND a.agency_code = ?)")) {
                int i = 1;
                for (long cell : cells) {
                    select.setLong(i++, cell);
                }
                select.setTimestamp(i++, Timestamp.from(activeSince()));
                select.setString(i, agency);
                List<Candidate> found = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Candidate(new CameraOwner(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getString(3), rs.getBoolean(4)), new GeoPoint(rs.getDouble(5), rs.getDouble(6))));
                    }
                }
                return found;
            }
        });
    }

    record Candidate(CameraOwner owner, GeoPoint location) {
    }

    /**
     * Refuses a write that would make registration {@code id} active when its owner already has
     * {@code maxActive} other active ones. The owner's row is locked first, so that writes of the
     * same owner on any node pass this check one at a time. One that is active already passes:
     * an owner above the cap (e.g. by claiming imported registrations) may still edit it.
     */
    private void admit(Connection c, UUID owner, UUID id) throws SQLException {
        try (PreparedStatement lock = c.prepareStatement(LOCK_OWNER)) {
            lock.setObject(1, owner);
            lock.executeQuery().close();
        }
        try (PreparedStatement count = c.prepareStatement(COUNT_ACTIVE)) {
            count.setObject(1, id);
            count.setObject(2, owner);
            count.setTimestamp(3, Timestamp.from(activeSince()));
            try (ResultSet rs = count.executeQuery()) {
                rs.next();
                long self = rs.getLong(2);
                long others = rs.getLong(1) - self;
                if (self == 0 && others >= maxActive) {
                    throw new ProblemException(TOO_MANY_ACTIVE, "A resident may have at most " + maxActive
                            + " active registrations; pause or delete one first.");
                }
            }
        }
    }

    /** The owner's row to lock, made in a transaction of its own (a concurrent maker wins, which is as good). */
    private void ensureOwnerRow(UUID owner) {
        try {
            database.inTransaction(c -> {
                try (PreparedStatement insert = c.prepareStatement(ENSURE_OWNER)) {
                    insert.setObject(1, owner);
                    insert.setObject(2, owner);
                    return insert.executeUpdate();
                }
            });
        } catch (StorageException e) {
            // The same owner's row was made by a concurrent write: the lock below finds it.
        }
    }

    /** {paused, recording, withdrawn} of one of the owner's registrations, if it is theirs. */
    private static Optional<boolean[]> state(Connection c, UUID owner, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(SELECT_STATE)) {
            select.setObject(1, id);
            select.setObject(2, owner);
            try (ResultSet rs = select.executeQuery()) {
                return rs.next() ? Optional.of(new boolean[] {rs.getBoolean(1), rs.getBoolean(2), rs.getBoolean(3)})
                        : Optional.<boolean[]>empty();
            }
        }
    }

    /** A resident's registration due for confirmation, and when. */
    record Due(UUID registration, UUID owner, Instant due) {
    }

    /**
     * Residents' registrations whose confirmation falls due within {@code notice} (or has), whose
     * owners were not reminded since they last confirmed.
     */
    List<Due> dueForReminder(Duration notice, int limit) {
        Instant confirmedBefore = clock.instant().plus(notice).atOffset(ZoneOffset.UTC).minusMonths(confirmationMonths).toInstant();
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement("SELECT id, owner_id, confirmed_at FROM registry.camera "
                    + "WHERE confirmed_at < ? AND owner_id IS NOT NULL AND withdrawn = FALSE "
                    + "AND (reminded_at IS NULL OR reminded_at < confirmed_at) ORDER BY confirmed_at FETCH FIRST ? ROWS ONLY")) {
                select.setTimestamp(1, Timestamp.from(confirmedBefore));
                select.setInt(2, limit);
                List<Due> due = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        due.add(new Due(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class),
                                rs.getTimestamp(3).toInstant().atOffset(ZoneOffset.UTC).plusMonths(confirmationMonths).toInstant()));
                    }
                }
                return due;
            }
        });
    }

    /**
     * Records that the owner is reminded and runs {@code remind} before that record commits; false,
     * without running it, if that was done already (e.g. by another node, which held the row until
     * it committed). A node that dies after {@code remind} and before the commit leaves the reminder
     * due, so the next look repeats it: a lost reminder is never marked as sent.
     */
    boolean remind(UUID id, Runnable remind) {
        return database.inTransaction(c -> {
            try (PreparedStatement update = c.prepareStatement("UPDATE registry.camera SET reminded_at = ? WHERE id = ? "
                    + "AND (reminded_at IS NULL OR reminded_at < confirmed_at)")) {
                update.setTimestamp(1, Timestamp.from(clock.instant()));
                update.setObject(2, id);
                if (update.executeUpdate() != 1) {
                    return false;
                }
            }
            remind.run();
            return true;
        });
    }

    /** Registrations confirmed before this are not matched. */
    Instant activeSince() {
        return clock.instant().atOffset(ZoneOffset.UTC).minusMonths(confirmationMonths).toInstant();
    }

    private Optional<Registration> find(Connection c, UUID owner, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement("SELECT " + COLUMNS + " FROM registry.camera WHERE id = ? AND owner_id = ?")) {
            select.setObject(1, id);
            select.setObject(2, owner);
            return read(c, select).stream().findFirst();
        }
    }

    private List<Registration> read(Connection c, PreparedStatement select) throws SQLException {
        List<Registration> found = new ArrayList<>();
        Instant since = activeSince();
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                Instant confirmed = rs.getTimestamp(16).toInstant();
                boolean active = !rs.getBoolean(13) && rs.getBoolean(9) && !confirmed.isBefore(since);
                UUID id = rs.getObject(1, UUID.class);
                found.add(new Registration(id, new GeoPoint(rs.getDouble(2), rs.getDouble(3)), rs.getString(4),
                        CameraKind.valueOf(rs.getString(5)), rs.getInt(6), (Integer) rs.getObject(7),
                        (Integer) rs.getObject(8), rs.getBoolean(9), rs.getInt(10), rs.getBoolean(11), rs.getBoolean(12),
                        rs.getBoolean(13), rs.getBoolean(14), agencies(c, id), rs.getString(15), confirmed,
                        confirmed.atOffset(ZoneOffset.UTC).plusMonths(confirmationMonths).toInstant(), active,
                        rs.getTimestamp(17).toInstant(), rs.getTimestamp(18).toInstant()));
            }
        }
        return found;
    }

    private static List<String> agencies(Connection c, UUID id) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(
                "SELECT agency_code FROM registry.camera_agency WHERE camera_id = ? ORDER BY agency_code")) {
            select.setObject(1, id);
            List<String> codes = new ArrayList<>();
            try (ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    codes.add(rs.getString(1));
                }
            }
            return Collections.unmodifiableList(codes);
        }
    }

    private static void setAgencies(Connection c, UUID id, List<String> codes) throws SQLException {
        try (PreparedStatement delete = c.prepareStatement("DELETE FROM registry.camera_agency WHERE camera_id = ?");
                PreparedStatement insert = c.prepareStatement("INSERT INTO registry.camera_agency (camera_id, agency_code) VALUES (?, ?)")) {
            delete.setObject(1, id);
            delete.executeUpdate();
            for (String code : codes) {
                insert.setObject(1, id);
                insert.setString(2, code);
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    private static void setDetails(PreparedStatement statement, int first, Details d) throws SQLException {
        int i = first;
        statement.setDouble(i++, d.location().latitude());
        statement.setDouble(i++, d.location().longitude());
        statement.setLong(i++, Grid.cell(d.location().latitude(), d.location().longitude()));
        statement.setString(i++, d.address());
        statement.setString(i++, d.kind().name());
        statement.setInt(i++, d.cameraCount());
        setInteger(statement, i++, d.bearing());
        setInteger(statement, i++, d.viewAngle());
        statement.setBoolean(i++, d.recording());
        statement.setInt(i++, d.retentionDays());
        statement.setBoolean(i++, d.contactOk());
        statement.setBoolean(i++, d.exactLocationOk());
        statement.setBoolean(i, d.paused());
    }

    private static void setInteger(PreparedStatement statement, int index, Integer value) throws SQLException {
        if (value == null) {
            statement.setNull(index, Types.INTEGER);
        } else {
            statement.setInt(index, value);
        }
    }
}
