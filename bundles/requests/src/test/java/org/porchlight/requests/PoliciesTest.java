package org.porchlight.requests;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestConfiguration;

class PoliciesTest {

    private static AgencyProfile agency(String code, Map<String, Object> policy) {
        return new AgencyProfile(code, code + " Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                ZoneId.of("America/Chicago"), policy);
    }

    @Test
    void anAgencysRulesAreBuiltAgainOnlyWhenItsPolicyOrTheConfigurationChanged() {
        Policies policies = new Policies(TestConfiguration.defaults(RequestsConfiguration.class), 1L);
        AgencyRules kcpd = policies.rules(agency("KCPD", Map.of("maxAreaSquareMiles", 0.5)));
        assertThat(policies.rules(agency("KCPD", Map.of("maxAreaSquareMiles", 0.5)))).as("same settings").isSameAs(kcpd);
        assertThat(policies.rules(agency("OPPD", Map.of("maxAreaSquareMiles", 0.5)))).isNotSameAs(kcpd);

        AgencyRules stricter = policies.rules(agency("KCPD", Map.of("maxAreaSquareMiles", 0.1,
                "lawfulActivityTerms", List.of("vigil"))));
        assertThat(stricter.maxAreaSquareMiles()).isEqualTo(0.1);
        assertThat(stricter.lawfulActivity()).isNotNull();
        assertThat(policies.rules(agency("KCPD", Map.of("maxAreaSquareMiles", 0.5))).maxAreaSquareMiles()).isEqualTo(0.5);

        AgencyRules before = policies.rules(agency("KCPD", Map.of()));
        policies.modified(TestConfiguration.defaults(RequestsConfiguration.class));
        assertThat(policies.rules(agency("KCPD", Map.of()))).as("new configuration").isNotSameAs(before);
    }
}
