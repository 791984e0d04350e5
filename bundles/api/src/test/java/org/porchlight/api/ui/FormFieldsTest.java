package org.porchlight.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.ui.FormFields.FieldError;

/** A posted form read as the REST resources read a body: each wrong field named, with what was typed kept. */
class FormFieldsTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");
    private static final Map<String, String> TEXTS = Map.of("acme.form.required", "Fill this in.", "acme.form.tooLong",
            "At most {0} characters.", "acme.form.range", "From {0} to {1}.", "acme.form.problem", "Not accepted: {0}",
            "acme.form.problem.raffle-closed", "The raffle is closed.");

    enum Kind { DOORBELL, FLOODLIGHT }

    @Test
    void aTextIsStrippedAndBlankIsMissingTooLongIsNamedWithItsLimit() {
        FormFields form = form(Map.of("name", "  Doorbells  ", "blank", "   ", "empty", "", "long", "x".repeat(201),
                "justRight", "y".repeat(200)));
        assertThat(form.text("name", true, 200)).isEqualTo("Doorbells");
        assertThat(form.text("blank", true, 200)).isNull();
        assertThat(form.text("empty", true, 200)).isNull();
        assertThat(form.text("absent", true, 200)).isNull();
        assertThat(form.text("long", true, 200)).isNull();
        assertThat(form.text("justRight", true, 200)).hasSize(200);
        assertThat(form.valid()).isFalse();
        assertThat(form.errors()).containsOnlyKeys("blank", "empty", "absent", "long");
        assertThat(form.errors().get("long")).isEqualTo(new FieldError("acme.form.tooLong", List.of(200)));
        assertThat(form.messages()).containsEntry("blank", "Fill this in.").containsEntry("long", "At most 200 characters.");
        assertThat(form.values()).containsEntry("name", "Doorbells").containsEntry("absent", "").containsEntry("long", "x".repeat(201));
    }

    @Test
    void anOptionalBlankFieldIsNullAndNoError() {
        FormFields form = form(Map.of("note", " ", "on", "", "at", ""));
        assertThat(form.text("note", false, 10)).isNull();
        assertThat(form.date("on", false)).isNull();
        assertThat(form.dateTime("at", false, CHICAGO)).isNull();
        assertThat(form.number("count", false, 1, 5)).isNull();
        assertThat(form.choice("kind", false, Kind.class)).isNull();
        assertThat(form.id("campaign", false)).isNull();
        assertThat(form.valid()).isTrue();
    }

    @Test
    void aNumberIsWholeAndInItsRange() {
        FormFields form = form(Map.of("a", "+5", "b", "-3", "c", "2.5", "d", "1001", "e", "0", "f", "12abc", "g", "99999999999", "h", ""));
        assertThat(form.number("a", true, -10, 10)).isEqualTo(5);
        assertThat(form.number("b", true, -10, 10)).isEqualTo(-3);
        assertThat(form.number("c", true, 1, 1000)).as("not whole").isNull();
        assertThat(form.number("d", true, 1, 1000)).as("above").isNull();
        assertThat(form.number("e", true, 1, 1000)).as("below").isNull();
        assertThat(form.number("f", true, 1, 1000)).isNull();
        assertThat(form.number("g", true, 1, Integer.MAX_VALUE)).as("beyond an int").isNull();
        assertThat(form.number("h", true, 1, 1000)).isNull();
        assertThat(form.errors()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().key()).containsExactly("c=acme.form.number",
                "d=acme.form.range", "e=acme.form.range", "f=acme.form.number", "g=acme.form.number", "h=acme.form.required");
        assertThat(form.messages()).containsEntry("d", "From 1 to 1,000.");
    }

    @Test
    void aDateIsAsADateInputSendsIt() {
        FormFields form = form(Map.of("ok", "2026-11-02", "us", "11/02/2026", "month", "2026-13-01", "day", "2026-02-30",
                "long", "2026-11-02".repeat(4), "blank", " "));
        assertThat(form.date("ok", true)).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(form.date("us", true)).isNull();
        assertThat(form.date("month", true)).isNull();
        assertThat(form.date("day", true)).isNull();
        assertThat(form.date("long", true)).isNull();
        assertThat(form.date("blank", true)).isNull();
        assertThat(form.errors()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().key()).containsExactly("us=acme.form.date",
                "month=acme.form.date", "day=acme.form.date", "long=acme.form.date", "blank=acme.form.required");
    }

    @Test
    void aTimeTypedInTheFormIsTheAgencysLocalTime() {
        FormFields form = form(Map.of("winter", "2026-11-30T21:00", "summer", "2026-07-05T21:30:15", "bad", "tomorrow",
                "dateOnly", "2026-11-30", "hour", "2026-11-30T25:00", "long", "2026-11-30T21:00".repeat(3)));
        assertThat(form.dateTime("winter", true, CHICAGO)).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
        assertThat(form.dateTime("summer", true, CHICAGO)).as("daylight saving").isEqualTo(Instant.parse("2026-07-06T02:30:15Z"));
        assertThat(form.dateTime("bad", true, CHICAGO)).isNull();
        assertThat(form.dateTime("dateOnly", true, CHICAGO)).isNull();
        assertThat(form.dateTime("hour", true, CHICAGO)).isNull();
        assertThat(form.dateTime("long", true, CHICAGO)).isNull();
        assertThat(form.dateTime("none", true, CHICAGO)).isNull();
        assertThat(form.errors()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().key()).containsExactly(
                "bad=acme.form.dateTime", "dateOnly=acme.form.dateTime", "hour=acme.form.dateTime", "long=acme.form.dateTime",
                "none=acme.form.required");
    }

    @Test
    void timesAreReadAndShownInTheAgencysZoneAndDaysAreWhole() {
        assertThat(FormFields.instant(" 2026-12-05T21:30 ", CHICAGO)).isEqualTo(Instant.parse("2026-12-06T03:30:00Z"));
        assertThatThrownBy(() -> FormFields.instant("2026-12-05", CHICAGO)).isInstanceOf(DateTimeException.class);
        assertThat(FormFields.local(Instant.parse("2026-12-06T03:30:45Z"), CHICAGO)).isEqualTo("2026-12-05T21:30");
        assertThat(FormFields.local(null, CHICAGO)).isEmpty();
        LocalDate day = LocalDate.of(2026, 12, 1);
        assertThat(FormFields.startOf(day, CHICAGO)).isEqualTo(Instant.parse("2026-12-01T06:00:00Z"));
        assertThat(FormFields.endOf(day, CHICAGO)).isEqualTo(Instant.parse("2026-12-02T06:00:00Z"));
        assertThat(FormFields.endOf(LocalDate.of(2026, 3, 8), CHICAGO)).as("a 23-hour day")
                .isEqualTo(FormFields.startOf(LocalDate.of(2026, 3, 8), CHICAGO).plusSeconds(23 * 3600));
    }

    @Test
    void aNumberInALinkIsWholeOrTheDefault() {
        assertThat(FormFields.integer(" 20 ")).contains(20);
        assertThat(FormFields.integer("-3")).contains(-3);
        assertThat(FormFields.integer(null)).isEmpty();
        assertThat(FormFields.integer("")).isEmpty();
        assertThat(FormFields.integer("2.5")).isEmpty();
        assertThat(FormFields.integer("20; drop")).isEmpty();
        assertThat(FormFields.integer("99999999999")).as("beyond an int").isEmpty();
    }

    @Test
    void aChoiceIsAConstantOrAnIdInItsOneSpelling() {
        UUID id = UUID.fromString("0f8fad5b-d9cb-469f-a165-70867728950e");
        FormFields form = form(Map.of("kind", "FLOODLIGHT", "lower", "doorbell", "other", "DRONE", "id", id.toString(),
                "upperId", id.toString().toUpperCase(), "path", "../../etc"));
        assertThat(form.choice("kind", true, Kind.class)).isEqualTo(Kind.FLOODLIGHT);
        assertThat(form.choice("lower", true, Kind.class)).isNull();
        assertThat(form.choice("other", true, Kind.class)).isNull();
        assertThat(form.choice("none", true, Kind.class)).isNull();
        assertThat(form.id("id", true)).isEqualTo(id);
        assertThat(form.id("upperId", true)).isNull();
        assertThat(form.id("path", false)).isNull();
        assertThat(form.errors()).extractingFromEntries(e -> e.getKey() + "=" + e.getValue().key()).containsExactly(
                "lower=acme.form.choice", "other=acme.form.choice", "none=acme.form.required", "upperId=acme.form.choice",
                "path=acme.form.choice");
    }

    @Test
    void aCheckboxIsTickedWhenSentWhateverItsValue() {
        FormFields form = form(Map.of("recording", "on", "contactOk", ""));
        assertThat(form.checkbox("recording")).isTrue();
        assertThat(form.checkbox("contactOk")).isTrue();
        assertThat(form.checkbox("exactLocationOk")).isFalse();
        assertThat(form.values()).containsEntry("recording", "on").containsEntry("exactLocationOk", "");
        assertThat(form.valid()).isTrue();
    }

    @Test
    void linesAreTheNonBlankOnesAndTooManyIsNamed() {
        FormFields form = form(Map.of("labels", "T-01\r\n\n  T-02  \n\t\nT-03", "few", "a\nb"));
        assertThat(form.lines("labels", 2)).containsExactly("T-01", "T-02", "T-03");
        assertThat(form.lines("few", 2)).containsExactly("a", "b");
        assertThat(form.lines("none", 2)).isEmpty();
        assertThat(form.errors()).containsOnlyKeys("labels");
        assertThat(form.errors().get("labels")).isEqualTo(new FieldError("acme.form.tooMany", List.of(2)));
    }

    @Test
    void aPagesOwnRuleAndTheFirstErrorOfAFieldWin() {
        FormFields form = form(Map.of("units", "0"));
        Integer units = form.number("units", true, -10, 10);
        assertThat(form.<Object>fail("units", "acme.form.notZero")).isNull();
        form.fail("units", "acme.form.other");
        assertThat(units).isZero();
        assertThat(form.errors().get("units").key()).isEqualTo("acme.form.notZero");
        assertThat(form.messages()).containsEntry("units", "acme.form.notZero").as("a key without a text shows as itself");
    }

    @Test
    void aWorkflowsRefusalShowsThePagesOwnTextOrTheWorkflowsWords() {
        FormFields form = form(Map.of());
        form.refused("raffle", new ProblemException(ProblemType.named("raffle-closed", "Closed", 409), "Drawn at 10:00."));
        form.refused("aliases", new ProblemException(Problem.of(ProblemType.VALIDATION, "1 field(s) invalid.")
                .withErrors(List.of(new Problem.FieldError("partnerAliases[0]", "is listed twice")))));
        form.refused("units", new ProblemException(ProblemType.named("insufficient-balance", "Not enough", 409), "The ledger holds 0"));
        assertThat(form.messages()).containsEntry("raffle", "The raffle is closed.")
                .containsEntry("aliases", "Not accepted: partnerAliases[0] is listed twice")
                .containsEntry("units", "Not accepted: The ledger holds 0");
    }

    private static FormFields form(Map<String, String> fields) {
        return new FormFields(new FakePageRequest(new HashMap<>(fields), TEXTS), "acme.form.");
    }
}
