package org.porchlight.press;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Date;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.porchlight.api.incentives.IncentiveFigures;

import freemarker.template.SimpleDate;
import freemarker.template.SimpleNumber;
import freemarker.template.SimpleScalar;
import freemarker.template.TemplateDateModel;
import freemarker.template.TemplateModel;

/**
 * Turns a template's declared placeholders and the author's values into the typed model the
 * renderer sees: text as strings, dates as dates, numbers as numbers, the agency's name and
 * programme figures filled by Porchlight, and {@code disclosure} always there.
 *
 * @param model  what the template sees
 * @param values the same values as strings, for checks
 */
public record PlaceholderValues(Map<String, TemplateModel> model, Map<String, String> values) {

    /**
     * A number as authors write one, in plain notation: no exponent, so that a value of a few
     * characters cannot stand for a billion digits ({@code 1e999999999}) once formatted or rounded.
     */
    static final Pattern NUMBER = Pattern.compile("[+-]?[0-9]{1,15}(\\.[0-9]{1,6})?");

    /**
     * @throws PlaceholderException listing every placeholder that is missing or mistyped, by name
     */
    public static PlaceholderValues of(List<Placeholder> declared, Map<String, String> given, String agencyName,
            List<IncentiveFigures.Programme> programmes, String disclosure) {
        Map<String, TemplateModel> model = new LinkedHashMap<>();
        Map<String, String> values = new LinkedHashMap<>();
        List<String> wrong = new ArrayList<>();
        for (Placeholder p : declared) {
            String raw = given == null ? null : given.get(p.name());
            switch (p.type()) {
                case TEXT -> {
                    if (raw == null) {
                        wrong.add("'" + p.name() + "' (TEXT) has no value");
                    } else {
                        model.put(p.name(), new SimpleScalar(raw));
                        values.put(p.name(), raw);
                    }
                }
                case DATE -> {
                    try {
                        LocalDate date = LocalDate.parse(raw == null ? "" : raw.strip());
                        model.put(p.name(), new SimpleDate(Date.from(date.atStartOfDay(ZoneOffset.UTC).toInstant()), TemplateDateModel.DATE));
                        values.put(p.name(), date.toString());
                    } catch (DateTimeParseException e) {
                        wrong.add(raw == null ? "'" + p.name() + "' (DATE) has no value"
                                : "'" + p.name() + "' (DATE) is not a date like 2026-11-29");
                    }
                }
                case NUMBER -> {
                    if (raw != null && NUMBER.matcher(raw.strip()).matches()) {
                        BigDecimal number = new BigDecimal(raw.strip());
                        model.put(p.name(), new SimpleNumber(number));
                        values.put(p.name(), number.toPlainString());
                    } else {
                        wrong.add(raw == null ? "'" + p.name() + "' (NUMBER) has no value"
                                : "'" + p.name() + "' (NUMBER) is not a number like 1234 or -12.5 (at most 15 digits before the point, 6 after)");
                    }
                }
                case AGENCY_NAME -> {
                    model.put(p.name(), new SimpleScalar(agencyName));
                    values.put(p.name(), agencyName);
                }
                case PROGRAM_FIGURE -> {
                    Long figure = figure(p.source(), programmes);
                    if (figure == null) {
                        wrong.add("'" + p.name() + "' (PROGRAM_FIGURE) names no programme of the agency: " + p.source());
                    } else {
                        model.put(p.name(), new SimpleNumber(figure));
                        values.put(p.name(), figure.toString());
                    }
                }
            }
        }
        if (!wrong.isEmpty()) {
            throw new PlaceholderException("Placeholders missing or mistyped: " + String.join("; ", wrong) + ".");
        }
        model.put(Placeholder.DISCLOSURE, new SimpleScalar(disclosure));
        values.put(Placeholder.DISCLOSURE, disclosure);
        return new PlaceholderValues(Map.copyOf(model), values);
    }

    /** The figure {@code <programme or partner>:<figure>} names (names case-insensitive), or null. */
    static Long figure(String source, List<IncentiveFigures.Programme> programmes) {
        int colon = source.lastIndexOf(':');
        String who = source.substring(0, colon).strip().toLowerCase(Locale.ROOT);
        String figure = source.substring(colon + 1);
        for (IncentiveFigures.Programme programme : programmes) {
            if (programme.name().toLowerCase(Locale.ROOT).equals(who)
                    || (programme.partner() != null && programme.partner().toLowerCase(Locale.ROOT).equals(who))) {
                return switch (figure) {
                    case "signUpsAttributed" -> programme.signUpsAttributed();
                    case "unitsEarned" -> programme.unitsEarned();
                    case "unitsGivenAway" -> programme.unitsGivenAway();
                    default -> null;
                };
            }
        }
        return null;
    }
}
