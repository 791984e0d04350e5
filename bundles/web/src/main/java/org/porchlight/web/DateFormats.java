package org.porchlight.web;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.FormatStyle;
import java.time.temporal.TemporalAccessor;
import java.util.Date;
import java.util.List;
import java.util.Locale;

import freemarker.template.TemplateMethodModelEx;
import freemarker.template.TemplateModel;
import freemarker.template.TemplateModelException;
import freemarker.template.utility.DeepUnwrap;

/**
 * The templates' {@code when(instant, zone)} and {@code day(instant, zone)}: an instant shown in
 * the visitor's language and in the time zone of the agency it concerns (not the server's, not the
 * browser's: an officer in Kansas City and a resident abroad read the same request's times alike).
 * The instant is an ISO-8601 string, a {@link Date} or an {@link Instant}; the zone a zone id, UTC
 * when missing or empty. An empty or missing instant shows as empty.
 */
final class DateFormats {

    private static final ZoneId UTC = ZoneId.of("UTC");

    TemplateMethodModelEx dateTime(Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDateTime(FormatStyle.MEDIUM, FormatStyle.SHORT)
                .withLocale(locale);
        DateTimeFormatter zoneName = DateTimeFormatter.ofPattern("zzz", locale);
        return arguments -> show(arguments, (instant, zone) -> format.withZone(zone).format(instant) + " "
                + zoneName.withZone(zone).format(instant));
    }

    TemplateMethodModelEx date(Locale locale) {
        DateTimeFormatter format = DateTimeFormatter.ofLocalizedDate(FormatStyle.MEDIUM).withLocale(locale);
        return arguments -> show(arguments, (instant, zone) -> format.withZone(zone).format(instant));
    }

    private interface Shown {
        String text(Instant instant, ZoneId zone);
    }

    private static String show(List<?> arguments, Shown shown) throws TemplateModelException {
        if (arguments.isEmpty() || arguments.size() > 2) {
            throw new TemplateModelException("takes an instant and an optional time zone");
        }
        Instant instant = instant(DeepUnwrap.unwrap((TemplateModel) arguments.get(0)));
        if (instant == null) {
            return "";
        }
        Object zone = arguments.size() > 1 ? DeepUnwrap.unwrap((TemplateModel) arguments.get(1)) : null;
        return shown.text(instant, zone(zone));
    }

    static Instant instant(Object value) throws TemplateModelException {
        if (value == null || "".equals(value)) {
            return null;
        }
        if (value instanceof Instant i) {
            return i;
        }
        if (value instanceof Date d) {
            return d.toInstant();
        }
        if (value instanceof TemporalAccessor t) {
            return Instant.from(t);
        }
        try {
            return DateTimeFormatter.ISO_DATE_TIME.parse(value.toString(), Instant::from);
        } catch (DateTimeException e) {
            throw new TemplateModelException("not an instant: " + value, e);
        }
    }

    static ZoneId zone(Object value) throws TemplateModelException {
        if (value == null || value.toString().isEmpty()) {
            return UTC;
        }
        ZoneId zone;
        try {
            zone = value instanceof ZoneId z ? z : ZoneId.of(value.toString());
        } catch (DateTimeException e) {
            throw new TemplateModelException("not a time zone: " + value, e);
        }
        // An agency without a zone of its own is in ZoneOffset.UTC, whose id is "Z": name it UTC as the other spelling does.
        return ZoneOffset.UTC.equals(zone) ? UTC : zone;
    }
}
