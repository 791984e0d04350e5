package org.porchlight.press.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.press.Author;
import org.porchlight.press.Placeholder;
import org.porchlight.press.PressTemplate;
import org.porchlight.press.ReleaseState;
import org.porchlight.press.Rendering;
import org.porchlight.press.TemplateVersion;
import org.porchlight.sql.Rows;

/**
 * The SQL of {@code press.template} and {@code press.template_version}: templates, where they are
 * in the workflow, what was approved, and their immutable versions.
 */
public final class TemplateRows {

    /** A template's own row: identity, state and approval, without a version's text. */
    public record TemplateRow(UUID id, String agency, ReleaseKind kind, String network, String locale, ReleaseState state,
            int version, UUID createdBy, Instant createdAt, String rejectReason, Integer approvedVersion, String approvedRole,
            Instant approvedAt, List<String> approvedChecks) {
    }

    /** What an approval stores, so that the published text is exactly the approved one. */
    public record Approval(int version, UUID by, String role, Instant at, String title, String text, String html,
            List<String> checks, boolean selfApproved) {
    }

    private static final String ROW_COLUMNS = "t.id, t.agency_code, t.kind, t.network, t.locale, t.state, t.current_version, "
            + "t.created_by, t.created_at, t.reject_reason, t.approved_version, t.approved_role, t.approved_at, "
            + "t.approved_checks";
    private static final String VERSION_COLUMNS = "v.version, v.title, v.body, v.placeholders, v.placeholder_values, "
            + "v.author_role, "
            + "v.vendor_name, v.created_at";
    private static final String ROW = "SELECT " + ROW_COLUMNS + " FROM press.template t WHERE t.id = ?";
    private static final String LOCK = ROW + " FOR UPDATE";
    private static final String CURRENT = "SELECT " + ROW_COLUMNS + ", " + VERSION_COLUMNS + " FROM press.template t "
            + "JOIN press.template_version v ON v.template_id = t.id AND v.version = t.current_version";
    private static final String ONE_CURRENT = CURRENT + " WHERE t.id = ?";
    private static final String LIST = CURRENT + " WHERE t.agency_code = ? ORDER BY t.created_at, t.id";
    private static final String LIST_BY_AUTHOR = CURRENT
            + " WHERE t.agency_code = ? AND t.created_by = ? ORDER BY t.created_at, t.id";
    private static final String VERSION = "SELECT " + VERSION_COLUMNS + " FROM press.template_version v WHERE v.template_id = ? "
            + "AND v.version = ?";
    private static final String VERSIONS = "SELECT " + VERSION_COLUMNS + " FROM press.template_version v WHERE v.template_id = ? "
            + "ORDER BY v.version";
    private static final String VERSION_AUTHOR = "SELECT author FROM press.template_version WHERE template_id = ? "
            + "AND version = ?";
    private static final String AUTHORS = "SELECT author_role, vendor_name FROM press.template_version WHERE template_id = ? "
            + "AND version <= ? ORDER BY version";
    private static final String INSERT = "INSERT INTO press.template (id, agency_code, kind, network, locale, state, "
            + "current_version, "
            + "created_by, created_at) VALUES (?, ?, ?, ?, ?, ?, 1, ?, ?)";
    private static final String INSERT_VERSION = "INSERT INTO press.template_version (template_id, version, title, body, "
            + "placeholders, "
            + "placeholder_values, author, author_role, vendor_name, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)";
    private static final String NO_APPROVAL = "approved_version = NULL, approved_role = NULL, approved_at = NULL, "
            + "approved_title = NULL, approved_text = NULL, approved_html = NULL, approved_checks = NULL, approved_by = NULL, "
            + "self_approved = NULL";
    private static final String EDITED = "UPDATE press.template SET current_version = ?, state = ?, " + NO_APPROVAL
            + " WHERE id = ?";
    private static final String SUBMITTED = "UPDATE press.template SET state = ?, reject_reason = NULL WHERE id = ?";
    private static final String APPROVED = "UPDATE press.template SET state = ?, approved_version = ?, approved_role = ?, "
            + "approved_at = ?, approved_title = ?, approved_text = ?, approved_html = ?, approved_checks = ?, approved_by = ?, "
            + "self_approved = ? WHERE id = ?";
    private static final String REJECTED = "UPDATE press.template SET state = ?, reject_reason = ?, " + NO_APPROVAL
            + " WHERE id = ?";
    private static final String PUBLISHED = "UPDATE press.template SET state = ? WHERE id = ?";
    private static final String APPROVED_TEXT = "SELECT approved_version, approved_title, approved_text, approved_html "
            + "FROM press.template WHERE id = ? AND approved_version IS NOT NULL";

