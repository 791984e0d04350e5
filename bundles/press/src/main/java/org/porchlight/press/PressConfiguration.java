package org.porchlight.press;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.press}, from {@code etc/org.porchlight.press.cfg}. */
@ObjectClassDefinition(name = "Porchlight press")
public @interface PressConfiguration {

    String PID = "org.porchlight.press";

    @AttributeDefinition(name = "Networks",
            description = "Social networks a post may be written for, each with its length limit in characters: name=limit")
    String[] networkLimits() default {"x=280", "facebook=63206", "nextdoor=8192", "instagram=2200", "mastodon=500",
            "bluesky=300"};

    @AttributeDefinition(name = "Press release length",
            description = "Most characters of a press release (title and body, rendered)")
    int pressReleaseMaxChars() default 20000;

    @AttributeDefinition(name = "Community notice length",
            description = "Most characters of a community notice (title and body, rendered)")
    int communityNoticeMaxChars() default 5000;

    @AttributeDefinition(name = "Rendering size limit",
            description = "Most characters one rendered part may have (a title at most "
            + "300), and most characters of placeholder values one part may read in all, each use counted. Beyond: 422 "
            + "rendering-limit")
    int renderMaxChars() default 100000;

    @AttributeDefinition(name = "Rendering time limit", description = "Milliseconds one rendering of a title or body may take, "
            + "checked at every template element and write. Beyond: 422 rendering-limit")
    long renderTimeoutMillis() default 2000;
}
