package org.porchlight.press.store;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Reading rows of the press schema: result sets into lists, timestamps into instants. */
final class Rows {

    /** One row of a result set, read into a value. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Rows() {
    }

    /** Every row the bound statement finds, in its order. */
    static <T> List<T> list(PreparedStatement s, Reader<T> reader) throws SQLException {
        List<T> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(reader.read(rs));
            }
        }
        return found;
    }

    /** The first row the bound statement finds, if any. */
    static <T> Optional<T> first(PreparedStatement s, Reader<T> reader) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
        }
    }

    static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
