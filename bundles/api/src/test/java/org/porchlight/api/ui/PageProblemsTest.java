package org.porchlight.api.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** A workflow's refusal on a page: the page's own text where it has one, else the workflow's words. */
class PageProblemsTest {

    private static final ProblemException CLOSED = new ProblemException(ProblemType.named("raffle-closed", "Closed", 409),
            "The raffle was drawn at 10:00.");
    private static final Problem INVALID = Problem.of(ProblemType.VALIDATION, "2 field(s) invalid.")
            .withErrors(List.of(new Problem.FieldError("units", "must be at most 1000"), new Problem.FieldError("name", "must not be blank"),
                    new Problem.FieldError("units", "must be whole")));

    @Test
    void aProblemIsNamedByTheLastPartOfItsType() {
        assertThat(PageProblems.name(CLOSED.problem())).isEqualTo("raffle-closed");
        assertThat(PageProblems.is(CLOSED, "raffle-closed")).isTrue();
        assertThat(PageProblems.is(CLOSED, "closed")).as("the whole last part, not its end").isFalse();
        assertThat(PageProblems.name(Problem.ofStatus(400, "Bad Request", null))).isEqualTo("blank");
    }

    @Test
    void theWorkflowsWordsAreTheDetailOrTheTitleWithoutOne() {
        assertThat(PageProblems.text(CLOSED.problem())).isEqualTo("The raffle was drawn at 10:00.");
        assertThat(PageProblems.text(Problem.ofStatus(503, "Service Unavailable", null))).isEqualTo("Service Unavailable");
        assertThat(PageProblems.text(Problem.ofStatus(503, "Service Unavailable", ""))).isEqualTo("Service Unavailable");
    }

    @Test
    void aValidationProblemNamesItsFieldsEachWithItsFirstMessage() {
        assertThat(PageProblems.words(INVALID)).isEqualTo("units must be at most 1000; name must not be blank; units must be whole");
        assertThat(PageProblems.fieldMessages(INVALID)).containsExactly(Map.entry("units", "must be at most 1000"),
                Map.entry("name", "must not be blank"));
        assertThat(PageProblems.words(CLOSED.problem())).isEqualTo("The raffle was drawn at 10:00.");
        assertThat(PageProblems.fieldMessages(CLOSED.problem())).isEmpty();
    }

    @Test
    void thePagesOwnTextWinsWhereItHasOne() {
        PageRequest page = new FakePageRequest(Map.of(), Map.of("acme.problem.raffle-closed", "This raffle is closed."));
        assertThat(PageProblems.ownText(page, "acme.problem.", CLOSED.problem())).contains("This raffle is closed.");
        assertThat(PageProblems.text(page, "acme.problem.", CLOSED.problem())).isEqualTo("This raffle is closed.");
        assertThat(PageProblems.ownText(page, "acme.problem.", INVALID)).isEmpty();
        assertThat(PageProblems.text(page, "acme.problem.", INVALID)).isEqualTo("2 field(s) invalid.");
    }
}
