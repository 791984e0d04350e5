package org.porchlight.api.audit;

import java.util.Objects;
import java.util.UUID;

/**
 * What happened, as the caller of {@link AuditLog#append} knows it. The log adds the time,
 * the sequence number and the hashes, and replaces a resident actor by their pseudonym.
 *
 * @param actor who did it
 * @param tenant the agency's short code the action concerns, or {@code null} for none
 * @param action what was done, e.g. {@code POST /agencies/{agency}/staff} or {@code request.expired}
 * @param target what it was done to, e.g. {@code agency=KCPD id=3f2c...}; never personal data
 * @param outcome how it ended, e.g. the HTTP status {@code 201}
 * @param requestId the correlation id of the request, or {@code null} outside a request
 */
public record AuditEvent(Actor actor, String tenant, String action, String target, String outcome, String requestId) {

    public AuditEvent {
        Objects.requireNonNull(actor, "actor");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        target = target == null ? "" : target;
    }

    /**
     * Who acted.
     *
     * @param kind what kind of actor
     * @param id the account id for {@link Kind#ACCOUNT} and {@link Kind#RESIDENT}, the key id
     *        for {@link Kind#API_KEY}, a component name for {@link Kind#SYSTEM}, {@code null}
     *        for {@link Kind#ANONYMOUS}
     */
    public record Actor(Kind kind, String id) {

        public Actor {
            Objects.requireNonNull(kind, "kind");
            if ((kind == Kind.ANONYMOUS) != (id == null)) {
                throw new IllegalArgumentException("an anonymous actor has no id; every other actor has one");
            }
        }

        public static Actor anonymous() {
            return new Actor(Kind.ANONYMOUS, null);
        }

        public static Actor system(String component) {
            return new Actor(Kind.SYSTEM, component);
        }

        public static Actor account(UUID account, boolean resident) {
            return new Actor(resident ? Kind.RESIDENT : Kind.ACCOUNT, account.toString());
        }

        public static Actor apiKey(String keyId) {
            return new Actor(Kind.API_KEY, keyId);
        }
    }

    /** Kinds of actor. A resident is recorded by pseudonym, every other kind by id. */
    public enum Kind {
        ANONYMOUS, RESIDENT, ACCOUNT, API_KEY, SYSTEM
    }
}
