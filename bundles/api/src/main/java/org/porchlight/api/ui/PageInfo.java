package org.porchlight.api.ui;

import java.util.Objects;
import java.util.Set;

/**
 * Where a {@link Page} lives, who may open it and where the navigation lists it.
 *
 * @param path     the page's path under the portal root, starting with {@code /} (e.g.
 *                 {@code /cameras}); the page also answers every path below it
 *                 ({@code /cameras/42}), except that {@code /} answers only itself. Of two pages
 *                 that claim a path the one with more segments wins, then the one with more literal
 *                 segments, then the higher service ranking. A segment {@code *} stands for any one
 *                 segment (since 1.1): {@code /agencies/*}{@code /releases} answers
 *                 {@code /agencies/KCPD/releases}; such a page has no one address, so no navigation
 *                 lists it
 * @param titleKey the key of the page's title in the page's bundle's messages; the navigation
 *                 and the window title show it
 * @param roles    role names ({@code org.porchlight.api.security.Roles}) that may open the page,
 *                 or {@link #PUBLIC} for everyone, signed in or not. Empty: nobody (deny by
 *                 default)
 * @param group    the navigation group that lists the page (one of the {@code GROUP_} constants,
 *                 or any key of the page's messages), or {@code null} to list it nowhere
 * @param order    the position within its group, lower first
 */
public record PageInfo(String path, String titleKey, Set<String> roles, String group, int order) {

    /** A path segment that stands for any one segment. */
    public static final String WILDCARD = "*";

    /** The role marker of a page anyone may open, signed in or not. */
    public static final String PUBLIC = "PUBLIC";

    /** Navigation group: public pages (home, transparency, release logs). */
    public static final String GROUP_PUBLIC = "nav.public";
    /** Navigation group: a signed-in person's own things (cameras, inbox, account). */
    public static final String GROUP_MY = "nav.my";
    /** Navigation group: the daily work of agency staff and vendors. */
    public static final String GROUP_WORK = "nav.work";
    /** Navigation group: administration (agency settings, platform, modules). */
    public static final String GROUP_ADMIN = "nav.admin";

    public PageInfo {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(titleKey, "titleKey");
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/")) || path.contains("//")) {
            throw new IllegalArgumentException("a page's path starts with / and does not end with one: " + path);
        }
        for (String segment : path.split("/")) {
            if (segment.contains(WILDCARD) && !segment.equals(WILDCARD)) {
                throw new IllegalArgumentException("* stands for a whole segment: " + path);
            }
        }
        roles = roles == null ? Set.of() : Set.copyOf(roles);
    }

    /** Whether anyone may open the page, signed in or not. */
    public boolean isPublic() {
        return roles.contains(PUBLIC);
    }

    /**
     * Whether a caller with {@code role} may open the page.
     *
     * @param role the caller's role, or {@code null} for someone not signed in
     */
    public boolean allows(String role) {
        return isPublic() || (role != null && roles.contains(role));
    }

    /** Whether the page answers {@code requestPath}: its own path, or one below it. */
    public boolean serves(String requestPath) {
        if (!path.contains("*")) {
            return path.equals(requestPath) || (!"/".equals(path) && requestPath.startsWith(path + "/"));
        }
        String[] mine = path.split("/", -1);
        String[] theirs = requestPath.split("/", -1);
        if (theirs.length < mine.length) {
            return false;
        }
        for (int i = 1; i < mine.length; i++) {
            boolean any = WILDCARD.equals(mine[i]) && !theirs[i].isEmpty();
            if (!any && !mine[i].equals(theirs[i])) {
                return false;
            }
        }
        return true;
    }

    /** Whether a segment of the path is {@code *}, so that the page has no one address to link to. @since 1.1 */
    public boolean hasWildcard() {
        return path.contains("/" + WILDCARD);
    }

    /** The number of segments of the path, {@code *} included; {@code /} has none. @since 1.1 */
    public int segments() {
        return "/".equals(path) ? 0 : path.split("/", -1).length - 1;
    }
}
