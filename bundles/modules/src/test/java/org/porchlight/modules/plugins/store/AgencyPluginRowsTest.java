package org.porchlight.modules.plugins.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.porchlight.modules.plugins.store.AgencyPluginRows.Row;
import org.porchlight.testing.TestDatabase;

/** An agency's choice of a plugin is one row, replaced by the next change and counted; agencies see only their own. */
class AgencyPluginRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T05:00:00Z");

    private final TestDatabase database = TestDatabase.inMemory("plugins");
    private final AgencyPluginRows rows = new AgencyPluginRows();

    @Test
    void aChoiceIsSavedThenReplacedAndItsVersionCounts() {
        assertThat(save("KCPD", "org.example.feed", true, "{\"url\":\"a\"}")).isEqualTo(1);
        assertThat(save("KCPD", "org.example.feed", false, "{}")).isEqualTo(2);

        Row row = database.<Optional<Row>>withConnection(c -> rows.find(c, "KCPD", "org.example.feed")).orElseThrow();
        assertThat(row).isEqualTo(new Row("KCPD", "org.example.feed", false, "{}", NOW, "account:x", 2));
    }

    @Test
    void eachAgencyHasItsOwnRowsAndTheSnapshotReadsThemAll() {
        save("KCPD", "org.example.feed", true, "{}");
        save("JCSO", "org.example.feed", true, "{\"url\":\"b\"}");
        save("JCSO", "org.example.policy", false, "{}");

        assertThat(database.<List<Row>>withConnection(c -> rows.ofAgency(c, "KCPD"))).extracting(Row::plugin)
                .containsExactly("org.example.feed");
        assertThat(database.<List<Row>>withConnection(rows::all)).extracting(r -> r.agency() + " " + r.plugin())
                .containsExactly("JCSO org.example.feed", "JCSO org.example.policy", "KCPD org.example.feed");
        assertThat(database.<Optional<Row>>withConnection(c -> rows.find(c, "OPPD", "org.example.feed"))).isEmpty();
    }

    private long save(String agency, String plugin, boolean enabled, String settings) {
        return database.inTransaction(c -> rows.save(c, agency, plugin, enabled, settings, NOW, "account:x"));
    }
}
