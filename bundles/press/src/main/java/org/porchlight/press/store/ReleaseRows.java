package org.porchlight.press.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.press.ReleaseKind;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.press.Author;
import org.porchlight.press.Release;
import org.porchlight.sql.Rows;

/** The SQL of {@code press.release}: the public release log, written once per publication and read by anyone. */
public final class ReleaseRows {

    private static final String COLUMNS = "id, template_id, version, kind, network, locale, title, text, html, author_role, "
            + "vendor_name, "
            + "contributors, approved_role, approved_at, published_role, published_at, checks, self_approved";
    /** The release is the template's approval as stored: what is published is exactly what was approved. */
    private static final String PUBLISH = "INSERT INTO press.release (id, agency_code, template_id, version, kind, network, "
            + "locale, "
            + "title, text, html, author_role, vendor_name, contributors, approved_role, approved_at, published_role, "
            + "published_at, "
            + "checks, self_approved) SELECT ?, agency_code, id, approved_version, kind, network, locale, approved_title, "
            + "approved_text, approved_html, ?, ?, ?, approved_role, approved_at, ?, ?, approved_checks, "
            + "COALESCE(self_approved, FALSE) FROM press.template WHERE id = ?";
    private static final String LIST = "SELECT " + COLUMNS
            + " FROM press.release WHERE agency_code = ? ORDER BY published_at DESC";
    private static final String ONE = "SELECT " + COLUMNS + " FROM press.release WHERE id = ?";
    private static final String PUBLISHED_AT = "SELECT published_at FROM press.release WHERE agency_code = ? AND published_at "
            + ">= ? "
            + "AND published_at < ?";

    private final JsonCodec json;

    public ReleaseRows(JsonCodec json) {
        this.json = json;
    }

    /**
     * Publishes the template's approved text as a release, in the caller's transaction.
     *
     * @param author       the author of the approved version
     * @param contributors every author of the versions up to it
     */
    public void publish(Connection c, UUID release, UUID template, Author author, List<Author> contributors, String publishedBy,
            Instant at) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PUBLISH)) {
            s.setObject(1, release);
            s.setString(2, author.role());
            s.setString(3, author.vendor());
            s.setString(4, json.write(contributors));
            s.setString(5, publishedBy);
            s.setTimestamp(6, Rows.timestamp(at));
            s.setObject(7, template);
            s.executeUpdate();
        }
    }

    /** The agency's releases, newest first. */
    public List<Release> list(Connection c, String agency) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(LIST)) {
            s.setString(1, agency);
            return Rows.list(s, this::read);
        }
    }

    public Optional<Release> find(Connection c, UUID release) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(ONE)) {
            s.setObject(1, release);
            return Rows.first(s, this::read);
        }
    }

    /** When the agency's releases of {@code [from, to)} were published. */
    public List<Instant> publishedAt(Connection c, String agency, Instant from, Instant to) throws SQLException {
        try (PreparedStatement s = c.prepareStatement(PUBLISHED_AT)) {
            s.setString(1, agency);
            s.setTimestamp(2, Rows.timestamp(from));
            s.setTimestamp(3, Rows.timestamp(to));
            return Rows.list(s, rs -> Rows.instant(rs, 1));
        }
    }

    private Release read(ResultSet rs) throws SQLException {
        return new Release(rs.getObject(1, UUID.class), rs.getObject(2, UUID.class), rs.getInt(3),
                ReleaseKind.valueOf(rs.getString(4)),
                rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getString(9),
                new Author(rs.getString(10), rs.getString(11)), List.of(json.read(rs.getString(12), Author[].class)),
                        rs.getString(13),
                Rows.instant(rs, 14), rs.getString(15), Rows.instant(rs, 16), List.of(json.read(rs.getString(17),
                        String[].class)), rs.getBoolean(18));
    }
}
