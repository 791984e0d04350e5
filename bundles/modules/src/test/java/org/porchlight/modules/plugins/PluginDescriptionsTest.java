package org.porchlight.modules.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.osgi.service.metatype.MetaTypeService;

/** What a plugin lets agencies set, read from its metatype once per revision of its bundle and never kept unread. */
class PluginDescriptionsTest {

    private static final String PID = "org.example.feed";

    private final FakeBundles bundles = new FakeBundles();
    private final PluginDescriptions descriptions = new PluginDescriptions(bundles.context());
    private final AgencyConfigurationHeader header = AgencyConfigurationHeader.parse(PID).orElseThrow();

    @Test
    void aPluginsMetatypeIsReadOnceForRepeatedCallsAndAgainAfterItsBundleChanges() {
        FakeBundles.Installed feed = bundles.install(7, PID).configurable(PID);
        MetaTypeService metatype = bundles.metatype();

        assertThat(descriptions.attributes(feed.bundle, header, metatype)).extracting(PluginAttribute::id)
                .containsExactly("interval");
        descriptions.attributes(feed.bundle, header, metatype);
        assertThat(bundles.metatypeReads).isEqualTo(1);

        feed.lastModified = 2;
        descriptions.attributes(feed.bundle, header, metatype);
        feed.state = Bundle.RESOLVED;
        descriptions.attributes(feed.bundle, header, metatype);
        assertThat(bundles.metatypeReads).isEqualTo(3);
    }

    @Test
    void whileTheMetatypeCannotBeReadItIsAskedAgainEachTimeAndKeptOnceRead() {
        FakeBundles.Installed feed = bundles.install(7, PID).configurable(PID);
        MetaTypeService metatype = bundles.metatype();
        bundles.metatypeReadable = false;

        assertThat(descriptions.attributes(feed.bundle, header, metatype)).isEmpty();
        assertThat(descriptions.attributes(feed.bundle, header, metatype)).isEmpty();
        assertThat(bundles.metatypeReads).isEqualTo(2);

        bundles.metatypeReadable = true;
        assertThat(descriptions.attributes(feed.bundle, header, metatype)).hasSize(1);
        assertThat(descriptions.attributes(feed.bundle, header, metatype)).hasSize(1);
        assertThat(bundles.metatypeReads).isEqualTo(3);
    }

    @Test
    void anotherMetatypeServiceReadsAgainAndNoneReadsNothing() {
        FakeBundles.Installed feed = bundles.install(7, PID).configurable(PID);
        descriptions.attributes(feed.bundle, header, bundles.metatype());

        assertThat(descriptions.attributes(feed.bundle, header, bundles.metatype())).hasSize(1);
        assertThat(bundles.metatypeReads).isEqualTo(2);
        assertThat(descriptions.attributes(feed.bundle, header, null)).isEmpty();
    }

    @Test
    void whatWasReadOfAnUninstalledBundleIsForgotten() {
        FakeBundles.Installed feed = bundles.install(7, PID).configurable(PID);
        feed.pages.put(70L, "/feed");
        MetaTypeService metatype = bundles.metatype();
        descriptions.attributes(feed.bundle, header, metatype);
        descriptions.pages(feed.bundle);

        descriptions.retain(Set.of(8L));
        descriptions.attributes(feed.bundle, header, metatype);
        descriptions.pages(feed.bundle);
        assertThat(bundles.metatypeReads).isEqualTo(2);
        assertThat(bundles.pagesGot).isEqualTo(2);
    }
}
