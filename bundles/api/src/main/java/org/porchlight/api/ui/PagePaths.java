package org.porchlight.api.ui;

import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.regex.Pattern;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/**
 * Reading a page's path: its segments, and ids in them in one spelling only, so that one thing has
 * one address and anything else is a page that does not exist.
 *
 * @since 1.1
 */
public final class PagePaths {

    private static final Pattern CANONICAL_UUID = Pattern.compile("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");

    private PagePaths() {
    }

    /** The segments of a sub-path: {@code 42/share} is {@code [42, share]}; none for the page itself. */
    public static List<String> segments(String subPath) {
        return subPath == null || subPath.isEmpty() ? List.of() : List.of(subPath.split("/", -1));
    }

    /** The id a path segment or form field spells in its canonical form (lower-case hex with dashes), else empty. */
    public static Optional<UUID> uuid(String text) {
        if (text == null) {
            return Optional.empty();
        }
        String trimmed = text.trim();
        return CANONICAL_UUID.matcher(trimmed).matches() ? Optional.of(UUID.fromString(trimmed)) : Optional.empty();
    }

    /** The id a path segment spells, or a 404 problem: a page that does not exist. */
    public static UUID id(String segment) {
        return uuid(segment).orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such page."));
    }
}
