package org.porchlight.examples.noticeboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.TestDatabase;

/** The SQL against this module's own migrations, on the in-memory H2 the embedded store also runs. */
class NoticeRowsTest {

    private static final LocalDate TODAY = LocalDate.parse("2026-03-09");

    private final TestDatabase database = TestDatabase.inMemory("noticeboard");
    private final UUID author = UUID.randomUUID();

    @Test
    void theBoardShowsItsAgencysNoticesUntilTheirLastDayOrUntilTakenDown() {
        insert("KCPD", "no end", null);
        insert("KCPD", "ends today", TODAY);
        insert("KCPD", "ended yesterday", TODAY.minusDays(1));
        NoticeRows.Notice takenDown = insert("KCPD", "taken down", null);
        insert("OPPD", "elsewhere", null);
        assertThat(takeDown("KCPD", takenDown)).isTrue();

        List<NoticeRows.Notice> current = database.withConnection(c -> NoticeRows.current(c, "KCPD", TODAY));
        assertThat(current).extracting(NoticeRows.Notice::title).containsExactlyInAnyOrder("no end", "ends today");
    }

    @Test
    void aNoticeIsTakenDownOnceAndOnlyByItsAgency() {
        NoticeRows.Notice notice = insert("KCPD", "event", null);

        assertThat(takeDown("OPPD", notice)).isFalse();
        assertThat(takeDown("KCPD", notice)).isTrue();
        assertThat(takeDown("KCPD", notice)).isFalse();
    }

    private boolean takeDown(String agency, NoticeRows.Notice notice) {
        return database.inTransaction(c -> NoticeRows.takeDown(c, agency, notice.id()));
    }

    private NoticeRows.Notice insert(String agency, String title, LocalDate until) {
        return database.inTransaction(c -> NoticeRows.insert(c, agency, author, title, "text", until));
    }
}
