package org.porchlight.examples.noticeboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;

/** The rules a note must meet, without a server or a database. */
class NoteBookTest {

    @Test
    void aNoteIsKeptWithoutTheSpaceAroundIt() {
        assertThat(NoteBook.clean("  seen at the corner \n", 50)).isEqualTo("seen at the corner");
    }

    @Test
    void aNoteLongerThanTheOperatorAllowsIsRefusedWithItsNamedProblem() {
        assertThatThrownBy(() -> NoteBook.clean("x".repeat(11), 10))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().type()).isEqualTo(NoteProblems.TOO_LONG.uri()));
    }

    @Test
    void theLimitCountsCharactersNotBytes() {
        assertThat(NoteBook.clean("é".repeat(10), 10)).hasSize(10);
    }
}
