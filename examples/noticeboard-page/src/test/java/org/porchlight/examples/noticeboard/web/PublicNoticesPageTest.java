package org.porchlight.examples.noticeboard.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.ui.PageView;
import org.porchlight.testing.TestPageRequest;

import org.porchlight.examples.noticeboard.Boards;
import org.porchlight.examples.noticeboard.NoticeBoard;

/** The public boards: the list of agencies, and one agency's board at one address. */
class PublicNoticesPageTest {

    private final NoticeBoard board = Boards.board(100);
    private final PublicNoticesPage page = new PublicNoticesPage(board, Boards.AGENCIES);

    @Test
    void theIndexLinksEveryAgencysBoard() {
        PageView index = page.render(TestPageRequest.get("/notices", Locale.ENGLISH));

        assertThat((List<?>) index.model().get("agencies")).hasSize(2)
                .first().isEqualTo(Map.of("code", "KCPD", "name", "Kansas City Police"));
    }

    @Test
    void anAgencysBoardShowsWhatIsOnItTodayAtTheAddressWithItsCode() {
        board.post("KCPD", UUID.randomUUID(), "Open house", "Saturday at ten.", null);

        PageView kcpd = page.board("KCPD");
        assertThat(kcpd.model()).containsEntry("name", "Kansas City Police").containsEntry("zone", "America/Chicago");
        assertThat((List<?>) kcpd.model().get("notices")).hasSize(1);
        assertThat(page.board("kcpd").redirect()).isEqualTo("/notices/KCPD");
        assertThat((List<?>) page.board("OPPD").model().get("notices")).isEmpty();
    }

    @Test
    void anUnknownAgencyIsAPageThatDoesNotExist() {
        assertThatThrownBy(() -> page.board("NOPE")).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(404));
    }
}
