package org.porchlight.integration.watchkc;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * One feed: factory PID {@code org.porchlight.integration.watchkc}, e.g.
 * {@code etc/org.porchlight.integration.watchkc-kcpd.cfg}. Set either {@code folder} or {@code url}.
 * The {@code porchlight.registry.*} properties keep their names because DS copies configuration
 * properties into the service properties, where the registry reads them.
 *
 * <p>Agencies configure it for themselves (manifest header {@code Porchlight-Agency-Configuration}):
 * the platform sets the source id, the agency and {@code porchlight.agency}, and resolves {@code folder}
 * inside the agency's own folder; the agency sets the rest (folder or url, interval, limits).
 */
@ObjectClassDefinition(name = "Porchlight WatchKC feed",
        description = "Imports a WatchKC-style camera registration feed (CSV) from a folder or an HTTP(S) URL")
public @interface WatchKcConfiguration {

    String FACTORY_PID = "org.porchlight.integration.watchkc";

    @AttributeDefinition(name = "Source id",
            description = "The source's id, unique on the server: 1 to 64 of a-z 0-9 . _ -, e.g. watchkc")
    String porchlight_registry_source();

    @AttributeDefinition(name = "Agency",
            description = "Short code of the agency that runs the programme and reads its import reports")
    String porchlight_registry_agency();

    @AttributeDefinition(name = "Sync interval",
            description = "Seconds between scheduled syncs")
    int porchlight_registry_interval() default 300;

    @AttributeDefinition(name = "Folder", required = false,
            description = "Watched folder: every *.csv file dropped there is imported, then moved to imported/")
    String folder() default "";

    @AttributeDefinition(name = "Quiet period",
            description = "Folder feeds: seconds a file must go unmodified before it is read (it may still be "
                    + "being copied); 0 if writers always upload under another name and rename")
    int quietSeconds() default 10;

    @AttributeDefinition(name = "Feed URL", required = false,
            description = "http or https URL of the feed, fetched at every sync")
    String url() default "";

    @AttributeDefinition(name = "Largest feed",
            description = "Largest feed in bytes; a larger one fails the sync")
    long maxBytes() default 200L * 1024 * 1024;

    @AttributeDefinition(name = "Connect timeout",
            description = "URL feeds: seconds to wait for the connection")
    int connectTimeoutSeconds() default 10;

    @AttributeDefinition(name = "Read timeout",
            description = "URL feeds: seconds to wait for the response, and for each further piece of the body")
    int readTimeoutSeconds() default 60;
}
