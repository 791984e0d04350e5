package org.porchlight.incentives.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.testing.TestPageRequest;

/** The incentives pages' forms with this bundle's texts: what a resident or an admin reads next to a field. */
class IncentiveFormsTest {

    @Test
    void entrantLabelsAreTheNonEmptyLinesAndThoseThatAreNoLabelsAreNamed() {
        FormFields form = new FormFields(request(Map.of("labels", "T-01\r\n\n  T-02  \nann@example.org\n")), "incentives.form.");
        List<String> lines = form.lines("labels", 10);
        assertThat(lines).containsExactly("T-01", "T-02", "ann@example.org");
        assertThat(RafflesPage.unmatched(form, "labels", lines)).containsExactly("ann@example.org");
        assertThat(form.messages()).containsEntry("labels",
                "These labels are not allowed (letters, digits, space, . _ - only; at most 64 characters):");
    }

    @Test
    void aKnownProblemShowsItsOwnTextAndAValidationProblemTheWorkflowsWords() {
        FormFields form = new FormFields(request(Map.of()), "incentives.form.");
        form.refused("units", new ProblemException(ProblemType.named("insufficient-balance", "Not enough", 409), "The ledger holds 0"));
        form.refused("aliases", new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field(s) invalid.")
                .withErrors(List.of(new Problem.FieldError("partnerAliases[0]", "is listed twice")))));
        form.refused("code", new ProblemException(ProblemType.named("something-new", "New", 409), "Something new happened."));
        assertThat(form.messages()).containsEntry("units", "The ledger does not hold enough units for this.")
                .containsEntry("aliases", "This was not accepted: partnerAliases[0] is listed twice")
                .containsEntry("code", "This was not accepted: Something new happened.");
    }

    @Test
    void aDayThatIsNoDateIsNamedInTheBundlesWords() {
        FormFields form = new FormFields(request(Map.of("startsOn", "12/01/2026", "units", "1001")), "incentives.form.");
        assertThat(form.date("startsOn", true)).isNull();
        assertThat(form.number("units", true, 1, 1000)).isNull();
        assertThat(form.id("campaign", false)).isNull();
        assertThat(form.messages()).containsEntry("startsOn", "Enter a date, e.g. 2026-12-31.")
                .containsEntry("units", "This number is out of range.").doesNotContainKey("campaign");
    }

    private static PageRequest request(Map<String, String> fields) {
        return TestPageRequest.post("/incentives", fields);
    }
}
