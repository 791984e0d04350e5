package org.porchlight.api.tenancy;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;

class AgenciesTest {

    private static final Circle KC = new Circle(new GeoPoint(39.0997, -94.5786), 1000);

    private final Agencies agencies = new Agencies() {
        @Override
        public Optional<AgencyProfile> find(String code) {
            return switch (code) {
                case "kcpd" -> Optional.of(new AgencyProfile("kcpd", "KCPD", KC, ZoneId.of("America/Chicago"), Map.of()));
                case "nozone" -> Optional.of(new AgencyProfile("nozone", "No zone", KC, null, Map.of()));
                default -> Optional.empty();
            };
        }

        @Override
        public List<AgencyProfile> all() {
            return List.of();
        }
    };

    @Test
    void anAgencysZoneIsItsOwnAndUtcWhenItHasNoneIsGoneOrIsNotNamed() {
        assertThat(agencies.zone("kcpd")).isEqualTo(ZoneId.of("America/Chicago"));
        assertThat(agencies.zone("nozone")).isEqualTo(ZoneOffset.UTC);
        assertThat(agencies.zone("gone")).isEqualTo(ZoneOffset.UTC);
        assertThat(agencies.zone(null)).as("a camera no agency sees").isEqualTo(ZoneOffset.UTC);
    }
}
