package org.porchlight.api.ui;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.osgi.annotation.versioning.ProviderType;
import org.porchlight.api.security.Caller;

/** A request for a {@link Page}, as the shell hands it over: who asks, in which language, for what. */
@ProviderType
public interface PageRequest {

    /** The signed-in caller; empty for a visitor who is not signed in. */
    Optional<Caller> caller();

    /** The language the page must be shown in, one the portal supports (English or Spanish). */
    Locale locale();

    /** The request's path under the portal root, e.g. {@code /cameras/42}. */
    String path();

    /** The rest of {@link #path()} after the page's own path, without a leading {@code /}; empty on the page itself. */
    String subPath();

    /** {@code GET}, {@code HEAD} or {@code POST}. */
    String method();

    /** The first value of a query parameter or, on a POST, of a form field. */
    Optional<String> parameter(String name);

    /** Every value of a query parameter or form field, in order; empty if there is none. */
    List<String> parameters(String name);

    /**
     * The files posted in the form field {@code name} of a {@code multipart/form-data} form, in
     * order; empty for any other request. The shell spools them to disk within its upload limit
     * and deletes them after the request: read them before {@link Page#submit} returns.
     *
     * @since 1.1
     */
    default List<Upload> uploads(String name) {
        return List.of();
    }

    /**
     * A text of the page's own bundle ({@code ui/messages*.properties}, then the shell's) in
     * {@link #locale()}, with {@code arguments} filled in as {@link java.text.MessageFormat} does:
     * for texts a page builds in Java (a map's labels, a card's title). A missing key shows as itself.
     *
     * @since 1.1
     */
    default String text(String key, Object... arguments) {
        return key;
    }

    /** The client's address as the REST core's trusted proxies tell it, e.g. for throttling. */
    String clientAddress();
}
