package org.porchlight.registry;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Predicate;
import java.util.stream.Collectors;

import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraOwner;
import org.porchlight.api.store.Database;

/**
 * The cameras that can be matched (not paused, recording, not withdrawn), per agency and index
 * cell, in memory: counts and owner matching test a few thousand points instead of reading rows.
 * The database stays the source of truth. The index follows {@code registry.camera_change},
 * which every write appends to in its own transaction, before each query and on a timer, so it
 * sees changes made on other nodes too. A change row names one camera, or a range of ids that
 * holds an import batch's new registrations (their ids are time-ordered): the index rereads the
 * range and takes what it finds there. Change numbers are taken before their transactions
 * commit, so a later number can appear first: a missing number is looked for again until it
 * appears or is old enough to be a rolled-back write. The confirmation age is checked at query
 * time, so registrations lapse without a write.
 */
final class ActiveCameraIndex {

    /** A change row: the cameras with ids from {@code first} to {@code last}, one camera when they are equal. */
    private record Change(UUID first, UUID last) {

        boolean range() {
            return !first.equals(last);
        }
    }

    /** One camera; shared by the cells of all agencies that may ask its owner. */
    private record Camera(UUID id, UUID owner, String source, boolean contactOk, double latitude, double longitude,
            long confirmedMillis, long cell, List<String> agencies) {
    }

    /** How long a skipped change number may still commit. */
    private static final Duration GAP_PATIENCE = Duration.ofMinutes(2);
    /** How long change rows are kept; a node further behind reloads. */
    static final Duration CHANGE_RETENTION = Duration.ofHours(1);

    /** The grid of every active camera, whichever agencies may ask (no agency code is empty). */
    private static final String ALL = "";

    private final Database database;
    private final Clock clock;
    private final boolean keyByKey;
    private final Map<String, Map<Long, Camera[]>> byAgency = new ConcurrentHashMap<>();
    /** Guarded by {@link #lock}, like the fields below it. */
    private final Map<UUID, Camera> byId = new HashMap<>();
    private final Map<List<String>, List<String>> agencyLists = new HashMap<>();
    private final ReentrantLock lock = new ReentrantLock();
    private final Map<Long, Instant> gaps = new LinkedHashMap<>();
    private long lastSeq;
    private Instant lastRefreshedAt;
    private volatile long lastRefreshStarted;
    private volatile boolean loaded;

    ActiveCameraIndex(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
        this.keyByKey = KeyLookup.keyByKey(database);
    }

    boolean loaded() {
        return loaded;
    }

