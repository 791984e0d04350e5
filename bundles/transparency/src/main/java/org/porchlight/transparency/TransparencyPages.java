package org.porchlight.transparency;

import java.time.Instant;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

import org.osgi.framework.Constants;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.transparency.MonthlyFigures;
import org.porchlight.api.transparency.TransparencySource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Assembles pages from every {@link TransparencySource} registered now: bundles come and go
 * (an update of the requests bundle must not restart this one), so the sources are a dynamic
 * reference. A source that fails is left out of that one page, which says so, and logged with
 * the request's correlation id (the logging context carries it). The page also lists the plugins the
 * agency uses where they concern residents ({@link PluginsInUse}).
 */
@Component(service = TransparencyPages.class)
public class TransparencyPages {

    private static final Logger LOG = LoggerFactory.getLogger(TransparencyPages.class);
    /** What a section may be called: {@link TransparencySource#SECTION}; never "month", the key that names each month. */
    private static final Pattern SECTION_NAME = Pattern.compile("[a-z0-9-]{1,32}");
    private static final String MONTH_KEY = "month";

    /** One registered source, under its section name. */
    record Contribution(String section, int ranking, long serviceId, TransparencySource source) {
    }

    private final Map<Long, Contribution> contributions = new ConcurrentHashMap<>();
    private final AtomicLong generation = new AtomicLong();
    private final PluginsInUse plugins;

    @Activate
    public TransparencyPages(@Reference PluginsInUse plugins) {
        this.plugins = plugins;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY, unbind = "removeSource")
    void addSource(TransparencySource source, Map<String, Object> properties) {
        long id = ((Number) properties.get(Constants.SERVICE_ID)).longValue();
        Object section = properties.get(TransparencySource.SECTION);
        if (!(section instanceof String name) || !SECTION_NAME.matcher(name).matches() || MONTH_KEY.equals(name)) {
            LOG.warn("Transparency source (service {}) ignored: its {} must be 1 to 32 of a-z 0-9 - and not \"month\"", id,
                    TransparencySource.SECTION);
            return;
        }
        Object ranking = properties.get(Constants.SERVICE_RANKING);
        contributions.put(id, new Contribution(name, ranking instanceof Integer r ? r : 0, id, source));
        generation.incrementAndGet();
    }

    void removeSource(TransparencySource source, Map<String, Object> properties) {
        contributions.remove(((Number) properties.get(Constants.SERVICE_ID)).longValue());
        generation.incrementAndGet();
    }

    /** A number that changes whenever a source comes or goes: what a page kept for a while was made with. */
    public long sourcesGeneration() {
        return generation.get();
    }

    public TransparencyPage page(AgencyProfile agency, MonthRange range, Instant now) {
        return assemble(agency, range, contributions.values(), now).withPlugins(plugins.forAgency(agency.code()));
    }

    /**
     * The page from these sources. Of two sources for one section, the higher service ranking
     * (then the older service) is used. Figures for months outside the range are dropped.
     */
    static TransparencyPage assemble(AgencyProfile agency, MonthRange range, Collection<Contribution> contributions, Instant now) {
        Map<String, Contribution> bySection = new TreeMap<>();
        contributions.stream()
                .sorted(Comparator.comparingInt(Contribution::ranking).reversed().thenComparingLong(Contribution::serviceId))
                .forEach(c -> bySection.putIfAbsent(c.section(), c));

        List<TransparencyPage.Section> sections = new ArrayList<>();
        Map<String, Map<YearMonth, Map<String, Number>>> figures = new TreeMap<>();
        bySection.forEach((section, contribution) -> {
            try {
                List<MonthlyFigures> monthly = contribution.source().monthly(agency.code(), range.from(), range.to());
                Map<YearMonth, Map<String, Number>> byMonth = new TreeMap<>();
                if (monthly != null) {
                    for (MonthlyFigures month : monthly) {
                        if (month != null && range.contains(month.month())) {
                            byMonth.putIfAbsent(month.month(), month.figures());
                        }
                    }
                }
                figures.put(section, byMonth);
                sections.add(new TransparencyPage.Section(section, true));
            } catch (RuntimeException | LinkageError e) {
                // Also a bundle stopping in the middle of the call: the page answers without it.
                LOG.warn("Transparency section {} failed for agency {} and is left out of this page", section, agency.code(), e);
                sections.add(new TransparencyPage.Section(section, false));
            }
        });

        List<Map<String, Object>> months = new ArrayList<>();
        for (YearMonth month : range.months()) {
            Map<String, Object> row = new LinkedHashMap<>();
            row.put(MONTH_KEY, month.toString());
            figures.forEach((section, byMonth) -> row.put(section, byMonth.getOrDefault(month, Map.of())));
            months.add(row);
        }
        return new TransparencyPage(new TransparencyPage.Agency(agency.code(), agency.name()),
                agency.timeZone() == null ? null : agency.timeZone().getId(), range.from().toString(), range.to().toString(),
                months, sections, now);
    }
}
