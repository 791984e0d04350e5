package org.porchlight.examples.geojson;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One GeoJSON feed, one registry source: factory PID {@code org.porchlight.examples.geojson}, a file
 * {@code etc/org.porchlight.examples.geojson-<name>.cfg} per feed. Set either {@code file} or {@code url}.
 * The {@code porchlight.registry.*} properties keep the registry's names because DS publishes the
 * configuration as the source's service properties, where the registry reads them.
 */
@ObjectClassDefinition(name = "Example: GeoJSON camera feed",
        description = "Imports camera points from a GeoJSON FeatureCollection (a file or an http(s) URL) into the registry")
public @interface GeoJsonConfiguration {

    String FACTORY_PID = "org.porchlight.examples.geojson";

    @AttributeDefinition(name = "Source", description = "The source's id, unique on the server: 1 to 64 of a-z 0-9 . _ -")
    String porchlight_registry_source();

    @AttributeDefinition(name = "Agency", description = "Code of the agency that runs the feed and reads its import reports")
    String porchlight_registry_agency();

    @AttributeDefinition(name = "Interval", description = "Seconds between scheduled syncs", min = "1")
    int porchlight_registry_interval() default 300;

    @AttributeDefinition(name = "File", required = false,
            description = "Absolute path of the feed file, read whole at every sync; replace it by renaming a finished copy")
    String file() default "";

    @AttributeDefinition(name = "URL", required = false, description = "http or https URL of the feed, fetched at every sync")
    String url() default "";

    @AttributeDefinition(name = "Largest feed", description = "Bytes a feed may have at most (up to 1 GiB, as it is read "
            + "into memory); a larger one fails the sync", min = "1", max = "1073741824")
    long maxBytes() default 50L * 1024 * 1024;

    @AttributeDefinition(name = "Timeout", description = "URL feeds: seconds to wait for the connection, and for the answer",
            min = "1")
    int timeoutSeconds() default 30;
}
