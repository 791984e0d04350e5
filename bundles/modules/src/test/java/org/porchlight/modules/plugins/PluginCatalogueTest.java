package org.porchlight.modules.plugins;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.osgi.framework.Bundle;
import org.porchlight.modules.InstalledModules;
import org.porchlight.modules.ModuleView;

/** The catalogue on the admin paths: what a plugin adds is read once per revision of its bundle, its state always now. */
class PluginCatalogueTest {

    private static final String FEED = "org.example.feed";

    private final FakeBundles bundles = new FakeBundles();
    private final PluginCatalogue catalogue = new PluginCatalogue(bundles.context(), new Inventory());

    @Test
    void aPluginsPagesAreGotOnceForRepeatedCallsAndAgainAfterItsBundleIsUpdated() {
        FakeBundles.Installed feed = bundles.install(7, FEED);
        feed.pages.put(70L, "/feed");

        catalogue.plugins();
        catalogue.plugins();
        assertThat(catalogue.plugin(FEED).orElseThrow().pages()).containsExactly("/feed");
        assertThat(bundles.pagesGot).isEqualTo(1);

        feed.lastModified = 2;
        feed.pages.put(70L, "/news");
        assertThat(catalogue.plugin(FEED).orElseThrow().pages()).containsExactly("/news");
        assertThat(bundles.pagesGot).isEqualTo(2);
    }

    @Test
    void aPageRegisteredLaterIsShownAndAStoppedPluginShowsItsStateNowWithoutPages() {
        FakeBundles.Installed feed = bundles.install(7, FEED);
        feed.pages.put(70L, "/feed");
        assertThat(catalogue.plugin(FEED).orElseThrow().pages()).containsExactly("/feed");

        feed.pages.put(71L, "/feed/kcpd"); // an agency's configuration started another component of the same revision
        assertThat(catalogue.plugin(FEED).orElseThrow().pages()).containsExactly("/feed", "/feed/kcpd");

        feed.state = Bundle.RESOLVED;
        CataloguePlugin stopped = catalogue.plugin(FEED).orElseThrow();
        assertThat(stopped.module().state()).isEqualTo("RESOLVED");
        assertThat(stopped.pages()).isEmpty();
    }

    /** The inventory of the fake bundles: vendor modules, none core, none an agency's own. */
    private final class Inventory extends InstalledModules {

        Inventory() {
            super(bundles.context(), null);
        }

        @Override
        public List<ModuleView> list() {
            return bundles.installed.keySet().stream().map(id -> view(id).orElseThrow()).toList();
        }

        @Override
        public Optional<ModuleView> view(long id) {
            return Optional.ofNullable(bundles.installed.get(id)).map(b -> new ModuleView(id, b.symbolicName, "A plugin",
                    "1.0." + b.lastModified, b.state == Bundle.ACTIVE ? "ACTIVE" : "RESOLVED", "vendor", "Example", null, false,
                    List.of(), List.of(), null, null, null));
        }

        @Override
        public Optional<Bundle> bundle(long id) {
            return Optional.ofNullable(bundles.installed.get(id)).map(b -> b.bundle);
        }

        @Override
        public boolean isCore(Bundle bundle) {
            return false;
        }

        @Override
        public Optional<String> ownerAgency(long bundleId) {
            return Optional.empty();
        }
    }
}
