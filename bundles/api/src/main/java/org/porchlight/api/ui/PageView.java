package org.porchlight.api.ui;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * What a {@link Page} shows: a template of its own bundle with its model, or a redirect.
 *
 * @param template the template's name without extension, found in the page's bundle as
 *                 {@code ui/templates/<template>.ftlh}; {@code null} for a redirect
 * @param model    the template's variables: strings, numbers, booleans, dates, lists and maps of
 *                 those (keep objects out: templates may not call methods)
 * @param status   the HTTP status, 200 for a page; 303 for a redirect
 * @param redirect where to send the browser, a path under the portal root; {@code null} for a page
 * @param fragment whether the template is shown alone, without the portal's layout: a part of a
 *                 page that htmx swaps in (live feedback on a form, a list that refreshes)
 * @param download a file sent instead of a page, or {@code null}
 */
public record PageView(String template, Map<String, Object> model, int status, String redirect, boolean fragment,
        Download download) {

    /** A path of this site: one slash, then no slash or backslash right away, no backslash or control character anywhere. */
    private static final Pattern LOCAL_PATH = Pattern.compile("/(?![/\\\\])[^\\\\\\p{Cntrl}]*");

    public PageView {
        if ((template != null ? 1 : 0) + (redirect != null ? 1 : 0) + (download != null ? 1 : 0) != 1) {
            throw new IllegalArgumentException("a view is a template, a redirect or a download");
        }
        if (redirect != null && !LOCAL_PATH.matcher(redirect).matches()) {
            // "//host" and "/\host" are other sites to a browser; control characters would split the header
            throw new IllegalArgumentException("a redirect stays in the portal: " + redirect);
        }
        if (fragment && template == null) {
            throw new IllegalArgumentException("a fragment is a template");
        }
        model = model == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(model));
    }

    /** A whole page or a redirect, as in version 1.0 of this package. */
    public PageView(String template, Map<String, Object> model, int status, String redirect) {
        this(template, model, status, redirect, false, null);
    }

    /** The template {@code ui/templates/<template>.ftlh} of the page's bundle with {@code model}, status 200. */
    public static PageView of(String template, Map<String, Object> model) {
        return new PageView(Objects.requireNonNull(template, "template"), model, 200, null);
    }

    /**
     * The template {@code ui/templates/<template>.ftlh} alone, without the layout, status 200: the
     * part of a page that an htmx request ({@code hx-get}, {@code hx-post}) swaps in.
     *
     * @since 1.1
     */
    public static PageView fragment(String template, Map<String, Object> model) {
        return new PageView(Objects.requireNonNull(template, "template"), model, 200, null, true, null);
    }

    /**
     * A file instead of a page, status 200 (footage, an export).
     *
     * @since 1.1
     */
    public static PageView download(Download download) {
        return new PageView(null, Map.of(), 200, null, false, Objects.requireNonNull(download, "download"));
    }

    /** A 303 See Other to {@code path}, a path under the portal root. */
    public static PageView redirect(String path) {
        return new PageView(null, Map.of(), 303, Objects.requireNonNull(path, "path"));
    }

    /** This view with another status, e.g. 422 for a form shown again with its errors. */
    public PageView withStatus(int status) {
        return new PageView(template, model, status, redirect, fragment, download);
    }
}
