package org.porchlight.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.junit.jupiter.api.Test;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

class PortalPagesTest {

    private static final Predicate<Contribution> ALL = c -> true;

    private final PortalPages pages = new PortalPages();
    private long ids;
    /** The bundle the next page comes from. */
    private long bundle = 1;

    private Contribution add(String path, Set<String> roles, String group, int order, int ranking) {
        PageInfo info = new PageInfo(path, "t" + path, roles, group, order);
        Page page = new Page() {
            @Override
            public PageInfo info() {
                return info;
            }

            @Override
            public PageView render(PageRequest request) {
                return PageView.of("x", Map.of());
            }
        };
        Contribution c = new Contribution(page, getClass().getClassLoader(), ranking, ++ids, bundle);
        pages.add(c);
        return c;
    }

    private List<String> paths(String role) {
        return pages.navigation(role, ALL).stream().flatMap(g -> g.pages().stream()).map(c -> c.page().info().path()).toList();
    }

    @Test
    void eachRoleSeesOnlyThePagesItMayOpen() {
        add("/", Set.of(PageInfo.PUBLIC), PageInfo.GROUP_PUBLIC, 0, 0);
        add("/cameras", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 10, 0);
        add("/requests", Set.of(Roles.OFFICER, Roles.SUPERVISOR), PageInfo.GROUP_WORK, 10, 0);
        add("/modules", Set.of(Roles.PLATFORM_ADMIN), PageInfo.GROUP_ADMIN, 10, 0);
        add("/nobody", Set.of(), PageInfo.GROUP_ADMIN, 0, 0);
        add("/hidden", Set.of(PageInfo.PUBLIC), null, 0, 0);

        assertThat(paths(null)).containsExactly("/");
        assertThat(paths(Roles.RESIDENT)).containsExactly("/", "/cameras");
        assertThat(paths(Roles.OFFICER)).containsExactly("/", "/requests");
        assertThat(paths(Roles.SUPERVISOR)).containsExactly("/", "/requests");
        assertThat(paths(Roles.PLATFORM_ADMIN)).containsExactly("/", "/modules");
        assertThat(paths(Roles.VENDOR)).containsExactly("/");
        assertThat(pages.find("/nobody", ALL).orElseThrow().page().info().allows(Roles.PLATFORM_ADMIN))
                .as("deny by default").isFalse();
        assertThat(pages.find("/nobody", ALL).orElseThrow().page().info().allows(null)).isFalse();
    }

    @Test
    void groupsComeInTheirOrderAndPagesInTheirs() {
        add("/b", Set.of(Roles.OFFICER), PageInfo.GROUP_WORK, 20, 0);
        add("/a", Set.of(Roles.OFFICER), PageInfo.GROUP_WORK, 10, 0);
        add("/z", Set.of(Roles.OFFICER), "vendor.group", 0, 0);
        add("/settings", Set.of(Roles.OFFICER), PageInfo.GROUP_ADMIN, 0, 0);
        add("/mine", Set.of(Roles.OFFICER), PageInfo.GROUP_MY, 0, 0);
        assertThat(pages.navigation(Roles.OFFICER, ALL)).extracting(PortalPages.Group::key)
                .containsExactly(PageInfo.GROUP_MY, PageInfo.GROUP_WORK, PageInfo.GROUP_ADMIN, "vendor.group");
        assertThat(paths(Roles.OFFICER)).containsExactly("/mine", "/a", "/b", "/settings", "/z");
    }

    @Test
    void theLongestPathAnswersAndTheRootOnlyItself() {
        Contribution root = add("/", Set.of(PageInfo.PUBLIC), null, 0, 0);
        Contribution requests = add("/requests", Set.of(Roles.OFFICER), null, 0, 0);
        Contribution drafts = add("/requests/drafts", Set.of(Roles.OFFICER), null, 0, 0);
        assertThat(pages.find("/", ALL)).contains(root);
        assertThat(pages.find("/requests", ALL)).contains(requests);
        assertThat(pages.find("/requests/42", ALL)).contains(requests);
        assertThat(pages.find("/requests/drafts/7", ALL)).contains(drafts);
        assertThat(pages.find("/requestsx", ALL)).isEmpty();
        assertThat(pages.find("/unknown", ALL)).isEmpty();
    }

    @Test
    void aWildcardSegmentLetsTwoBundlesShareAPrefixAndIsNeverListed() {
        Contribution agencies = add("/agencies", Set.of(PageInfo.PUBLIC), PageInfo.GROUP_PUBLIC, 0, 0);
        Contribution releases = add("/agencies/*/releases", Set.of(PageInfo.PUBLIC), PageInfo.GROUP_PUBLIC, 0, 0);
        Contribution literal = add("/agencies/KCPD/releases", Set.of(PageInfo.PUBLIC), null, 0, 0);
        assertThat(pages.find("/agencies", ALL)).contains(agencies);
        assertThat(pages.find("/agencies/WPD", ALL)).contains(agencies);
        assertThat(pages.find("/agencies/WPD/releases", ALL)).contains(releases);
        assertThat(pages.find("/agencies/WPD/releases/2026", ALL)).contains(releases);
        assertThat(pages.find("/agencies/KCPD/releases", ALL)).as("a literal segment wins over *").contains(literal);
        assertThat(pages.find("/agencies/WPD/releasesx", ALL)).contains(agencies);
        assertThat(pages.find("/agencies//releases", ALL)).as("* is one non-empty segment").contains(agencies);
        assertThat(paths(null)).containsExactly("/agencies");
        assertThat(Visit.below("/agencies/WPD/releases/2026/12", "/agencies/*/releases")).isEqualTo("2026/12");
        assertThat(Visit.below("/agencies/WPD/releases", "/agencies/*/releases")).isEmpty();
        assertThat(Visit.below("/requests/42/approve", "/requests")).isEqualTo("42/approve");
    }

    @Test
    void ofTwoPagesOnOnePathTheHigherRankingAnswersAndIsListed() {
        add("/cameras", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 0, 0);
        Contribution better = add("/cameras", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 0, 10);
        assertThat(pages.find("/cameras", ALL)).contains(better);
        assertThat(pages.navigation(Roles.RESIDENT, ALL).get(0).pages()).containsExactly(better);
        pages.remove(better.serviceId());
        assertThat(pages.find("/cameras", ALL).orElseThrow()).isNotEqualTo(better);
        assertThat(pages.uses(getClass().getClassLoader())).isTrue();
    }

    @Test
    void aPageHiddenFromTheVisitorNeitherAnswersNorIsListedAndAnotherPageOfItsPathAnswersInstead() {
        Contribution core = add("/cameras", Set.of(Roles.OFFICER), PageInfo.GROUP_WORK, 10, 0);
        bundle = 2;
        Contribution plugin = add("/cameras", Set.of(Roles.OFFICER), PageInfo.GROUP_WORK, 10, 5);
        add("/plugin-only", Set.of(Roles.OFFICER), PageInfo.GROUP_WORK, 20, 0);
        Predicate<Contribution> notTheAgencysPlugin = c -> c.bundleId() != 2;

        assertThat(pages.find("/cameras", ALL)).contains(plugin);
        assertThat(pages.find("/cameras", notTheAgencysPlugin)).contains(core);
        assertThat(pages.find("/plugin-only", notTheAgencysPlugin)).isEmpty();
        assertThat(pages.navigation(Roles.OFFICER, notTheAgencysPlugin)).flatExtracting(PortalPages.Group::pages)
                .containsExactly(core);
    }
}
