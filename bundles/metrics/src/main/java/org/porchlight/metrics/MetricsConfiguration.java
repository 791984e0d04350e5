package org.porchlight.metrics;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** Settings of the metrics endpoint, from {@code etc/org.porchlight.metrics.cfg}. */
@ObjectClassDefinition(name = "Porchlight metrics", description = "The Prometheus endpoint at /metrics")
public @interface MetricsConfiguration {

    String PID = "org.porchlight.metrics";

    @AttributeDefinition(name = "Scrape token file", required = false,
            description = "File holding the bearer token a Prometheus server scrapes with (at least 32 characters); "
                    + "empty: the environment variable below, else platform admins only")
    String scrapeTokenFile() default "";

    @AttributeDefinition(name = "Scrape token variable", required = false,
            description = "Environment variable holding the scrape token, used when no file is named")
    String scrapeTokenVariable() default "PORCHLIGHT_METRICS_TOKEN";

    @AttributeDefinition(name = "Most routes",
            description = "How many distinct routes the request metrics keep; further ones are not recorded")
    int maxRoutes() default 500;
}
