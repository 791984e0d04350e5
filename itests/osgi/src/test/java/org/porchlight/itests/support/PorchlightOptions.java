package org.porchlight.itests.support;

import static org.ops4j.pax.exam.CoreOptions.bundle;
import static org.ops4j.pax.exam.CoreOptions.frameworkProperty;
import static org.ops4j.pax.exam.CoreOptions.frameworkStartLevel;
import static org.ops4j.pax.exam.CoreOptions.junitBundles;
import static org.ops4j.pax.exam.CoreOptions.systemPackages;
import static org.ops4j.pax.exam.CoreOptions.systemProperty;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.ops4j.pax.exam.Option;
import org.porchlight.launcher.FrameworkConfig;
import org.porchlight.launcher.SystemBundles;

/**
 * Pax Exam options that boot the framework the way {@code bin/porchlight} does: the same
 * bundles from the distribution's {@code system/} at the same start levels, the same framework
 * properties from {@code etc/config.properties}, the same {@code etc/*.cfg} configuration.
 */
public final class PorchlightOptions {

    /** Framework properties the tests leave to Pax Exam, which keeps its own bundle cache. */
    private static final String EXTRA_SYSTEM_PACKAGES = "org.osgi.framework.system.packages.extra";
    private static final List<String> LEFT_TO_PAX_EXAM = List.of("org.osgi.framework.storage", "org.osgi.framework.storage.clean");

    private PorchlightOptions() {
    }

    /**
     * @param name     names the scratch home of this run
     * @param settings extra framework properties, e.g. {@code porchlight.db.url}
     */
    public static Option[] boot(String name, Map<String, String> settings) {
        FixtureBundles.buildAll();
        Path dist = Distribution.folder();
        Path home = Distribution.freshHome(name);
        Map<String, String> variables = new HashMap<>(Map.of(
                "porchlight.home", home.toString(),
                "porchlight.data", home.resolve("data").toString(),
                "porchlight.http.port", Integer.toString(Distribution.freePort()),
                "porchlight.http.host", "127.0.0.1",
                "gosh.args", "--nointeractive",
                "porchlight.db.url", "",
                "porchlight.db.user", "",
                "porchlight.db.password", "",
                // The unattended-install path creates the first platform admin at start.
                "porchlight.admin.email", PorchlightTestSupport.ADMIN_EMAIL,
                "porchlight.admin.password", PorchlightTestSupport.ADMIN_PASSWORD));
        variables.put("porchlight.system", dist.resolve("system").toString());
        variables.putAll(settings);

        List<Option> options = new ArrayList<>();
        Map<String, String> properties = FrameworkConfig.load(home, variables);
        properties.forEach((key, value) -> {
            if (key.equals(EXTRA_SYSTEM_PACKAGES)) {
                // Pax Exam exports its own packages through this property: add ours to them, not in their place.
                options.add(systemPackages(value.split("\\s*,\\s*")));
            } else if (!LEFT_TO_PAX_EXAM.contains(key)) {
                options.add(frameworkProperty(key).value(value));
            }
        });
        for (SystemBundles.SystemBundle bundle : SystemBundles.read(dist)) {
            String url = "reference:" + bundle.jar().toUri();
            options.add(bundle.fragment() ? bundle(url).noStart() : bundle(url).startLevel(bundle.startLevel()).start());
        }
        options.add(frameworkStartLevel(Integer.parseInt(properties.get("org.osgi.framework.startlevel.beginning"))));
        options.add(junitBundles());
        options.add(systemProperty("porchlight.itest.work").value(Fixtures.work().toString()));
        return options.toArray(Option[]::new);
    }
}
