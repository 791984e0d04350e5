package org.porchlight.legal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.legal.LegalDemandKind;
import org.porchlight.legal.LegalDemandResource;
import org.porchlight.testing.PortalResources;

class FormInputTest {

    private static final ZoneId CHICAGO = ZoneId.of("America/Chicago");

    @Test
    void aTimeTypedInTheFormIsTheAgencysLocalTime() {
        FormInput form = form(Map.of("footageFrom", "2026-11-30T21:00"));
        assertThat(form.instant("footageFrom", true, CHICAGO)).isEqualTo(Instant.parse("2026-12-01T03:00:00Z"));
        assertThat(form.valid()).isTrue();
    }

    @Test
    void requiredBlankTooLongAndMalformedFieldsAreNamedAndKeepWhatWasTyped() {
        FormInput form = form(Map.of("vendor", "   ", "scope", "x".repeat(2001), "issuedOn", "30/11/2026", "footageTo", "tomorrow",
                "kind", "SEARCH", "caseNumber", "<b>24-1</b>"));
        assertThat(form.text("vendor", true, 120)).isNull();
        assertThat(form.text("scope", true, 2000)).isNull();
        assertThat(form.date("issuedOn", false)).isNull();
        assertThat(form.instant("footageTo", true, CHICAGO)).isNull();
        assertThat(form.choice("kind", LegalDemandKind.class)).isNull();
        assertThat(form.matching("caseNumber", true, LegalDemandResource.CASE_NUMBER)).isNull();
        assertThat(form.valid()).isFalse();
        assertThat(form.errors()).containsOnlyKeys("vendor", "scope", "issuedOn", "footageTo", "kind", "caseNumber");
        assertThat(form.errors().get("vendor").key()).isEqualTo("legal.form.required");
        assertThat(form.errors().get("scope").key()).isEqualTo("legal.form.tooLong");
        assertThat(form.errors().get("caseNumber").key()).isEqualTo("legal.form.caseNumber");
        assertThat(form.values()).containsEntry("caseNumber", "<b>24-1</b>").containsEntry("issuedOn", "30/11/2026");
    }

    @Test
    void optionalBlankFieldsAreNullAndNoError() {
        FormInput form = form(Map.of("servedOn", ""));
        assertThat(form.date("servedOn", false)).isNull();
        assertThat(form.text("note", false, 1000)).isNull();
        assertThat(form.instant("requestedAt", false, CHICAGO)).isNull();
        assertThat(form.valid()).isTrue();
        assertThat(form(Map.of("issuedOn", "2026-11-02")).date("issuedOn", true)).isEqualTo(LocalDate.of(2026, 11, 2));
        assertThat(form(Map.of("kind", "COURT_ORDER")).choice("kind", LegalDemandKind.class)).isEqualTo(LegalDemandKind.COURT_ORDER);
    }

    @Test
    void templatesHaveNoInlineScriptOrStyleAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    private static FormInput form(Map<String, String> fields) {
        Map<String, String> copy = new HashMap<>(fields);
        return new FormInput(copy::get);
    }
}
