package org.porchlight.api.ui;

import java.util.Optional;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A page of the web portal, contributed by any bundle as a service. The shell calls it only for
 * callers whose role {@link PageInfo#roles()} allows and only after it checked the CSRF token of
 * a form; the page holds no session and sets no cookie or header.
 *
 * <p>Errors: throw {@link org.porchlight.api.problem.ProblemException}; the shell shows its
 * status (404 and 403 as the portal's own pages) and title, never a stack trace. Anything else
 * thrown is a 500 page naming a correlation id that the log repeats with the exception.
 */
@ConsumerType
public interface Page {

    /** Where the page lives, who may see it and where the navigation lists it; read on every request. */
    PageInfo info();

    /**
     * The page for a {@code GET} (or {@code HEAD}).
     *
     * @param request the request, with the signed-in caller if there is one
     * @return what to show, or a redirect
     */
    PageView render(PageRequest request);

    /**
     * A form posted to the page. The shell has checked the CSRF token and the caller's role.
     * The default accepts no form: the shell answers 405.
     *
     * @param request the request, with the form's fields as {@link PageRequest#parameter parameters}
     * @return what to show (e.g. the form again with errors), usually a redirect (post/redirect/get);
     *         empty if the page takes no form
     */
    default Optional<PageView> submit(PageRequest request) {
        return Optional.empty();
    }

    /**
     * The most bytes a {@code multipart/form-data} form posted to this request's path may carry,
     * decided before the shell reads any of the body: from the path and the caller only (reading a
     * {@link PageRequest#parameter parameter} here would read the body). Check what can be checked
     * cheaply first, such as a link's token or that the request is the caller's own, and throw the
     * same {@link org.porchlight.api.problem.ProblemException} as {@link #submit} would. The default,
     * 0, takes no files: the shell answers 415 without reading the body, so that nobody makes the
     * server spool a body no page wants. A form without a {@code Content-Length} or above the limit
     * gets 411 or 413.
     *
     * @since 1.1
     */
    default long uploadLimit(PageRequest request) {
        return 0;
    }

    /**
     * Whether the shell records every {@code GET} of this page in the audit log (action
     * {@code portal.page <path>}, the caller, the rest of the path, the status), as the REST core
     * records the reads of routes marked {@code @PersonalData}: say so for pages that show personal
     * data (legal records, who answered a request).
     *
     * @since 1.1
     */
    default boolean recordsReads() {
        return false;
    }
}
