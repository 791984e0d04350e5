package org.porchlight.api.ui;

import java.util.Objects;
import java.util.Set;

/**
 * Where a {@link Page} lives, who may open it and where the navigation lists it.
 *
 * @param path     the page's path under the portal root, starting with {@code /} (e.g.
 *                 {@code /cameras}); the page also answers every path below it
 *                 ({@code /cameras/42}), except that {@code /} answers only itself. Of two pages
 *                 that claim a path the longer path wins; of two equal ones, the higher service
 *                 ranking
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
        if (!path.startsWith("/") || (path.length() > 1 && path.endsWith("/"))) {
            throw new IllegalArgumentException("a page's path starts with / and does not end with one: " + path);
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
        return path.equals(requestPath) || (!"/".equals(path) && requestPath.startsWith(path + "/"));
    }
}
