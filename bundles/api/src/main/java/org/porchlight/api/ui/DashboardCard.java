package org.porchlight.api.ui;

import java.util.Optional;
import java.util.Set;

import org.osgi.annotation.versioning.ConsumerType;

/**
 * A card on the staff dashboard ({@code /dashboard}), contributed by any bundle as a service: what
 * waits for the signed-in person in that bundle's domain (open requests, approvals waiting,
 * overdue legal reviews). The dashboard shows the cards of the caller's role in {@link #order()}.
 *
 * @since 1.1
 */
@ConsumerType
public interface DashboardCard {

    /** The roles that see the card (role names of {@code org.porchlight.api.security.Roles}); empty: nobody. */
    Set<String> roles();

    /** The card's position, lower first. */
    int order();

    /**
     * The card for this caller, or empty when there is nothing to show. {@link PageRequest#text}
     * reads this card's bundle's messages.
     */
    Optional<Item> card(PageRequest request);

    /**
     * What a card shows.
     *
     * @param title  the card's heading, in the request's language
     * @param count  the number that waits, e.g. 3 requests waiting for approval
     * @param detail one sentence that says what the number counts, in the request's language
     * @param link   the page that lists them, a path under the portal root
     * @param urgent whether the number needs attention now (a deadline passed): the card stands out
     */
    record Item(String title, long count, String detail, String link, boolean urgent) {
    }
}
