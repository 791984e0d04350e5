package org.porchlight.legal;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.porchlight.api.store.Database;
import org.porchlight.api.store.StorageException;

/** The store's contract on a private in-memory H2 in PostgreSQL mode, migrated with the bundle's V1. */
final class H2Database implements Database {

    private final JdbcDataSource dataSource = new JdbcDataSource();

    H2Database() {
        dataSource.setURL("jdbc:h2:mem:legal-" + UUID.randomUUID() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DB_CLOSE_DELAY=-1");
        inTransaction(c -> {
            try (Statement s = c.createStatement(); InputStream sql = getClass().getResourceAsStream("/db/migration/V1__legal_records.sql")) {
                s.execute("CREATE SCHEMA legal");
                s.execute(new String(sql.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new SQLException(e);
            }
            return null;
        });
    }

    @Override
    public String schema() {
        return "legal";
    }

    @Override
    public String productName() {
        return "H2";
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                T result = work.run(c);
                c.commit();
                return result;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) {
        try (Connection c = dataSource.getConnection()) {
            return work.run(c);
        } catch (SQLException e) {
            throw new StorageException(e.getMessage(), e);
        }
    }
}
