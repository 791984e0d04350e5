package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.Test;

import freemarker.template.SimpleScalar;
import freemarker.template.TemplateModelException;
import freemarker.template.DefaultObjectWrapperBuilder;
import freemarker.template.Configuration;
import freemarker.template.TemplateModel;

class DateFormatsTest {

    private final DateFormats dates = new DateFormats();

    private static TemplateModel wrap(Object o) throws TemplateModelException {
        return new DefaultObjectWrapperBuilder(Configuration.VERSION_2_3_32).build().wrap(o);
    }

    @Test
    void anInstantIsShownInTheAgencysTimeZoneAndTheVisitorsLanguage() throws Exception {
        // 18:30 UTC is 12:30 in Kansas City in December (CST) and 19:30 in Madrid
        Object kc = dates.dateTime(Locale.ENGLISH).exec(List.of(new SimpleScalar("2026-12-06T18:30:00Z"),
                new SimpleScalar("America/Chicago")));
        assertThat(kc.toString()).contains("Dec 6, 2026").contains("12:30").contains("CST");
        Object es = dates.dateTime(Locale.forLanguageTag("es")).exec(List.of(wrap(Date.from(Instant.parse("2026-12-06T18:30:00Z"))),
                new SimpleScalar("Europe/Madrid")));
        assertThat(es.toString()).contains("6 dic 2026").contains("19:30");
        Object day = dates.date(Locale.ENGLISH).exec(List.of(new SimpleScalar("2026-12-07T03:00:00Z"), new SimpleScalar("America/Chicago")));
        assertThat(day.toString()).isEqualTo("Dec 6, 2026");
        assertThat(dates.date(Locale.ENGLISH).exec(List.of(new SimpleScalar("2026-12-07T03:00:00Z"))).toString())
                .as("UTC without a zone").isEqualTo("Dec 7, 2026");
        assertThat(dates.date(Locale.ENGLISH).exec(List.of(new SimpleScalar("")))).isEqualTo("");
    }

    @Test
    void utcIsNamedUtcHoweverItIsSpelled() throws Exception {
        for (String zone : List.of("Z", "UTC", "")) {
            Object shown = dates.dateTime(Locale.ENGLISH).exec(List.of(new SimpleScalar("2026-12-06T18:30:00Z"), new SimpleScalar(zone)));
            assertThat(shown.toString()).as(zone).contains("6:30").endsWith(" UTC");
        }
    }

    @Test
    void whatIsNotAnInstantOrAZoneFailsTheTemplate() {
        assertThatThrownBy(() -> dates.dateTime(Locale.ENGLISH).exec(List.of(new SimpleScalar("yesterday"))))
                .isInstanceOf(TemplateModelException.class);
        assertThatThrownBy(() -> dates.dateTime(Locale.ENGLISH).exec(List.of(new SimpleScalar("2026-12-06T18:30:00Z"),
                new SimpleScalar("Mars/Olympus")))).isInstanceOf(TemplateModelException.class);
    }
}