    /** Reads every matchable camera. Changes written meanwhile are applied by the next refresh. */
    void load() {
        lock.lock();
        try {
            database.withConnection(c -> {
                // The change log position first: whatever changes during the load is applied again.
                try (PreparedStatement max = c.prepareStatement("SELECT COALESCE(MAX(seq), 0) FROM registry.camera_change");
                        ResultSet rs = max.executeQuery()) {
                    rs.next();
                    lastSeq = rs.getLong(1);
                }
                lastRefreshedAt = clock.instant();
                byAgency.clear();
                byId.clear();
                gaps.clear();
                Map<String, Map<Long, List<Camera>>> building = new HashMap<>();
                for (Camera read : read(c, null)) {
                    Camera camera = shared(read);
                    byId.put(camera.id(), camera);
                    for (String agency : grids(camera)) {
                        building.computeIfAbsent(agency, a -> new HashMap<>()).computeIfAbsent(camera.cell(), k -> new ArrayList<>())
                                .add(camera);
                    }
                }
                building.forEach((agency, cells) -> {
                    Map<Long, Camera[]> frozen = new ConcurrentHashMap<>();
                    cells.forEach((cell, cameras) -> frozen.put(cell, cameras.toArray(Camera[]::new)));
                    byAgency.put(agency, frozen);
                });
                return null;
            });
            loaded = true;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Applies the changes committed since the last refresh. A caller whose own write committed
     * before it called finds it applied, by it or by a refresh that started after it called.
     */
    void refresh() {
        long calledAt = System.nanoTime();
        lock.lock();
        try {
            if (lastRefreshStarted - calledAt > 0) {
                return; // a refresh that started after this call has run
            }
            lastRefreshStarted = System.nanoTime();
            Instant now = clock.instant();
            if (lastRefreshedAt != null && lastRefreshedAt.plus(CHANGE_RETENTION.minus(GAP_PATIENCE)).isBefore(now)) {
                load(); // changes this node never saw may have been pruned
                return;
            }
            database.withConnection(c -> {
                Map<Long, Change> changes = changes(c);
                gaps.values().removeIf(since -> since.plus(GAP_PATIENCE).isBefore(now));
                for (long seq : changes.keySet()) {
                    gaps.remove(seq);
                    for (long missing = lastSeq + 1; missing < seq; missing++) {
                        if (!changes.containsKey(missing)) {
                            gaps.put(missing, now);
                        }
                    }
                    lastSeq = Math.max(lastSeq, seq);
                }
                apply(c, changes.values());
                return null;
            });
            lastRefreshedAt = now;
        } finally {
            lock.unlock();
        }
    }

    /** Deletes change rows every node has had the time to apply. */
    void prune() {
        database.inTransaction(c -> {
            try (PreparedStatement delete = c.prepareStatement("DELETE FROM registry.camera_change WHERE changed_at < ?")) {
                delete.setTimestamp(1, Timestamp.from(clock.instant().minus(CHANGE_RETENTION)));
                return delete.executeUpdate();
            }
        });
    }

    long count(Area area, String agency, Instant activeSince) {
        long[] count = {0};
        visit(area, agency, activeSince, camera -> count[0]++);
        return count[0];
    }

    List<CameraOwner> owners(Area area, String agency, Instant activeSince) {
        List<CameraOwner> owners = new ArrayList<>();
        visit(area, agency, activeSince, c -> owners.add(new CameraOwner(c.id(), c.owner(), c.source(), c.contactOk())));
        return owners;
    }

    /** The cameras in the area with where they are, for sorting into coarse cells. */
    List<Registrations.Candidate> located(Area area, String agency, Instant activeSince) {
        List<Registrations.Candidate> found = new ArrayList<>();
        visit(area, agency, activeSince, c -> found.add(new Registrations.Candidate(
                new CameraOwner(c.id(), c.owner(), c.source(), c.contactOk()), new GeoPoint(c.latitude(), c.longitude()))));
        return found;
    }

    private void visit(Area area, String agency, Instant activeSince, java.util.function.Consumer<Camera> found) {
        Map<Long, Camera[]> cells = byAgency.get(agency);
        if (cells == null) {
            return;
        }
        Predicate<GeoPoint> inside = AreaGeometry.containment(area);
        long since = activeSince.toEpochMilli();
        for (long cell : Grid.cells(AreaGeometry.bounds(area))) {
            Camera[] cameras = cells.get(cell);
            if (cameras == null) {
                continue;
            }
            for (Camera camera : cameras) {
                if (camera.confirmedMillis() >= since && inside.test(new GeoPoint(camera.latitude(), camera.longitude()))) {
                    found.accept(camera);
                }
            }
        }
    }

    /** The gaps still awaited that have committed, then the new change numbers, with their cameras, by number. */
    private Map<Long, Change> changes(Connection c) throws SQLException {
        Map<Long, Change> changes = new TreeMap<>();
        if (!gaps.isEmpty()) {
            // Separate from "seq > ?": with an OR, the database would scan the whole log.
            try (PreparedStatement select = c.prepareStatement("SELECT seq, camera_id, last_camera_id FROM registry.camera_change "
                    + "WHERE seq IN (" + gaps.keySet().stream().map(String::valueOf).collect(Collectors.joining(",")) + ")")) {
                read(select, changes);
            }
        }
        try (PreparedStatement select = c.prepareStatement(
                "SELECT seq, camera_id, last_camera_id FROM registry.camera_change WHERE seq > ? ORDER BY seq")) {
            select.setLong(1, lastSeq);
            read(select, changes);
        }
        return changes;
    }

    private static void read(PreparedStatement select, Map<Long, Change> changes) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            while (rs.next()) {
                UUID first = rs.getObject(2, UUID.class);
                UUID last = rs.getObject(3, UUID.class);
                changes.put(rs.getLong(1), new Change(first, last == null ? first : last));
            }
        }
    }

    /**
     * Replaces the changed cameras by what the database holds now. A range brings the cameras found
     * in it: it only ever adds registrations, and one that leaves the index has a change row of its own.
     */
    private void apply(Connection c, Collection<Change> changed) throws SQLException {
        List<UUID> ids = changed.stream().filter(change -> !change.range()).map(Change::first).distinct().toList();
        for (int from = 0; from < ids.size(); from += 500) {
            List<UUID> batch = ids.subList(from, Math.min(ids.size(), from + 500));
            Map<UUID, Camera> now = new HashMap<>();
            for (Camera camera : read(c, batch)) {
                now.put(camera.id(), camera);
            }
            for (UUID id : batch) {
                replace(id, now.get(id));
            }
        }
        for (Change range : changed) {
            if (range.range()) {
                try (PreparedStatement select = c.prepareStatement(MATCHABLE + " AND c.id BETWEEN ? AND ? ORDER BY c.id")) {
                    select.setObject(1, range.first());
                    select.setObject(2, range.last());
                    List<Camera> found = new ArrayList<>();
                    read(select, found);
                    for (Camera camera : found) {
                        replace(camera.id(), camera);
                    }
                }
            }
        }
    }

