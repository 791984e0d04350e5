package org.porchlight.press;

import java.util.Set;
import java.util.regex.Pattern;

/**
 * A placeholder a template declares: {@code ${name}} in its title or body.
 *
 * @param source for {@link PlaceholderType#PROGRAM_FIGURE}: {@code <programme or partner name>:<figure>}, the figure
 *               one of {@link #FIGURES}; {@code null} otherwise
 */
public record Placeholder(String name, PlaceholderType type, String source) {

    public static final Pattern NAME = Pattern.compile("[a-z][A-Za-z0-9_]{0,39}");
    /** The placeholder Porchlight always fills with the partnership disclosure block. */
    public static final String DISCLOSURE = "disclosure";
    public static final Set<String> FIGURES = Set.of("signUpsAttributed", "unitsEarned", "unitsGivenAway");

    /** Why this declaration is not valid, or {@code null} if it is. */
    public String invalidity() {
        if (name == null || !NAME.matcher(name).matches()) {
            return "placeholder name '" + name + "' must be a letter a-z then up to 39 letters, digits or _";
        }
        if (DISCLOSURE.equals(name)) {
            return "placeholder name 'disclosure' is reserved: Porchlight fills it with the partnership disclosure";
        }
        if (type == null) {
            return "placeholder '" + name + "' has no type";
        }
        if (type == PlaceholderType.PROGRAM_FIGURE) {
            int colon = source == null ? -1 : source.lastIndexOf(':');
            if (colon < 1 || !FIGURES.contains(source.substring(colon + 1))) {
                return "placeholder '" + name + "' (PROGRAM_FIGURE) needs a source '<programme or partner>:<figure>', the figure one of "
                        + FIGURES;
            }
        }
        return null;
    }
}
