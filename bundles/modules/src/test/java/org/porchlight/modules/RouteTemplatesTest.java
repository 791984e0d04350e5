package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

class RouteTemplatesTest {

    private final Pattern routes = RouteTemplates.compile(List.of(
            "/agencies/{agency}/requests", "/agencies/{agency}/requests/{id: [0-9a-f-]{36}}", "/itest/greeting/**"));

    @Test
    void templateVariablesMatchOneSegmentOrTheirOwnPattern() {
        assertThat(routes.matcher("/agencies/KCPD/requests").matches()).isTrue();
        assertThat(routes.matcher("/agencies/KCPD/requests/").matches()).isTrue();
        assertThat(routes.matcher("/agencies/KCPD/requests/3f2c0b8e-1111-4222-8333-944455556666").matches()).isTrue();
        assertThat(routes.matcher("/agencies/KCPD/requests/not-an-id").matches()).isFalse();
        assertThat(routes.matcher("/agencies/KCPD/registry").matches()).isFalse();
        assertThat(routes.matcher("/agencies/KC/PD/requests").matches()).isFalse();
    }

    @Test
    void aLocatorTakesEverythingBelowIt() {
        assertThat(routes.matcher("/itest/greeting").matches()).isTrue();
        assertThat(routes.matcher("/itest/greeting/a/b").matches()).isTrue();
        assertThat(routes.matcher("/itest/greetings").matches()).isFalse();
    }

    @Test
    void literalPartsAreNotRegularExpressions() {
        Pattern dotted = RouteTemplates.compile(List.of("/openapi.json"));
        assertThat(dotted.matcher("/openapi.json").matches()).isTrue();
        assertThat(dotted.matcher("/openapiXjson").matches()).isFalse();
    }

    @Test
    void pathsAreJoinedWithOneSlash() {
        assertThat(RouteTemplates.normalise("/", "agencies/{agency}/")).isEqualTo("/agencies/{agency}");
        assertThat(RouteTemplates.normalise(null, "/health")).isEqualTo("/health");
        assertThat(RouteTemplates.normalise("/", "")).isEqualTo("/");
    }
}
