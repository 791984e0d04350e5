package org.porchlight.web;

import java.util.Optional;
import java.util.function.Supplier;

import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.rest.PathRedaction;
import org.porchlight.api.security.Caller;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The portal's sign-ins and sign-outs in the audit log, as the REST core records those of the token
 * endpoint: {@value #SIGN_IN} with the outcome (303 signed in, 401, 429, 400; the account as actor
 * when it worked, else anonymous: a typed e-mail address is never recorded) and {@value #SIGN_OUT}.
 * Best effort, as the console's sign-ins: without a running audit log the portal still signs in,
 * and says so in the log. Every form posted to a contributed page: {@value #FORM} and the page's path.
 */
final class PortalAudit {

    static final String SIGN_IN = "portal.sign-in";
    static final String SIGN_OUT = "portal.sign-out";
    static final String FORM = "portal.form";
    static final String READ = "portal.page";
    /** The outcome of a form's entry written before the page acts, as the REST core's. */
    static final String STARTED = "started";
    private static final Logger LOG = LoggerFactory.getLogger(PortalAudit.class);

    private final Supplier<AuditLog> log;

    PortalAudit(Supplier<AuditLog> log) {
        this.log = log;
    }

    void signIn(Optional<Caller> caller, int outcome) {
        append(SIGN_IN, caller, outcome);
    }

    void signOut(Optional<Caller> caller) {
        append(SIGN_OUT, caller, 303);
    }

    /**
     * The attempt of a form posted to a contributed page, written before the page sees it, as the REST core
     * writes its {@code started} entry before a change: false, and the form is refused, when the audit log
     * is not running or could not write it.
     */
    boolean started(Optional<Caller> caller, String pagePath, String subPath) {
        AuditLog audit = log.get();
        if (audit == null) {
            LOG.warn("Portal form to {} refused: the audit log is not running", pagePath);
            return false;
        }
        try {
            audit.append(event(FORM + " " + pagePath, caller, STARTED, target(subPath)));
            return true;
        } catch (RuntimeException e) {
            LOG.error("Portal form to {} refused: its attempt could not be recorded in the audit log", pagePath, e);
            return false;
        }
    }

    /**
     * A form posted to a contributed page, as the REST core records every API call: who, the page (action
     * {@code portal.form <page path>}), what below it ({@code 42/approve}) and the status it answered.
     */
    void form(Optional<Caller> caller, String pagePath, String subPath, int outcome) {
        append(FORM + " " + pagePath, caller, outcome, target(subPath));
    }

    /** A read of a page that shows personal data ({@link org.porchlight.api.ui.Page#recordsReads}). */
    void read(Optional<Caller> caller, String pagePath, String subPath, int outcome) {
        append(READ + " " + pagePath, caller, outcome, target(subPath));
    }

    /** What below the page's path a request concerned, with link tokens left out (their hash is all the server keeps). */
    static String target(String subPath) {
        return subPath.isEmpty() ? null : PathRedaction.path(subPath);
    }

    private void append(String action, Optional<Caller> caller, int outcome) {
        append(action, caller, outcome, "credential=password");
    }

    private void append(String action, Optional<Caller> caller, int outcome, String target) {
        AuditLog audit = log.get();
        if (audit == null) {
            LOG.warn("Portal {} ({}) not recorded: the audit log is not running", action, outcome);
            return;
        }
        try {
            audit.append(event(action, caller, Integer.toString(outcome), target));
        } catch (RuntimeException e) {
            LOG.error("Portal {} ({}) could not be recorded in the audit log", action, outcome, e);
        }
    }

    private static AuditEvent event(String action, Optional<Caller> caller, String outcome, String target) {
        AuditEvent.Actor actor = caller.map(c -> AuditEvent.Actor.account(c.account(), c.isResident()))
                .orElseGet(AuditEvent.Actor::anonymous);
        return new AuditEvent(actor, caller.map(Caller::agency).orElse(null), action, target, outcome, null);
    }
}
