package org.porchlight.press;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;
import org.porchlight.api.incentives.IncentiveFigures;

/**
 * Render throughput for a typical press release: about 2,600 characters, six placeholders of
 * every kind and the partnership disclosure, rendered as plain text and as HTML (title and body
 * each), as a rendering or an approval does. {@code renderTextAndHtml} parses and judges the
 * template each time (the first rendering of a version; before issue 16's cache, every one);
 * {@code renderPreparedTextAndHtml} renders the parts kept parsed, as every later rendering of
 * the version does.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RenderBenchmark {

    private final StrictRenderer renderer = new StrictRenderer(RenderingLimits.defaults());
    private List<Placeholder> placeholders;
    private Map<String, String> values;
    private List<IncentiveFigures.Programme> programmes;
    private String title;
    private String body;
    private StrictRenderer.Prepared preparedTitle;
    private StrictRenderer.Prepared preparedBody;

    @Setup
    public void setUp() {
        placeholders = List.of(new Placeholder("agency", PlaceholderType.AGENCY_NAME, null),
                new Placeholder("day", PlaceholderType.DATE, null), new Placeholder("count", PlaceholderType.NUMBER, null),
                new Placeholder("place", PlaceholderType.TEXT, null), new Placeholder("contact", PlaceholderType.TEXT, null),
                new Placeholder("units", PlaceholderType.PROGRAM_FIGURE, "Acme Doorbells:unitsEarned"));
        values = Map.of("day", "2026-12-01", "count", "1234", "place", "Main St & 5th <Library>", "contact", "pio@kcpd.example");
        programmes = List.of(new IncentiveFigures.Programme(UUID.randomUUID(), "Doorbell Drive", "Acme Doorbells", 240, 12, 10,
                Instant.parse("2026-01-15T00:00:00Z")));
        title = "${agency} opens a community meeting on ${day}";
        String paragraph = "${agency} invites residents to a community meeting at ${place} on ${day}. Since the start of the year "
                + "${count} residents have taken part, and ${units} cameras were received through the Acme Doorbells programme. "
                + "Questions go to ${contact}; the meeting is open to everyone and no registration is needed. ";
        body = (paragraph + "\n\n").repeat(6) + "${disclosure}";
        preparedTitle = renderer.prepare("title", title);
        preparedBody = renderer.prepare("body", body);
    }

    @Benchmark
    public void renderTextAndHtml(Blackhole out) {
        PlaceholderValues v = PlaceholderValues.of(placeholders, values, "Kansas City Police Department", programmes,
                PartnershipDisclosure.block("Kansas City Police Department", programmes));
        String t = renderer.render("title", title, v.model(), Locale.US);
        String b = renderer.render("body", body, v.model(), Locale.US);
        out.consume(t);
        out.consume(b);
        out.consume(StrictRenderer.escape(t));
        out.consume(StrictRenderer.html(b));
    }

    @Benchmark
    public void renderPreparedTextAndHtml(Blackhole out) {
        PlaceholderValues v = PlaceholderValues.of(placeholders, values, "Kansas City Police Department", programmes,
                PartnershipDisclosure.block("Kansas City Police Department", programmes));
        String t = renderer.render(preparedTitle, v.model(), Locale.US);
        String b = renderer.render(preparedBody, v.model(), Locale.US);
        out.consume(t);
        out.consume(b);
        out.consume(StrictRenderer.escape(t));
        out.consume(StrictRenderer.html(b));
    }
}
