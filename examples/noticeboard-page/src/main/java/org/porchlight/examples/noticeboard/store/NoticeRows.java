package org.porchlight.examples.noticeboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL of the notices table ({@code noticeboard.notice}); every value bound, never concatenated. */
public final class NoticeRows {

    private static final String INSERT = "INSERT INTO noticeboard.notice (id, agency, author, title, body, until_day) "
            + "VALUES (?, ?, ?, ?, ?, ?)";
    private static final String CURRENT = "SELECT id, agency, title, body, until_day, posted_at FROM noticeboard.notice "
            + "WHERE agency = ? AND taken_down_at IS NULL AND (until_day IS NULL OR until_day >= ?) ORDER BY posted_at DESC, id";
    private static final String TAKE_DOWN = "UPDATE noticeboard.notice SET taken_down_at = CURRENT_TIMESTAMP "
            + "WHERE id = ? AND agency = ? AND taken_down_at IS NULL";

    /** A notice as the board shows it; {@code until} is null for one shown until it is taken down. */
    public record Notice(UUID id, String agency, String title, String body, LocalDate until, OffsetDateTime postedAt) {
    }

    private NoticeRows() {
    }

    public static Notice insert(Connection c, String agency, UUID author, String title, String body, LocalDate until)
            throws SQLException {
        UUID id = UUID.randomUUID();
        try (PreparedStatement insert = c.prepareStatement(INSERT, new String[] {"posted_at"})) {
            insert.setObject(1, id);
            insert.setString(2, agency);
            insert.setObject(3, author);
            insert.setString(4, title);
            insert.setString(5, body);
            insert.setObject(6, until);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Notice(id, agency, title, body, until, keys.getObject(1, OffsetDateTime.class));
            }
        }
    }

    /** The agency's notices on its board on {@code today}: not taken down, and not past their last day; newest first. */
    public static List<Notice> current(Connection c, String agency, LocalDate today) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(CURRENT)) {
            select.setString(1, agency);
            select.setObject(2, today);
            try (ResultSet rs = select.executeQuery()) {
                List<Notice> notices = new ArrayList<>();
                while (rs.next()) {
                    notices.add(new Notice(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getString(4),
                            rs.getObject(5, LocalDate.class), rs.getObject(6, OffsetDateTime.class)));
                }
                return notices;
            }
        }
    }

    /** Takes the agency's notice off the board; false if it has no such notice on it (another agency's, or gone). */
    public static boolean takeDown(Connection c, String agency, UUID id) throws SQLException {
        try (PreparedStatement update = c.prepareStatement(TAKE_DOWN)) {
            update.setObject(1, id);
            update.setString(2, agency);
            return update.executeUpdate() == 1;
        }
    }
}
