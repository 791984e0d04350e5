package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.TestDatabase;

/** The ids an import gives new registrations: version 7, later ones larger, compared as the database compares them. */
class TimeOrderedIdsTest {

    @Test
    void areVersionSevenAndAnIdTakenLaterSortsAfter() throws InterruptedException {
        UUID first = TimeOrderedIds.next();
        Thread.sleep(2);
        long before = System.currentTimeMillis();
        UUID second = TimeOrderedIds.next();
        long after = System.currentTimeMillis();
        assertThat(first.version()).isEqualTo(7);
        assertThat(first.variant()).isEqualTo(2);
        assertThat(TimeOrderedIds.DATABASE_ORDER.compare(first, second)).isNegative();
        assertThat(second.getMostSignificantBits() >>> 16).as("the id's time is the clock's when it was taken").isBetween(before, after);
    }

    @Test
    void theOrderIsTheDatabasesAlsoForIdsWhoseFirstBitIsSet() {
        List<UUID> ids = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
            ids.add(i % 2 == 0 ? UUID.randomUUID() : TimeOrderedIds.next());
        }
        ids.add(new UUID(-1, -1));
        ids.add(new UUID(Long.MIN_VALUE, 0));
        ids.add(new UUID(Long.MAX_VALUE, 0));
        TestDatabase database = TestDatabase.inMemory("registry");
        List<UUID> sorted = database.inTransaction(c -> {
            try (PreparedStatement create = c.prepareStatement("CREATE TABLE registry.ids (id UUID PRIMARY KEY)")) {
                create.execute();
            }
            try (PreparedStatement insert = c.prepareStatement("INSERT INTO registry.ids (id) VALUES (?)")) {
                for (UUID id : ids) {
                    insert.setObject(1, id);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            List<UUID> read = new ArrayList<>();
            try (PreparedStatement select = c.prepareStatement("SELECT id FROM registry.ids ORDER BY id");
                    ResultSet rs = select.executeQuery()) {
                while (rs.next()) {
                    read.add(rs.getObject(1, UUID.class));
                }
            }
            return read;
        });
        assertThat(ids.stream().sorted(TimeOrderedIds.DATABASE_ORDER).toList()).isEqualTo(sorted);
    }
}
