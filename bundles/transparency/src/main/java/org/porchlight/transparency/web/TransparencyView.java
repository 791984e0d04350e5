package org.porchlight.transparency.web;

import java.time.YearMonth;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

import org.porchlight.transparency.TransparencyPage;

/**
 * An agency's transparency page as the portal shows it: a chart per headline figure (requests,
 * shares, declines, legal demands, emergency requests, incentives) with its numbers in a table,
 * every figure of every section in a table per section, the privacy notes the figures call for,
 * and the plugins the agency uses where they concern residents. Only what the public API
 * publishes, read from the same {@link TransparencyPage}.
 */
final class TransparencyView {

    /** Looks up a text of this bundle in the page's language ({@code PageRequest::text}). */
    @FunctionalInterface
    interface Texts {
        String text(String key, Object... arguments);
    }

    /** A headline figure that gets a chart. */
    record Chart(String section, String figure) {
        String id() {
            return "chart-" + section + "-" + figure.toLowerCase(Locale.ROOT);
        }
    }

    static final List<Chart> CHARTS = List.of(new Chart("requests", "requestsMade"), new Chart("requests", "shared"),
            new Chart("requests", "declined"), new Chart("legal", "demands"), new Chart("legal", "emergencyRequests"),
            new Chart("incentives", "signUpsCounted"), new Chart("incentives", "unitsEarned"));

    private TransparencyView() {
    }

