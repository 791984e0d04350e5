package org.porchlight.examples.plainlanguage;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.press.TemplateCheck;

/**
 * The press check {@code plain-language}: the platform runs it on every release, post and notice submitted for
 * approval, refuses the approval while it fails, and lists it on the agency's public release log when it passes.
 */
@Component(configurationPid = PlainLanguageConfiguration.PID, property = TemplateCheck.NAME + "=" + PlainLanguageCheck.NAME)
@Designate(ocd = PlainLanguageConfiguration.class)
public class PlainLanguageCheck implements TemplateCheck {

    static final String NAME = "plain-language";

    private final PlainLanguage rules;

    @Activate
    public PlainLanguageCheck(PlainLanguageConfiguration config) {
        this.rules = new PlainLanguage(config.maxSentenceWords(), PlainLanguage.parseJargon(config.jargon()));
    }

    @Override
    public Result check(Draft draft) {
        return new Result(rules.problems(draft.text()));
    }
}