    private final JsonCodec json;

    public TemplateRows(JsonCodec json) {
        this.json = json;
    }

    /** Starts a template as a draft at version 1 (insert the version too), in the caller's transaction. */
    public void insert(Connection c, TemplateRow t) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT)) {
            s.setObject(1, t.id());
            s.setString(2, t.agency());
            s.setString(3, t.kind().name());
            s.setString(4, t.network());
            s.setString(5, t.locale());
            s.setString(6, t.state().name());
            s.setObject(7, t.createdBy());
            s.setTimestamp(8, Rows.timestamp(t.createdAt()));
            s.executeUpdate();
        }
    }

    /** Adds an immutable version written by {@code author} (its account). */
    public void insertVersion(Connection c, UUID template, TemplateVersion v, UUID author) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(INSERT_VERSION)) {
            s.setObject(1, template);
            s.setInt(2, v.version());
            s.setString(3, v.title());
            s.setString(4, v.body());
            s.setString(5, json.write(v.placeholders() == null ? List.of() : v.placeholders()));
            s.setString(6, json.write(v.values() == null ? Map.of() : v.values()));
            s.setObject(7, author);
            s.setString(8, v.author().role());
            s.setString(9, v.author().vendor());
            s.setTimestamp(10, Rows.timestamp(v.createdAt()));
            s.executeUpdate();
        }
    }

    public Optional<TemplateRow> find(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ROW)) {
            s.setObject(1, id);
            return Rows.first(s, this::row);
        }
    }

    /** The row, locked until the caller's transaction ends: moves on one template queue here. */
    public Optional<TemplateRow> lock(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LOCK)) {
            s.setObject(1, id);
            return Rows.first(s, this::row);
        }
    }

    /** The template at its current version, in one query. */
    public Optional<PressTemplate> current(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ONE_CURRENT)) {
            s.setObject(1, id);
            return Rows.first(s, this::template);
        }
    }

    /** The agency's templates at their current versions, oldest first, in one query; {@code author} non-null: only theirs. */
    public List<PressTemplate> list(Connection c, String agency, UUID author) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(author == null ? LIST : LIST_BY_AUTHOR)) {
            s.setString(1, agency);
            if (author != null) {
                s.setObject(2, author);
            }
            return Rows.list(s, this::template);
        }
    }

    public Optional<TemplateVersion> version(Connection c, UUID template, int version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(VERSION)) {
            s.setObject(1, template);
            s.setInt(2, version);
            return Rows.first(s, rs -> version(rs, 1));
        }
    }

    /** Every version, oldest first, in one query. */
    public List<TemplateVersion> versions(Connection c, UUID template) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(VERSIONS)) {
            s.setObject(1, template);
            return Rows.list(s, rs -> version(rs, 1));
        }
    }

    /** The account that wrote one version. */
    public Optional<UUID> versionAuthor(Connection c, UUID template, int version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(VERSION_AUTHOR)) {
            s.setObject(1, template);
            s.setInt(2, version);
            return Rows.first(s, rs -> rs.getObject(1, UUID.class));
        }
    }

    /** The authors of versions 1 to {@code upTo}, in order (one per version). */
    public List<Author> authors(Connection c, UUID template, int upTo) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(AUTHORS)) {
            s.setObject(1, template);
            s.setInt(2, upTo);
            return Rows.list(s, rs -> new Author(rs.getString(1), rs.getString(2)));
        }
    }

    /** A new version became current: back to draft, any approval gone. */
    public void edited(Connection c, UUID id, int version) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(EDITED)) {
            s.setInt(1, version);
            s.setString(2, ReleaseState.DRAFT.name());
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    public void submitted(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(SUBMITTED)) {
            s.setString(1, ReleaseState.IN_REVIEW.name());
            s.setObject(2, id);
            s.executeUpdate();
        }
    }

    public void approved(Connection c, UUID id, Approval a) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(APPROVED)) {
            s.setString(1, ReleaseState.APPROVED.name());
            s.setInt(2, a.version());
            s.setString(3, a.role());
            s.setTimestamp(4, Rows.timestamp(a.at()));
            s.setString(5, a.title());
            s.setString(6, a.text());
            s.setString(7, a.html());
            s.setString(8, json.write(a.checks()));
            s.setObject(9, a.by());
            s.setBoolean(10, a.selfApproved());
            s.setObject(11, id);
            s.executeUpdate();
        }
    }

    /** The title and text as approved (the ones publishing puts on the log), if the template has an approval. */
    public Optional<Rendering> approvedText(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(APPROVED_TEXT)) {
            s.setObject(1, id);
            return Rows.first(s, rs -> new Rendering(rs.getInt(1), rs.getString(2), rs.getString(3), null, rs.getString(4),
                    Map.of()));
        }
    }

    public void rejected(Connection c, UUID id, String reason) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(REJECTED)) {
            s.setString(1, ReleaseState.DRAFT.name());
            s.setString(2, reason);
            s.setObject(3, id);
            s.executeUpdate();
        }
    }

    public void published(Connection c, UUID id) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PUBLISHED)) {
            s.setString(1, ReleaseState.PUBLISHED.name());
            s.setObject(2, id);
            s.executeUpdate();
        }
    }

    private TemplateRow row(ResultSet rs) throws SQLException {
        int approved = rs.getInt(11);
        Integer approvedVersion = rs.wasNull() ? null : approved;
        String checks = rs.getString(14);
        return new TemplateRow(rs.getObject(1, UUID.class), rs.getString(2), ReleaseKind.valueOf(rs.getString(3)),
                rs.getString(4),
                rs.getString(5), ReleaseState.valueOf(rs.getString(6)), rs.getInt(7), rs.getObject(8, UUID.class),
                Rows.instant(rs, 9), rs.getString(10), approvedVersion, rs.getString(12), Rows.instant(rs, 13),
                checks == null ? List.of() : List.of(json.read(checks, String[].class)));
    }

    /** A row of {@link #CURRENT}: the template's columns, then its current version's. */
    private PressTemplate template(ResultSet rs) throws SQLException {
        TemplateRow t = row(rs);
        TemplateVersion v = version(rs, 15);
        return new PressTemplate(t.id(), t.agency(), t.kind(), t.network(), t.locale(), t.state(), t.version(), v.title(),
                v.body(),
                v.placeholders(), v.values(), t.rejectReason(), t.approvedVersion(), t.approvedRole(), t.approvedAt(),
                t.approvedChecks(), t.createdAt());
    }

    /** The version columns starting at {@code from}, in {@link #VERSION_COLUMNS} order. */
    private TemplateVersion version(ResultSet rs, int from) throws SQLException {
        return new TemplateVersion(rs.getInt(from), rs.getString(from + 1), rs.getString(from + 2),
                List.of(json.read(rs.getString(from + 3), Placeholder[].class)), values(rs.getString(from + 4)),
                new Author(rs.getString(from + 5), rs.getString(from + 6)), Rows.instant(rs, from + 7));
    }

    @SuppressWarnings("unchecked")
    private Map<String, String> values(String stored) {
        Map<String, Object> raw = json.read(stored, Map.class);
        Map<String, String> values = new LinkedHashMap<>();
        raw.forEach((k, v) -> values.put(k, v == null ? null : v.toString()));
        return values;
    }
}
