package org.porchlight.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

import org.porchlight.api.ui.PageInfo;

/**
 * Every page the bundles contribute, as the shell routes to them and lists them: which page
 * answers a path, and the navigation a role sees (only the pages it may open).
 */
final class PortalPages {

    /** The order of the known navigation groups; other groups follow, by name. */
    static final List<String> GROUP_ORDER = List.of(PageInfo.GROUP_PUBLIC, PageInfo.GROUP_MY, PageInfo.GROUP_WORK,
            PageInfo.GROUP_ADMIN);

    /** A navigation group with its pages in order. */
    record Group(String key, List<Contribution> pages) {
    }

    private final List<Contribution> contributions = new CopyOnWriteArrayList<>();

    void add(Contribution contribution) {
        contributions.add(contribution);
    }

    /** Takes a page away; returns it, or {@code null} if it was not known. */
    Contribution remove(long serviceId) {
        for (Contribution c : contributions) {
            if (c.serviceId() == serviceId) {
                contributions.remove(c);
                return c;
            }
        }
        return null;
    }

    /** Whether any page still comes from the bundle with this class loader. */
    boolean uses(ClassLoader loader) {
        return contributions.stream().anyMatch(c -> c.loader() == loader);
    }

    /**
     * The page that answers {@code path} among those {@code shown} to the visitor: the most segments,
     * then no wildcard, then the highest ranking.
     */
    Optional<Contribution> find(String path, Predicate<Contribution> shown) {
        return best(snapshot(shown), path).map(Listed::contribution);
    }

    /**
     * The navigation for a caller with {@code role} ({@code null}: not signed in): the listed pages
     * {@code shown} to the visitor that the role may open, by group and order. A page another one hides (same path) is left out.
     */
    List<Group> navigation(String role, Predicate<Contribution> shown) {
        List<Listed> all = snapshot(shown); // each page's info read once per call, not once per pair of pages
        Map<String, List<Listed>> groups = new LinkedHashMap<>();
        for (Listed l : all) {
            PageInfo info = l.info();
            if (info.group() != null && !info.hasWildcard() && info.allows(role)
                    && best(all, info.path()).filter(l::equals).isPresent()) {
                groups.computeIfAbsent(info.group(), g -> new ArrayList<>()).add(l);
            }
        }
        List<Group> result = new ArrayList<>();
        groups.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Listed>> e) -> groupRank(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> result.add(new Group(e.getKey(), e.getValue().stream()
                        .sorted(Comparator.<Listed>comparingInt(l -> l.info().order()).thenComparing(l -> l.info().path()))
                        .map(Listed::contribution).toList())));
        return result;
    }

    /** A page with the info it gave for this call (a page's info is read on every request). */
    private record Listed(Contribution contribution, PageInfo info) {
    }

    private List<Listed> snapshot(Predicate<Contribution> shown) {
        List<Listed> all = new ArrayList<>();
        for (Contribution c : contributions) {
            if (shown.test(c)) {
                all.add(new Listed(c, c.page().info()));
            }
        }
        return all;
    }

    private static final Comparator<Listed> PRECEDENCE = Comparator.<Listed>comparingInt(l -> l.info().segments())
            .thenComparing(l -> !l.info().hasWildcard())
            .thenComparingInt(l -> l.contribution().ranking())
            .thenComparing(Comparator.comparingLong((Listed l) -> l.contribution().serviceId()).reversed());

    private static Optional<Listed> best(List<Listed> all, String path) {
        Listed best = null;
        for (Listed l : all) {
            if (l.info().serves(path) && (best == null || PRECEDENCE.compare(l, best) > 0)) {
                best = l;
            }
        }
        return Optional.ofNullable(best);
    }

    private static int groupRank(String group) {
        int index = GROUP_ORDER.indexOf(group);
        return index < 0 ? GROUP_ORDER.size() : index;
    }
}
