package org.porchlight.audit;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.porchlight.api.store.Database;
import org.porchlight.testing.TestDatabase;

/** A Database over a private in-memory H2, migrated with the bundle's migrations. */
public final class MemoryDatabase implements Database, AutoCloseable {

    private final JdbcDataSource dataSource = new JdbcDataSource();
    private final Connection keepAlive;
    /** Transactions as the store runs them; this class adds the schema, a dump, and statements of the test's own. */
    private final TestDatabase transactions = new TestDatabase(dataSource, "audit");

    public MemoryDatabase() throws SQLException {
        dataSource.setURL("jdbc:h2:mem:audit-" + UUID.randomUUID()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH");
        keepAlive = dataSource.getConnection();
        execute("CREATE SCHEMA audit");
        execute("RUNSCRIPT FROM 'classpath:/db/migration/V1__create_audit_chain.sql'");
        execute("RUNSCRIPT FROM 'classpath:/db/migration/V2__create_audit_checkpoints.sql'");
        execute("RUNSCRIPT FROM 'classpath:/db/migration/V3__pending_entries.sql'");
    }

    public void execute(String sql) throws SQLException {
        try (Statement s = keepAlive.createStatement()) {
            s.execute(sql);
        }
    }

    /** Every entry as text, one line each. */
    public List<String> dump() throws SQLException {
        List<String> rows = new ArrayList<>();
        try (Statement s = keepAlive.createStatement(); ResultSet rs = s.executeQuery("SELECT * FROM audit.entry")) {
            while (rs.next()) {
                StringBuilder row = new StringBuilder();
                for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                    row.append(rs.getString(i)).append('|');
                }
                rows.add(row.toString());
            }
        }
        return rows;
    }

    @Override
    public String schema() {
        return "audit";
    }

    @Override
    public String productName() {
        return "H2";
    }

    @Override
    public <T> T inTransaction(SqlWork<T> work) {
        return transactions.inTransaction(work);
    }

    @Override
    public <T> T withConnection(SqlWork<T> work) {
        return transactions.withConnection(work);
    }

    @Override
    public void close() throws SQLException {
        keepAlive.close();
    }
}
