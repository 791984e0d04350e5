package org.porchlight.examples.noticeboard.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.testing.TestDatabase;

/** The SQL against this module's own migrations, on the in-memory H2 the embedded store also runs. */
class NoteRowsTest {

    private final TestDatabase database = TestDatabase.inMemory("noticeboard");

    @Test
    void anAgencySeesItsOwnNotesNewestFirstAndNoOtherAgencys() {
        UUID author = UUID.randomUUID();
        database.inTransaction(c -> NoteRows.insert(c, "KCPD", author, "first"));
        database.inTransaction(c -> NoteRows.insert(c, "KCPD", author, "second"));
        database.inTransaction(c -> NoteRows.insert(c, "OPPD", author, "elsewhere"));

        List<NoteRows.Note> notes = database.withConnection(c -> NoteRows.byAgency(c, "KCPD"));
        assertThat(notes).extracting(NoteRows.Note::text).containsExactly("second", "first");
    }
}
