package org.porchlight.api.registry;

/**
 * Events the registry posts through the OSGi Event Admin, for the bundles that notify people.
 * Properties are strings; none holds personal data beyond the account's id.
 *
 * @since 1.1
 */
public final class RegistryEvents {

    /**
     * A resident's registration is due for its yearly confirmation: remind them. Sent
     * (synchronously) once per confirmation period, on one node; sent again only if that node died
     * before it recorded the reminder, so a handler should recognise a repeat by registration and
     * due time. Properties {@link #ACCOUNT}, {@link #REGISTRATION} and {@link #DUE}.
     */
    public static final String CONFIRMATION_DUE = "org/porchlight/registry/CONFIRMATION_DUE";

    /** The owner's account id. */
    public static final String ACCOUNT = "account";

    /** The registration's id. */
    public static final String REGISTRATION = "registration";

    /** When it stops being matched unless confirmed, an ISO-8601 instant. */
    public static final String DUE = "due";

    private RegistryEvents() {
    }
}
