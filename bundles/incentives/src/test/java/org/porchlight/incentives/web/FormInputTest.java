package org.porchlight.incentives.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.incentives.Raffles;

class FormInputTest {

    @Test
    void requiredFieldsAreStrippedAndEmptyOrTooLongOnesNamed() {
        FormInput form = new FormInput(request(Map.of("name", "  Doorbells  ", "partner", "   ", "long", "x".repeat(201))));
        assertThat(form.required("name", 200)).isEqualTo("Doorbells");
        assertThat(form.required("partner", 200)).isNull();
        assertThat(form.required("long", 200)).isNull();
        assertThat(form.ok()).isFalse();
        assertThat(form.errors()).containsEntry("partner", "incentives.form.required").containsEntry("long", "incentives.form.tooLong")
                .doesNotContainKey("name");
        assertThat(form.values()).containsEntry("name", "Doorbells");
    }

    @Test
    void numbersMustBeWholeAndInRangeAndMayBeOptional() {
        FormInput form = new FormInput(request(Map.of("a", "+5", "b", "-3", "c", "2.5", "d", "1001", "e", "")));
        assertThat(form.number("a", -10, 10, true)).isEqualTo(5);
        assertThat(form.number("b", -10, 10, true)).isEqualTo(-3);
        assertThat(form.number("c", 1, 1000, true)).isNull();
        assertThat(form.number("d", 1, 1000, true)).isNull();
        assertThat(form.number("e", 1, 1000, false)).isNull();
        assertThat(form.errors()).containsEntry("c", "incentives.form.number").containsEntry("d", "incentives.form.range")
                .doesNotContainKey("e");
    }

    @Test
    void aCodeIsValidFromTheStartOfItsFirstDayToTheEndOfItsLastInTheAgencysZone() {
        FormInput form = new FormInput(request(Map.of("from", "2026-12-01", "bad", "12/01/2026")));
        LocalDate day = form.day("from");
        assertThat(form.day("bad")).isNull();
        assertThat(form.errors()).containsOnlyKeys("bad");
        ZoneId chicago = ZoneId.of("America/Chicago");
        assertThat(FormInput.startOf(day, chicago)).isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(FormInput.endOf(day, chicago)).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
    }

    @Test
    void entrantLabelsAreTheNonEmptyLinesAndThoseThatAreNoLabelsAreNamed() {
        FormInput form = new FormInput(request(Map.of("labels", "T-01\r\n\n  T-02  \nann@example.org\n")));
        List<String> lines = form.lines("labels", 10);
        assertThat(lines).containsExactly("T-01", "T-02", "ann@example.org");
        assertThat(form.unmatched("labels", lines, Pattern.compile(Raffles.LABEL))).containsExactly("ann@example.org");
        assertThat(form.errors()).containsEntry("labels", "incentives.form.pattern");
        assertThat(new FormInput(request(Map.of("x", "a\nb\nc"))).lines("x", 2)).hasSize(3);
    }

    @Test
    void aKnownProblemShowsItsOwnTextAndAValidationProblemTheWorkflowsWords() {
        FormInput form = new FormInput(request(Map.of()));
        form.problem("units", new ProblemException(ProblemType.named("insufficient-balance", "Not enough", 409), "The ledger holds 0"));
        form.problem("aliases", new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field(s) invalid.")
                .withErrors(List.of(new Problem.FieldError("partnerAliases[0]", "is listed twice")))));
        assertThat(form.errors()).containsEntry("units", "incentives.problem.insufficient-balance")
                .containsEntry("aliases", "incentives.form.problem");
        assertThat(form.details()).containsEntry("aliases", "partnerAliases[0] is listed twice").doesNotContainKey("units");
    }

    @Test
    void onlyWellFormedIdsAreIds() {
        assertThat(FormInput.uuid("0f8fad5b-d9cb-469f-a165-70867728950e")).isPresent();
        assertThat(FormInput.uuid("0f8fad5b-d9cb-469f-a165-70867728950")).isEmpty();
        assertThat(FormInput.uuid("../../etc")).isEmpty();
        assertThat(FormInput.uuid(null)).isEmpty();
    }

    static PageRequest request(Map<String, String> fields) {
        return new PageRequest() {
            @Override
            public Optional<Caller> caller() {
                return Optional.empty();
            }

            @Override
            public Locale locale() {
                return Locale.ENGLISH;
            }

            @Override
            public String path() {
                return "/incentives";
            }

            @Override
            public String subPath() {
                return "";
            }

            @Override
            public String method() {
                return "POST";
            }

            @Override
            public Optional<String> parameter(String name) {
                return Optional.ofNullable(fields.get(name));
            }

            @Override
            public List<String> parameters(String name) {
                return fields.containsKey(name) ? List.of(fields.get(name)) : new ArrayList<>();
            }

            @Override
            public String clientAddress() {
                return "127.0.0.1";
            }
        };
    }
}