    /** The model of the template {@code transparency-agency} for {@code page}. */
    static Map<String, Object> model(TransparencyPage page, Locale locale, Texts texts) {
        DateTimeFormatter shortMonth = DateTimeFormatter.ofPattern("MMM yy", locale);
        DateTimeFormatter longMonth = DateTimeFormatter.ofPattern("MMMM yyyy", locale);
        List<YearMonth> months = page.months().stream().map(m -> YearMonth.parse((String) m.get("month"))).toList();
        Set<String> available = new LinkedHashSet<>();
        List<String> unavailable = new ArrayList<>();
        for (TransparencyPage.Section section : page.sections()) {
            if (section.available()) {
                available.add(section.name());
            } else {
                unavailable.add(sectionTitle(section.name(), texts));
            }
        }

        List<Map<String, Object>> charts = new ArrayList<>();
        for (Chart chart : CHARTS) {
            if (!available.contains(chart.section())) {
                continue;
            }
            List<BarChart.Bar> bars = new ArrayList<>();
            List<Map<String, Object>> rows = new ArrayList<>();
            double total = 0;
            int highest = -1;
            for (int i = 0; i < months.size(); i++) {
                double value = figure(page.months().get(i), chart.section(), chart.figure());
                bars.add(new BarChart.Bar(months.get(i).format(shortMonth), value));
                rows.add(Map.of("month", months.get(i).toString(), "label", months.get(i).format(longMonth),
                        "value", BarChart.number(value)));
                total += value;
                if (value > 0 && (highest < 0 || value > bars.get(highest).value())) {
                    highest = i;
                }
            }
            String title = texts.text("transparency.chart." + chart.figure());
            String from = months.isEmpty() ? "" : months.get(0).format(longMonth);
            String to = months.isEmpty() ? "" : months.get(months.size() - 1).format(longMonth);
            String desc = highest < 0 ? texts.text("transparency.chart.descNone", from, to)
                    : texts.text("transparency.chart.desc", from, to, BarChart.number(total), months.get(highest).format(longMonth),
                            BarChart.number(bars.get(highest).value()));
            charts.add(Map.of("id", chart.id(), "title", title, "desc", desc, "figure", figureLabel(chart.figure(), texts),
                    "svg", BarChart.svg(chart.id(), title, desc, bars), "rows", rows));
        }

        List<Map<String, Object>> sections = new ArrayList<>();
        long withheld = 0;
        for (String section : available) {
            Set<String> keys = new LinkedHashSet<>();
            for (Map<String, Object> month : page.months()) {
                keys.addAll(figures(month, section).keySet());
            }
            List<Map<String, Object>> columns = new ArrayList<>();
            for (String key : keys) {
                columns.add(Map.of("key", key, "label", figureLabel(key, texts)));
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            for (int i = 0; i < months.size(); i++) {
                Map<String, ?> figures = figures(page.months().get(i), section);
                List<String> cells = new ArrayList<>();
                for (String key : keys) {
                    Object value = figures.get(key);
                    cells.add(value instanceof Number n ? format(key, n) : "–");
                }
                rows.add(Map.of("month", months.get(i).toString(), "label", months.get(i).format(longMonth), "cells", cells));
                if (figures.get("ownersFiguresWithheld") instanceof Number n) {
                    withheld += n.longValue();
                }
            }
            sections.add(Map.of("name", section, "title", sectionTitle(section, texts), "columns", columns, "rows", rows));
        }

        List<String> notes = new ArrayList<>();
        notes.add(texts.text("transparency.note.aggregates", page.timeZone() == null ? "UTC" : page.timeZone()));
        if (available.contains("requests")) {
            notes.add(texts.text("transparency.note.owners"));
            if (withheld > 0) {
                notes.add(texts.text("transparency.note.withheld", String.valueOf(withheld)));
            }
            notes.add(texts.text("transparency.note.rates"));
            notes.add(texts.text("transparency.note.delayed"));
        }
        if (available.contains("legal")) {
            notes.add(texts.text("transparency.note.legal"));
        }
        for (String section : unavailable) {
            notes.add(texts.text("transparency.note.unavailable", section));
        }

        List<Map<String, Object>> plugins = new ArrayList<>();
        for (TransparencyPage.PluginUse use : page.plugins()) {
            Map<String, Object> plugin = new HashMap<>();
            plugin.put("kind", texts.text("transparency.plugins.kind." + use.kind()));
            plugin.put("name", use.name());
            plugin.put("description", use.description() == null ? "" : use.description());
            plugin.put("version", use.version());
            plugin.put("source", use.source() == null ? "" : use.source());
            plugins.add(plugin);
        }

        Map<String, Object> model = new HashMap<>();
        model.put("plugins", plugins);
        model.put("from", page.from());
        model.put("to", page.to());
        model.put("fromLabel", months.isEmpty() ? "" : months.get(0).format(longMonth));
        model.put("toLabel", months.isEmpty() ? "" : months.get(months.size() - 1).format(longMonth));
        model.put("charts", charts);
        model.put("sections", sections);
        model.put("notes", notes);
        model.put("generatedAt", page.generatedAt().toString());
        return model;
    }

    /** A figure's value in a month, 0 where the section had nothing (or left it out). */
    static double figure(Map<String, Object> month, String section, String figure) {
        return figures(month, section).get(figure) instanceof Number n ? n.doubleValue() : 0;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, ?> figures(Map<String, Object> month, String section) {
        return month.get(section) instanceof Map<?, ?> m ? (Map<String, ?>) m : Map.of();
    }

    /** A value as the tables show it: rates as percentages, counts as they are. */
    static String format(String key, Number value) {
        if (key.endsWith("Rate")) {
            return BarChart.number(value.doubleValue() * 100) + " %";
        }
        return BarChart.number(value.doubleValue());
    }

    /**
     * A figure's name in the page's language; {@code unitsEarned:Spring drive} (a figure per campaign)
     * is the figure's name with the campaign's; an unknown figure keeps its key.
     */
    static String figureLabel(String key, Texts texts) {
        int colon = key.indexOf(':');
        String base = colon < 0 ? key : key.substring(0, colon);
        String textKey = "transparency.figure." + base;
        String label = texts.text(textKey);
        if (label == null || label.equals(textKey)) {
            label = base;
        }
        return colon < 0 ? label : label + " – " + key.substring(colon + 1);
    }

    private static String sectionTitle(String section, Texts texts) {
        String key = "transparency.section." + section;
        String title = texts.text(key);
        return title == null || title.equals(key) ? section : title;
    }
}
