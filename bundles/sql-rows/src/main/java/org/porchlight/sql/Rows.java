package org.porchlight.sql;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/** The row helpers of every bundle's store classes: result sets read into values, instants bound and read as timestamps. */
public final class Rows {

    /** One row of a result set, read into a value. */
    @FunctionalInterface
    public interface Reader<T> {
        T read(ResultSet rs) throws SQLException;
    }

    private Rows() {
    }

    /** Every row the bound statement finds, in its order. */
    public static <T> List<T> list(PreparedStatement s, Reader<T> reader) throws SQLException {
        List<T> found = new ArrayList<>();
        try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
                found.add(reader.read(rs));
            }
        }
        return found;
    }

    /** The first row the bound statement finds, if any. */
    public static <T> Optional<T> first(PreparedStatement s, Reader<T> reader) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            return rs.next() ? Optional.of(reader.read(rs)) : Optional.empty();
        }
    }

    /** The first column of the single row a count or sum finds. */
    public static long single(PreparedStatement s) throws SQLException {
        try (ResultSet rs = s.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /** {@code count} bind marks for an {@code IN (...)} list: {@code ?, ?, ?}. */
    public static String marks(int count) {
        return String.join(", ", Collections.nCopies(count, "?"));
    }

    /** The instant as a bindable timestamp, or null. */
    public static Timestamp timestamp(Instant at) {
        return at == null ? null : Timestamp.from(at);
    }

    /** The column as an instant, or null. */
    public static Instant instant(ResultSet rs, int column) throws SQLException {
        Timestamp at = rs.getTimestamp(column);
        return at == null ? null : at.toInstant();
    }
}
