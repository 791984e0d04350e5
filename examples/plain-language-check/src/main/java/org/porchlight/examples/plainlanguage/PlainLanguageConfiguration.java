package org.porchlight.examples.plainlanguage;

import org.osgi.service.metatype.annotations.AttributeDefinition;
import org.osgi.service.metatype.annotations.ObjectClassDefinition;

/**
 * The house style (PID {@code org.porchlight.examples.plainlanguage}), in
 * {@code etc/org.porchlight.examples.plainlanguage.cfg} or the web console; the defaults apply without the file.
 */
@ObjectClassDefinition(name = "Plain language check",
        description = "Releases in plain words: short sentences, no jargon (example press check)")
public @interface PlainLanguageConfiguration {

    /** The PID, also the name of the file in etc/. */
    String PID = "org.porchlight.examples.plainlanguage";

    @AttributeDefinition(name = "Longest sentence", description = "Words a sentence may have at most (5 to 100)",
            min = "5", max = "100")
    int maxSentenceWords() default 25;

    @AttributeDefinition(name = "Jargon", description = "Words and phrases to avoid, comma-separated, each with the plain "
            + "word after '=' (e.g. 'utilize=use'); matched as whole words, any case", required = false)
    String jargon() default "utilize=use, apprehended=arrested, perpetrator=the person who did it, "
            + "altercation=fight, pursuant to=under, subsequently=then, aforementioned=this, proceeded=went";
}
