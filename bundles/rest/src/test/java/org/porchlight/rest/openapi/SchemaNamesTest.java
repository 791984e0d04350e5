package org.porchlight.rest.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;

class SchemaNamesTest {

    static class TemplateResource {
        record Rejection(String reason) {
        }

        record TemplateVersion(int version) {
        }
    }

    static class AgencyRequestResource {
        record Rejection(String reason) {
        }
    }

    private final SchemaNames names = new SchemaNames();

    @Test
    void twoBundlesBodiesOfOneNameGetTwoSchemas() {
        assertThat(names.getNameOfClass(TemplateResource.Rejection.class)).isEqualTo("TemplateRejection");
        assertThat(names.getNameOfClass(AgencyRequestResource.Rejection.class)).isEqualTo("AgencyRequestRejection");
    }

    @Test
    void topLevelTypesAndNamesThatSayTheirOwnerAlreadyStayAsTheyAre() {
        assertThat(names.getNameOfClass(Circle.class)).isEqualTo("Circle");
        assertThat(names.getNameOfClass(TemplateResource.TemplateVersion.class)).isEqualTo("TemplateVersion");
    }
}
