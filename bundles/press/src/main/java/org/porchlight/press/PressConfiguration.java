package org.porchlight.press;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/** PID {@code org.porchlight.press}, from {@code etc/org.porchlight.press.cfg}. */
@ObjectClassDefinition(name = "Porchlight press")
public @interface PressConfiguration {

    String PID = "org.porchlight.press";

    @AttributeDefinition(description = "Social networks a post may be written for, each with its length limit in characters: name=limit")
    String[] networkLimits() default {"x=280", "facebook=63206", "nextdoor=8192", "instagram=2200", "mastodon=500", "bluesky=300"};

    @AttributeDefinition(description = "Most characters of a press release (title and body, rendered)")
    int pressReleaseMaxChars() default 20000;

    @AttributeDefinition(description = "Most characters of a community notice (title and body, rendered)")
    int communityNoticeMaxChars() default 5000;
}