    /** Puts camera {@code id} in the index as {@code now} holds it, or takes it out if {@code now} is null. */
    private void replace(UUID id, Camera now) {
        Camera before = byId.remove(id);
        if (before != null) {
            for (String agency : grids(before)) {
                byAgency.getOrDefault(agency, Map.of()).computeIfPresent(before.cell(), (cell, cameras) -> without(cameras, id));
            }
        }
        if (now != null) {
            Camera after = shared(now);
            byId.put(id, after);
            for (String agency : grids(after)) {
                byAgency.computeIfAbsent(agency, a -> new ConcurrentHashMap<>()).merge(after.cell(), new Camera[] {after},
                        ActiveCameraIndex::concat);
            }
        }
    }

    /** Cameras open to no agency still count on the density map: hence the outer join. */
    private static final String MATCHABLE = "SELECT c.id, c.owner_id, c.source, c.contact_ok, c.latitude, c.longitude, "
            + "c.confirmed_at, c.cell, a.agency_code FROM registry.camera c LEFT JOIN registry.camera_agency a "
            + "ON a.camera_id = c.id WHERE c.paused = FALSE AND c.recording = TRUE AND c.withdrawn = FALSE";

    /** Matchable cameras with their agencies: all of them, or those among {@code ids}. */
    private List<Camera> read(Connection c, List<UUID> ids) throws SQLException {
        List<Camera> cameras = new ArrayList<>();
        if (ids == null) {
            try (PreparedStatement select = c.prepareStatement(MATCHABLE + " ORDER BY c.id")) {
                select.setFetchSize(10_000);
                read(select, cameras);
            }
        } else if (keyByKey) {
            try (PreparedStatement select = c.prepareStatement(MATCHABLE + " AND c.id = ?")) {
                for (UUID id : ids) {
                    select.setObject(1, id);
                    read(select, cameras);
                }
            }
        } else {
            try (PreparedStatement select = c.prepareStatement(MATCHABLE + " AND c.id = ANY(?) ORDER BY c.id")) {
                select.setArray(1, c.createArrayOf("uuid", ids.toArray()));
                read(select, cameras);
            }
        }
        return cameras;
    }

    /** Reads rows ordered by camera, one row per agency, into one camera each. */
    private static void read(PreparedStatement select, List<Camera> cameras) throws SQLException {
        try (ResultSet rs = select.executeQuery()) {
            Camera current = null;
            List<String> agencies = null;
            while (rs.next()) {
                UUID id = rs.getObject(1, UUID.class);
                if (current == null || !current.id().equals(id)) {
                    agencies = new ArrayList<>(1);
                    String source = rs.getString(3);
                    current = new Camera(id, rs.getObject(2, UUID.class), source == null ? null : source.intern(),
                            rs.getBoolean(4), rs.getDouble(5), rs.getDouble(6), rs.getTimestamp(7).getTime(), rs.getLong(8),
                            agencies);
                    cameras.add(current);
                }
                String agency = rs.getString(9);
                if (agency != null) {
                    agencies.add(agency.intern());
                }
            }
        }
    }

    /**
     * The camera with its agency list shared with every other camera that has the same agencies:
     * a city has a handful of such lists, and a list of its own per camera would be a third of
     * the index's memory.
     */
    private Camera shared(Camera camera) {
        List<String> agencies = agencyLists.computeIfAbsent(List.copyOf(camera.agencies()), list -> list);
        return new Camera(camera.id(), camera.owner(), camera.source(), camera.contactOk(), camera.latitude(),
                camera.longitude(), camera.confirmedMillis(), camera.cell(), agencies);
    }

    /** The grids a camera is in: each agency's that may ask its owner, and the one of all cameras. */
    private static List<String> grids(Camera camera) {
        List<String> grids = new ArrayList<>(camera.agencies().size() + 1);
        grids.addAll(camera.agencies());
        grids.add(ALL);
        return grids;
    }

    private static Camera[] without(Camera[] cameras, UUID id) {
        Camera[] kept = Arrays.stream(cameras).filter(c -> !c.id().equals(id)).toArray(Camera[]::new);
        return kept.length == 0 ? null : kept;
    }

    private static Camera[] concat(Camera[] a, Camera[] b) {
        Camera[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /**
     * Appends one change row for cameras created in the caller's transaction with ids from
     * {@code first} to {@code last} ({@link TimeOrderedIds}), instead of a row per camera.
     */
    static void created(Connection c, Instant now, UUID first, UUID last) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO registry.camera_change (camera_id, last_camera_id, changed_at) VALUES (?, ?, ?)")) {
            insert.setObject(1, first);
            insert.setObject(2, last);
            insert.setTimestamp(3, Timestamp.from(now));
            insert.executeUpdate();
        }
    }

    /** Appends changed cameras to the change log, in the caller's transaction. */
    static void changed(Connection c, Instant now, Collection<UUID> ids) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(
                "INSERT INTO registry.camera_change (camera_id, changed_at) VALUES (?, ?)")) {
            for (UUID id : ids) {
                insert.setObject(1, id);
                insert.setTimestamp(2, Timestamp.from(now));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }
}
