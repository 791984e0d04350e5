package org.porchlight.modules.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

/** The agency-configuration header: its factory PID and the properties the platform sets or keeps in the agency's folder. */
class AgencyConfigurationHeaderTest {

    @Test
    void theWatchKcHeaderNamesItsPidAgencyIdAndFolderProperties() {
        AgencyConfigurationHeader header = AgencyConfigurationHeader.parse("org.porchlight.integration.watchkc;"
                + "agency=\"porchlight.registry.agency\";id=\"porchlight.registry.source\";folders=\"folder\"").orElseThrow();

        assertThat(header.factoryPid()).isEqualTo("org.porchlight.integration.watchkc");
        assertThat(header.agencyProperties()).containsExactly("porchlight.registry.agency");
        assertThat(header.idProperty()).isEqualTo("porchlight.registry.source");
        assertThat(header.folderProperties()).containsExactly("folder");
        assertThat(header.platformProperties())
                .isEqualTo(Set.of("porchlight.registry.agency", "porchlight.registry.source", "porchlight.agency",
                        "porchlight.plugins.managed"));
        assertThat(header.idFor("KCPD")).isEqualTo("kcpd-watchkc");
        assertThat(AgencyConfigurations.pid(header.factoryPid(), "KCPD"))
                .isEqualTo("org.porchlight.integration.watchkc~agency-kcpd");
    }

    @Test
    void aHeaderWithOnlyAPidHasNothingTheAgencyCannotSetButTheAgencyProperty() {
        AgencyConfigurationHeader header = AgencyConfigurationHeader.parse(" org.example.policy ").orElseThrow();
        assertThat(header.agencyProperties()).isEmpty();
        assertThat(header.folderProperties()).isEqualTo(List.of());
        assertThat(header.platformProperties()).containsExactlyInAnyOrder("porchlight.agency", "porchlight.plugins.managed");
    }

    @Test
    void aMalformedHeaderIsNoHeader() {
        assertThat(AgencyConfigurationHeader.parse("")).isEmpty();
        assertThat(AgencyConfigurationHeader.parse("not a pid;agency=x")).isEmpty();
        assertThat(AgencyConfigurationHeader.parse("org.example;agency")).isEmpty();
    }
}
