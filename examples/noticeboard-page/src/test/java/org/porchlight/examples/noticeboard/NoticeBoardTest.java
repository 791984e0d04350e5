package org.porchlight.examples.noticeboard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.LocalDate;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;

import org.porchlight.examples.noticeboard.store.NoticeRows.Notice;

/** The board's rules: what a notice must meet, and which notices are on it today in the agency's time zone. */
class NoticeBoardTest {

    private final NoticeBoard board = Boards.board(50);
    private final UUID author = UUID.randomUUID();

    @Test
    void aNoticeIsOnTheBoardThroughItsLastDayInTheAgencysTimeZone() {
        // 10 March in UTC, still 9 March in Chicago
        board.post("KCPD", author, "Road closed", "Main St closed tonight.", LocalDate.parse("2026-03-09"));
        assertThat(board.today("KCPD")).isEqualTo(LocalDate.parse("2026-03-09"));
        assertThat(board.current("KCPD")).extracting(Notice::title).containsExactly("Road closed");
    }

    @Test
    void aNoticeWhoseLastDayHasPassedIsRefusedWithItsNamedProblem() {
        assertThatThrownBy(() -> board.post("KCPD", author, "Late", "Too late.", LocalDate.parse("2026-03-08")))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().type()).isEqualTo(NoticeProblems.ENDED.uri()));
        assertThat(board.current("KCPD")).isEmpty();
    }

    @Test
    void aNoticeLongerThanTheOperatorAllowsIsRefusedAndTheSpaceAroundItIsNotKept() {
        assertThatThrownBy(() -> board.post("KCPD", author, "Long", "x".repeat(51), null))
                .isInstanceOfSatisfying(ProblemException.class,
                        e -> assertThat(e.problem().type()).isEqualTo(NoticeProblems.TOO_LONG.uri()));
        assertThat(board.post("KCPD", author, "  Lost dog ", " Brown, answers to Rex. ", null).body())
                .isEqualTo("Brown, answers to Rex.");
    }

    @Test
    void aNoticeTakenDownLeavesTheBoardAndAnotherAgencyCannotTakeItDown() {
        Notice notice = board.post("KCPD", author, "Event", "Open house on Saturday.", null);

        assertThatThrownBy(() -> board.takeDown("OPPD", notice.id())).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(404));
        board.takeDown("KCPD", notice.id());
        assertThat(board.current("KCPD")).isEmpty();
        assertThatThrownBy(() -> board.takeDown("KCPD", notice.id())).isInstanceOf(ProblemException.class);
    }
}
