package org.porchlight.api.ui;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;

class PageViewTest {

    @Test
    void aRedirectStaysInThePortal() {
        assertThat(PageView.redirect("/start").status()).isEqualTo(303);
        assertThat(PageView.redirect("/").redirect()).isEqualTo("/");
        assertThat(PageView.redirect("/requests/42?tab=answers").redirect()).isEqualTo("/requests/42?tab=answers");
        for (String elsewhere : new String[] {"//evil.example", "/\\evil.example", "https://evil.example", "evil", "",
            "/a\r\nSet-Cookie: x=y", "/a\\b", "/\t/evil.example"}) {
            assertThatThrownBy(() -> PageView.redirect(elsewhere)).as(elsewhere).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aViewIsATemplateOrARedirect() {
        assertThat(PageView.of("home", Map.of("a", 1)).withStatus(422).status()).isEqualTo(422);
        assertThatThrownBy(() -> new PageView("home", Map.of(), 200, "/x")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageView(null, Map.of(), 200, null)).isInstanceOf(IllegalArgumentException.class);
        Download file = new Download("a.csv", "text/csv", 1, out -> out.write('x'));
        assertThat(PageView.download(file).download()).isSameAs(file);
        assertThat(PageView.fragment("row", Map.of()).fragment()).isTrue();
        assertThat(PageView.of("home", Map.of()).fragment()).isFalse();
        assertThatThrownBy(() -> new PageView("home", Map.of(), 200, null, false, file)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageView(null, Map.of(), 303, "/x", true, null)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aWildcardStandsForAWholeSegment() {
        assertThat(new PageInfo("/agencies/*/releases", "t", Set.of(), null, 0).serves("/agencies/KCPD/releases")).isTrue();
        assertThat(new PageInfo("/agencies/*/releases", "t", Set.of(), null, 0).segments()).isEqualTo(3);
        assertThat(new PageInfo("/", "t", Set.of(), null, 0).segments()).isZero();
        for (String bad : new String[] {"/agencies/K*/releases", "/a//b", "/*x"}) {
            assertThatThrownBy(() -> new PageInfo(bad, "t", Set.of(), null, 0)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
    }

    @Test
    void aPageWithoutRolesIsOpenToNobody() {
        PageInfo nobody = new PageInfo("/x", "x", Set.of(), null, 0);
        assertThat(nobody.allows(null)).isFalse();
        assertThat(nobody.allows("PLATFORM_ADMIN")).isFalse();
        PageInfo open = new PageInfo("/", "home", Set.of(PageInfo.PUBLIC), null, 0);
        assertThat(open.allows(null)).isTrue();
        assertThat(open.serves("/")).isTrue();
        assertThat(open.serves("/anything")).as("the root answers only itself").isFalse();
        PageInfo residents = new PageInfo("/cameras", "c", Set.of("RESIDENT"), null, 0);
        assertThat(residents.allows(null)).isFalse();
        assertThat(residents.allows("OFFICER")).isFalse();
        assertThat(residents.serves("/cameras/7")).isTrue();
        assertThat(residents.serves("/camerasx")).isFalse();
        assertThatThrownBy(() -> new PageInfo("cameras", "c", Set.of(), null, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new PageInfo("/cameras/", "c", Set.of(), null, 0)).isInstanceOf(IllegalArgumentException.class);
    }
}
