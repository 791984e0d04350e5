package org.porchlight.examples.noticeboard.store;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** All SQL of the notes table ({@code noticeboard.note}); every value bound, never concatenated. */
public final class NoteRows {

    private static final String INSERT = "INSERT INTO noticeboard.note (agency, author, text) VALUES (?, ?, ?)";
    private static final String BY_AGENCY = "SELECT id, agency, author, text, created_at FROM noticeboard.note "
            + "WHERE agency = ? ORDER BY id DESC";

    /** A note as the API shows it. */
    public record Note(long id, String agency, UUID author, String text, OffsetDateTime createdAt) {
    }

    private NoteRows() {
    }

    public static Note insert(Connection c, String agency, UUID author, String text) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement(INSERT, new String[] {"id", "created_at"})) {
            insert.setString(1, agency);
            insert.setObject(2, author);
            insert.setString(3, text);
            insert.executeUpdate();
            try (ResultSet keys = insert.getGeneratedKeys()) {
                keys.next();
                return new Note(keys.getLong(1), agency, author, text, keys.getObject(2, OffsetDateTime.class));
            }
        }
    }

    public static List<Note> byAgency(Connection c, String agency) throws SQLException {
        try (PreparedStatement select = c.prepareStatement(BY_AGENCY)) {
            select.setString(1, agency);
            try (ResultSet rs = select.executeQuery()) {
                List<Note> notes = new ArrayList<>();
                while (rs.next()) {
                    notes.add(new Note(rs.getLong(1), rs.getString(2), rs.getObject(3, UUID.class), rs.getString(4),
                            rs.getObject(5, OffsetDateTime.class)));
                }
                return notes;
            }
        }
    }
}
