package ${package}.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageView;
import org.porchlight.testing.PortalResources;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestConfiguration;
import org.porchlight.testing.TestDatabase;
import org.porchlight.testing.TestPageRequest;

import ${package}.NoteBook;
import ${package}.NotesConfiguration;

/** The notes page's form and list, on the real {@link NoteBook} over H2, without a server. */
class NotesPageTest {

    private final NoteBook notes = new NoteBook(TestDatabase.inMemory("${module}"),
            TestConfiguration.of(NotesConfiguration.class, Map.of("maxLength", 20)));
    private final NotesPage page = new NotesPage(notes, TestAgencies.of());
    private final Caller officer = staff(Roles.OFFICER);

    @Test
    void anOfficersNoteIsKeptAndTheBrowserIsSentBackToTheList() {
        PageView added = page.add(officer, TestPageRequest.post("/${module}", Map.of("text", " gate code changed ")));

        assertThat(added.status()).isEqualTo(303);
        assertThat(added.redirect()).isEqualTo("/${module}");
        assertThat(notes.list("KCPD")).extracting(n -> n.text()).containsExactly("gate code changed");
    }

    @Test
    void aMissingOrTooLongNoteIsShownAgainWithItsErrorNextToTheField() {
        PageView empty = page.add(officer, TestPageRequest.post("/${module}", Map.of("text", "  ")));
        PageView tooLong = page.add(officer, TestPageRequest.post("/${module}", Map.of("text", "x".repeat(21))));

        assertThat(empty.status()).isEqualTo(422);
        assertThat(empty.model().get("errors")).isEqualTo(Map.of("text", "Write the note first."));
        assertThat(tooLong.model().get("errors")).isEqualTo(Map.of("text", "At most 20 characters."));
        assertThat(tooLong.model().get("values")).isEqualTo(Map.of("text", "x".repeat(21)));
        assertThat(notes.list("KCPD")).isEmpty();
    }

    @Test
    void theAgencyAdminReadsTheNotesButHasNoFormToAddOne() {
        Caller admin = staff(Roles.AGENCY_ADMIN);
        page.add(officer, TestPageRequest.post("/${module}", Map.of("text", "seen at the corner")));

        PageView list = page.view(admin, Map.of(), Map.of());
        assertThat((List<?>) list.model().get("notes")).hasSize(1);
        assertThat(list.model().get("canAdd")).isEqualTo(false);
        assertThatThrownBy(() -> page.add(admin, TestPageRequest.post("/${module}", Map.of("text", "mine"))))
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.problem().status()).isEqualTo(403));
        assertThat(notes.list("KCPD")).hasSize(1);
    }

    @Test
    void templatesHaveNoInlineScriptsOrStylesAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    private static Caller staff(String role) {
        return new Caller(UUID.randomUUID(), role, "KCPD", Caller.Credential.TOKEN, null);
    }
}
