package org.porchlight.legal;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import org.porchlight.api.store.Database;

/** A list query whose WHERE clause was built from filters: its parameters in order, one row read per result. */
final class RowQuery {

    /** Reads one row of the result. */
    @FunctionalInterface
    interface Reader<T> {
        T read(ResultSet row) throws SQLException;
    }

    private RowQuery() {
    }

    static <T> List<T> list(Database database, String sql, List<Object> parameters, Reader<T> reader) {
        return database.withConnection(c -> {
            try (PreparedStatement select = c.prepareStatement(sql)) {
                for (int i = 0; i < parameters.size(); i++) {
                    select.setObject(i + 1, parameters.get(i));
                }
                List<T> rows = new ArrayList<>();
                try (ResultSet rs = select.executeQuery()) {
                    while (rs.next()) {
                        rows.add(reader.read(rs));
                    }
                }
                return rows;
            }
        });
    }
}
