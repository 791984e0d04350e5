package org.porchlight.rest.request;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Proxy;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

import org.glassfish.jersey.server.ExtendedUriInfo;
import org.glassfish.jersey.uri.UriTemplate;
import org.junit.jupiter.api.Test;

class RouteTemplateTest {

    @Test
    void theRouteIsTheTemplateNeverThePathWithItsIdsAndCodes() {
        UUID id = UUID.randomUUID();
        ExtendedUriInfo uri = matched("/agencies/KCPD/requests/" + id, "/{id}", "agencies/{agency}/requests");

        String label = RouteTemplate.label(RouteTemplate.of(uri));

        assertThat(label).isEqualTo("/agencies/{agency}/requests/{id}").doesNotContain("KCPD").doesNotContain(id.toString());
    }

    @Test
    void parametersLoseTheirRegularExpressions() {
        assertThat(RouteTemplate.label("/cameras/{id: [0-9a-f-]{36}}/files/{name : .+}")).isEqualTo("/cameras/{id}/files/{name}");
    }

    @Test
    void aLongRouteIsCut() {
        assertThat(RouteTemplate.label("/a".repeat(150))).hasSize(200);
    }

    @Test
    void templatesJoinFromTheOutermostWithoutDoubleOrTrailingSlashes() {
        assertThat(RouteTemplate.join(List.of("/", ""))).isEqualTo("/");
        assertThat(RouteTemplate.join(List.of("/{id}/", "/staff/", "agencies"))).isEqualTo("/agencies/staff/{id}");
    }

    @Test
    void methodsAClientMadeUpShareOneLabel() {
        assertThat(RouteTemplate.method("GET")).isEqualTo("GET");
        assertThat(RouteTemplate.method("DELETE")).isEqualTo("DELETE");
        assertThat(RouteTemplate.method("PROPFIND")).isEqualTo("OTHER");
        assertThat(RouteTemplate.method("get-" + UUID.randomUUID())).isEqualTo("OTHER");
    }

    /** Jersey's view of a request to {@code path} that matched these templates, innermost first. */
    private static ExtendedUriInfo matched(String path, String... innermostFirst) {
        List<UriTemplate> templates = Arrays.stream(innermostFirst).map(UriTemplate::new).toList();
        return (ExtendedUriInfo) Proxy.newProxyInstance(RouteTemplateTest.class.getClassLoader(),
                new Class<?>[] {ExtendedUriInfo.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "getMatchedTemplates" -> templates;
                    case "getPath" -> path;
                    default -> throw new UnsupportedOperationException(method.getName());
                });
    }
}
