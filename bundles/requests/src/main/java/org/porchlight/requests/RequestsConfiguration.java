package org.porchlight.requests;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * PID {@code org.porchlight.requests}, from {@code etc/org.porchlight.requests.cfg}. The limits
 * are the platform's ceiling: an agency's policy (its {@code policy} settings, same names) may
 * make them stricter, never looser.
 */
@ObjectClassDefinition(name = "Porchlight footage requests")
public @interface RequestsConfiguration {

    String PID = "org.porchlight.requests";

    @AttributeDefinition(description = "Smallest area a request may cover, square miles")
    double minAreaSquareMiles() default 0.025;

    @AttributeDefinition(description = "Largest area a request may cover, square miles")
    double maxAreaSquareMiles() default 0.5;

    @AttributeDefinition(description = "Longest incident window, hours")
    int maxWindowHours() default 12;

    @AttributeDefinition(description = "Oldest footage a request may ask for, days before now")
    int maxFootageAgeDays() default 60;

    @AttributeDefinition(description = "Most requests for one case number")
    int maxRequestsPerCase() default 2;

    @AttributeDefinition(description = "What case numbers look like (a regular expression); agencies set their own format")
    String caseNumberPattern() default "[A-Za-z0-9][A-Za-z0-9-]{2,31}";

    @AttributeDefinition(description = "Every request needs a supervisor's approval")
    boolean approvalAlways() default false;

    @AttributeDefinition(description = "Requests larger than this need a supervisor's approval, square miles (0: never for size)")
    double approvalAboveSquareMiles() default 0.25;

    @AttributeDefinition(description = "Words that mark lawful activity; a request whose incident description or message "
            + "uses one is refused")
    String[] lawfulActivityTerms() default {"protest", "protester", "demonstration", "demonstrator", "rally", "picket", "vigil",
            "assembly", "parade", "sit-in", "boycott", "petition", "worship", "religious", "immigration", "immigrant"};

    @AttributeDefinition(description = "Days a request stays open when the officer does not say")
    int defaultExpiryDays() default 7;

    @AttributeDefinition(description = "Most days a request may stay open")
    int maxExpiryDays() default 30;

    @AttributeDefinition(description = "Most days a supervisor may delay a request's entry in the public log")
    int maxPublicationDelayDays() default 30;

    @AttributeDefinition(description = "Days a request and its answers are kept after it ended (closed, expired, withdrawn)")
    int requestRetentionDays() default 730;

    @AttributeDefinition(description = "Days a witness submission link stays open when the officer does not say")
    int witnessLinkDays() default 10;

    @AttributeDefinition(description = "Most files one witness link accepts")
    int witnessMaxFiles() default 10;

    @AttributeDefinition(description = "Largest file a witness link accepts, megabytes")
    long witnessMaxFileMegabytes() default 2048;

    @AttributeDefinition(description = "Seconds between looks for requests to expire or purge")
    int lifecycleCheckSeconds() default 60;
}
