package org.porchlight.examples.noticeboard.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageView;
import org.porchlight.testing.PortalResources;
import org.porchlight.testing.TestPageRequest;

import org.porchlight.examples.noticeboard.Boards;
import org.porchlight.examples.noticeboard.NoticeBoard;

/** The staff's board page: its form and list on the real {@link NoticeBoard} over H2, without a server. */
class NoticeboardPageTest {

    private final NoticeBoard board = Boards.board(40);
    private final NoticeboardPage page = new NoticeboardPage(board, Boards.AGENCIES);
    private final Caller pio = new Caller(UUID.randomUUID(), Roles.PIO, "KCPD", Caller.Credential.TOKEN, null);

    @Test
    void aPostedNoticeGoesOnTheBoardAndTheBrowserBackToIt() {
        PageView posted = page.post(pio, form("Road closed", "Main St is closed tonight.", "2026-03-12"));

        assertThat(posted.status()).isEqualTo(303);
        assertThat(posted.redirect()).isEqualTo("/noticeboard");
        List<?> notices = (List<?>) page.view(pio, Map.of(), Map.of()).model().get("notices");
        assertThat(notices).singleElement().satisfies(n -> {
            assertThat(((Map<?, ?>) n).get("title")).isEqualTo("Road closed");
            assertThat(((Map<?, ?>) n).get("until")).isEqualTo("2026-03-12");
        });
    }

    @Test
    void eachWrongFieldComesBackWithItsOwnErrorAndWhatWasTyped() {
        PageView missing = page.post(pio, form(" ", "x".repeat(41), "12/03/2026"));

        assertThat(missing.status()).isEqualTo(422);
        assertThat(missing.model().get("errors")).isEqualTo(Map.of("title", "Required.", "body", "At most 40 characters.",
                "until", "A date as YYYY-MM-DD."));
        assertThat(((Map<?, ?>) missing.model().get("values")).get("until")).isEqualTo("12/03/2026");
        assertThat(board.current("KCPD")).isEmpty();
    }

    @Test
    void aLastDayThatHasPassedInTheAgencysTimeZoneIsShownNextToTheDate() {
        PageView refused = page.post(pio, form("Late", "Too late.", "2026-03-08"));

        assertThat(refused.status()).isEqualTo(422);
        assertThat(refused.model().get("errors")).isEqualTo(Map.of("until", "That day has already passed."));
        assertThat(refused.model().get("today")).isEqualTo("2026-03-09");
    }

    @Test
    void templatesHaveNoInlineScriptsOrStylesAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    private static TestPageRequest form(String title, String body, String until) {
        return TestPageRequest.post("/noticeboard", Map.of("title", title, "body", body, "until", until));
    }
}
