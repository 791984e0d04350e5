package org.porchlight.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;

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

    /** The page that answers {@code path}: the most segments, then no wildcard, then the highest ranking. */
    Optional<Contribution> find(String path) {
        return contributions.stream().filter(c -> c.page().info().serves(path))
                .max(Comparator.<Contribution>comparingInt(c -> c.page().info().segments())
                        .thenComparing(c -> !c.page().info().hasWildcard())
                        .thenComparingInt(Contribution::ranking)
                        .thenComparing(Comparator.comparingLong(Contribution::serviceId).reversed()));
    }

    /**
     * The navigation for a caller with {@code role} ({@code null}: not signed in): the listed pages
     * the role may open, by group and order. A page another one hides (same path) is left out.
     */
    List<Group> navigation(String role) {
        Map<String, List<Contribution>> groups = new LinkedHashMap<>();
        for (Contribution c : contributions) {
            PageInfo info = c.page().info();
            if (info.group() != null && !info.hasWildcard() && info.allows(role)
                    && find(info.path()).filter(c::equals).isPresent()) {
                groups.computeIfAbsent(info.group(), g -> new ArrayList<>()).add(c);
            }
        }
        List<Group> result = new ArrayList<>();
        groups.entrySet().stream()
                .sorted(Comparator.comparingInt((Map.Entry<String, List<Contribution>> e) -> groupRank(e.getKey()))
                        .thenComparing(Map.Entry::getKey))
                .forEach(e -> {
                    List<Contribution> pages = new ArrayList<>(e.getValue());
                    pages.sort(Comparator.<Contribution>comparingInt(c -> c.page().info().order())
                            .thenComparing(c -> c.page().info().path()));
                    result.add(new Group(e.getKey(), List.copyOf(pages)));
                });
        return result;
    }

    private static int groupRank(String group) {
        int index = GROUP_ORDER.indexOf(group);
        return index < 0 ? GROUP_ORDER.size() : index;
    }
}
