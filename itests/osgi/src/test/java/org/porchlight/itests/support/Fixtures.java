package org.porchlight.itests.support;

import java.nio.file.Path;

/**
 * Where the test bundles are. They are assembled by {@link FixtureBundles} before the
 * framework boots; this class only knows their paths, so that tests running inside the
 * framework (without bnd) can find them.
 */
public final class Fixtures {

    public static final String GREETING = "org.porchlight.itest.greeting";
    public static final String ECHO = "org.porchlight.itest.echo";
    public static final String FAILING = "org.porchlight.itest.failing";
    public static final String NOTES = "org.porchlight.itest.notes";
    public static final String NOTES_IMPOSTOR = "org.porchlight.itest.notes.impostor";
    public static final String NOTES_SCHEMA = "itest_notes";
    public static final String FAN_OUT = "org.porchlight.itest.fanout";
    /** A plugin agencies configure (Porchlight-Agency-Configuration) with a route, for PluginsContract. */
    public static final String SETTABLE = "org.porchlight.itest.settable";
    public static final String LIMIT_POLICY = "org.porchlight.itest.limitpolicy";
    public static final String RELEASED_SDK_PLUGIN = "org.porchlight.itest.oldsdk";
    public static final String AGENCY_PLUGIN = "org.porchlight.itest.agencyplugin";
    /** The agency whose key signs {@link #agencyPlugin()}: {@code etc/trust/agency/OWNA.pem} in every scratch home. */
    public static final String AGENCY_PLUGIN_OWNER = "OWNA";

    private Fixtures() {
    }

    public static Path work() {
        return Path.of(System.getProperty("porchlight.itest.work", "target/itest-work")).toAbsolutePath();
    }

    public static Path jar(String name) {
        return work().resolve("fixtures").resolve(name + ".jar");
    }

    public static Path greeting(int version) {
        return jar("greeting-" + version);
    }

    /** A request policy agencies configure for themselves (their largest radius), with the agency-configuration header. */
    public static Path limitPolicy() {
        return jar("limitpolicy");
    }

    /** A plugin with the agency-configuration header, a metatype of every kind of setting, and a route. */
    public static Path settable() {
        return jar("settable");
    }

    public static Path echo() {
        return jar("echo");
    }

    public static Path failing() {
        return jar("failing");
    }

    public static Path notes() {
        return jar("notes");
    }

    /** Enqueues a big fan-out when it starts, and shows its progress at /api/itest/fanout. */
    public static Path fanOut() {
        return jar("fanout");
    }

    /** An agency's own module (routes and a request policy that refuses everything), unsigned. */
    public static Path agencyPlugin() {
        return jar("agencyplugin");
    }

    /** {@link #agencyPlugin()} signed by the key trusted for {@link #AGENCY_PLUGIN_OWNER} alone. */
    public static Path agencyPluginSigned() {
        return jar("agencyplugin-signed");
    }

    /** A copy of a fixture signed by the test vendor, whom every scratch home trusts. */
    public static Path signed(Path fixture) {
        return fixture.resolveSibling("signed").resolve(fixture.getFileName());
    }

    /** A copy of a fixture signed by a key nobody trusts. */
    public static Path signedByStranger(Path fixture) {
        return fixture.resolveSibling("stranger").resolve(fixture.getFileName());
    }

    /** The greeting module in a version 3 that imports a package nobody exports (signed). */
    public static Path greetingUnresolvable() {
        return jar("greeting-unresolvable");
    }

    /**
     * A plugin compiled and assembled against SDK release 0.0.1 (itests/fixtures-released-sdk):
     * {@code /api/itest/oldsdk/agencies/{agency}/jurisdiction} and the health check {@code itest-oldsdk}.
     */
    public static Path releasedSdkPlugin() {
        return jar("released-sdk-plugin");
    }

    /** The notes bundle, version 3, whose third migration fails halfway through. */
    public static Path notesBrokenMigration() {
        return jar("notes-broken-migration");
    }

    /** Another bundle that claims the notes schema. */
    public static Path notesImpostor() {
        return jar("notes-impostor");
    }
}
