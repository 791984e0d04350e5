package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.service.jakartars.runtime.dto.ApplicationDTO;
import org.osgi.service.jakartars.runtime.dto.FailedResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceDTO;
import org.osgi.service.jakartars.runtime.dto.ResourceMethodInfoDTO;
import org.osgi.service.jakartars.runtime.dto.RuntimeDTO;

/** What the REST runtime serves, from its DTOs: each resource's full paths, locators below their path, failures known. */
class RestRoutesTest {

    @Test
    void eachResourceOfEveryApplicationWithItsFullPathsAndALocatorCoveringWhatIsBelowIt() {
        RuntimeDTO dto = new RuntimeDTO();
        dto.defaultApplication = application("/", resource(11, method("GET", "/agencies/{agency}/plugins"),
                method(null, "/agencies/{agency}/things")));
        dto.applicationDTOs = new ApplicationDTO[] {application("/other", resource(12, method("POST", "/x")))};
        FailedResourceDTO failed = new FailedResourceDTO();
        failed.serviceId = 13;
        dto.failedResourceDTOs = new FailedResourceDTO[] {failed};

        Map<Long, Set<String>> served = RestRoutes.served(dto);

        assertThat(served).containsOnlyKeys(11L, 12L, 13L);
        assertThat(served.get(11L)).containsExactlyInAnyOrder(RouteTemplates.normalise("/", "/agencies/{agency}/plugins"),
                RouteTemplates.normalise("/", "/agencies/{agency}/things") + "/**");
        assertThat(served.get(12L)).containsExactly(RouteTemplates.normalise("/other", "/x"));
        assertThat(served.get(13L)).as("a resource that failed is known, with no path").isEmpty();
    }

    @Test
    void aRuntimeWithoutApplicationsServesNothing() {
        assertThat(RestRoutes.served(new RuntimeDTO())).isEmpty();
    }

    private static ApplicationDTO application(String base, ResourceDTO... resources) {
        ApplicationDTO application = new ApplicationDTO();
        application.base = base;
        application.resourceDTOs = resources;
        return application;
    }

    private static ResourceDTO resource(long serviceId, ResourceMethodInfoDTO... methods) {
        ResourceDTO resource = new ResourceDTO();
        resource.serviceId = serviceId;
        resource.resourceMethods = methods;
        return resource;
    }

    private static ResourceMethodInfoDTO method(String method, String path) {
        ResourceMethodInfoDTO info = new ResourceMethodInfoDTO();
        info.method = method;
        info.path = path;
        return info;
    }
}
