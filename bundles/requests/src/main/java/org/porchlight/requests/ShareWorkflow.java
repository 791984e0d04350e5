package org.porchlight.requests;

import java.io.InputStream;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.evidence.Submission;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Notification.Recipient;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.ContactDetails;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.store.Database;
import org.porchlight.requests.store.DeliveryRows;
import org.porchlight.requests.store.DeliveryRows.Delivery;

/**
 * An owner's answer to a footage request, consent first: an upload only prepares a file, which
 * the agency cannot see; the owner may remove prepared files, and nothing reaches the agency
 * until they answer {@code SHARE} naming the prepared files to share, which then become evidence
 * with a {@code SHARED} event in their chain of custody. {@code NOTHING} and {@code DECLINE} cost
 * nothing: they discard whatever was prepared. Once files are shared they stay with the agency.
 */
@Component(service = ShareWorkflow.class)
public class ShareWorkflow {

    static final ProblemType EVIDENCE_UNAVAILABLE = ProblemType.named("evidence-unavailable",
            "Evidence cannot be received right now", 503);
    static final ProblemType ALREADY_SHARED = ProblemType.named("already-shared", "Files were already shared", 409);
    static final ProblemType NOTHING_UPLOADED = ProblemType.named("nothing-uploaded", "No prepared file named to share", 409);
    static final ProblemType REQUEST_NOT_OPEN = ProblemType.named("request-not-open",
            "The request no longer accepts answers", 409);

    private final Database database;
    private final DeliveryRows rows;
    private final PseudonymService pseudonyms;
    private final Clock clock;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile EvidenceIntake evidence;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile Outbox outbox;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile ContactDetails contacts;

    @Activate
    public ShareWorkflow(@Reference Database database, @Reference JsonCodec json, @Reference PseudonymService pseudonyms) {
        this(database, json, pseudonyms, Clock.systemUTC());
    }

    ShareWorkflow(Database database, JsonCodec json, PseudonymService pseudonyms, Clock clock) {
        this.database = database;
        this.rows = new DeliveryRows(json);
        this.pseudonyms = pseudonyms;
        this.clock = clock;
    }

    /** How an owner answers. {@code SHARE} names prepared files and shares exactly those. */
    public enum Decision {
        SHARE, NOTHING, DECLINE
    }

    /** A name and address the owner chose to give the agency with their answer. */
    public record Identity(String name, String email) {
    }

    /** Streams one file into evidence as a prepared file of the owner's answer: the agency sees nothing of it yet. */
    public EvidenceItem prepare(UUID owner, UUID deliveryId, String fileName, String contentType, long length,
            InputStream content) {
        EvidenceIntake intake = available(evidence);
        Delivery d = delivery(owner, deliveryId);
        requireOpen(d);
        Submission submission = new Submission(d.agency(), d.caseNumber(), d.request(), d.id(), pseudonym(d), fileName,
                contentType);
        return intake.prepare(submission, d.holder(), content, length);
    }

    /** Removes a prepared file and its stored bytes. A shared file stays with the agency (409). */
    public void remove(UUID owner, UUID deliveryId, UUID file) {
        EvidenceIntake intake = available(evidence);
        Delivery d = delivery(owner, deliveryId);
        if (intake.discard(d.agency(), d.holder(), List.of(file)) == 0) {
            if (intake.shared(d.agency(), d.holder()).stream().anyMatch(s -> s.item().id().equals(file))) {
                throw new ProblemException(ALREADY_SHARED,
                        "This file was shared; the agency keeps it under its retention schedule.");
            }
            throw new ProblemException(RequestWorkflow.NOT_FOUND, "No such prepared file.");
        }
    }

    /**
     * Answers. {@code SHARE} shares exactly the prepared {@code files} (at least one) and may be
     * given again to share more; {@code NOTHING} and {@code DECLINE} are refused once files were
     * shared and otherwise discard every prepared file.
     */
    public void answer(UUID owner, UUID deliveryId, Decision decision, List<UUID> files, String reason, boolean reveal) {
        Optional<Identity> identity = reveal ? Optional.of(identityOf(owner)) : Optional.empty();
        Instant now = clock.instant();
        EvidenceIntake intake = decision == Decision.SHARE ? available(evidence) : evidence;
        if (decision == Decision.SHARE && (files == null || files.isEmpty())) {
            throw new ProblemException(NOTHING_UPLOADED, "Name the prepared files to share in 'files' (upload them first); "
                    + "or answer NOTHING or DECLINE.");
        }
        Delivery answered = database.inTransaction(c -> {
            Delivery d = rows.find(c, owner, deliveryId, true).orElseThrow(RequestWorkflow::noSuchRequest);
            requireOpen(d);
            DeliveryStatus next = switch (decision) {
                case SHARE -> DeliveryStatus.SHARED;
                case NOTHING -> DeliveryStatus.NOTHING;
                case DECLINE -> DeliveryStatus.DECLINED;
            };
            if (next != DeliveryStatus.SHARED && d.status() == DeliveryStatus.SHARED) {
                throw new ProblemException(ALREADY_SHARED, "Files were shared with this answer; the agency keeps them under its "
                        + "retention schedule.");
            }
            if (next == DeliveryStatus.SHARED) {
                intake.share(c, d.agency(), d.holder(), files, pseudonym(d)); // all or nothing, in this transaction
            }
            Instant at = d.status() == next && d.answeredAt() != null ? d.answeredAt() : now;
            rows.answer(c, d.id(), next, at, next == DeliveryStatus.DECLINED ? blankToNull(reason) : null,
                    identity.map(Identity::name).orElse(null), identity.map(Identity::email).orElse(null));
            if (d.status() != next) {
                tellAgency(c, d, next); // so a share is announced once, on its confirmation, never on an upload
            }
            return d;
        });
        if (decision != Decision.SHARE && intake != null) {
            // Declining costs nothing: what was prepared goes (the retention job removes it later if this fails).
            intake.discard(answered.agency(), answered.holder(), null);
        }
    }

    /** What the owner shared with this answer and when, as the files' custody records say. */
    public List<SharedEvidence> shared(UUID owner, UUID deliveryId) {
        EvidenceIntake intake = available(evidence);
        Delivery d = delivery(owner, deliveryId);
        return intake.shared(d.agency(), d.holder());
    }

    /** The owner's delivery; anyone else's does not exist for them (404). */
    private Delivery delivery(UUID owner, UUID deliveryId) {
        return database.withConnection(c -> rows.find(c, owner, deliveryId, false)).orElseThrow(RequestWorkflow::noSuchRequest);
    }

    /** The evidence bundle's intake, or 503 {@link #EVIDENCE_UNAVAILABLE} while it is away: every use of files asks here. */
    static EvidenceIntake available(EvidenceIntake intake) {
        if (intake == null) {
            throw new ProblemException(EVIDENCE_UNAVAILABLE, "Files cannot be handled right now; try again shortly.");
        }
        return intake;
    }

    private void requireOpen(Delivery d) {
        if (d.requestState() != RequestState.ACTIVE || !d.expiresAt().isAfter(clock.instant())) {
            throw new ProblemException(REQUEST_NOT_OPEN, "The request is " + (d.requestState() == RequestState.ACTIVE ? "EXPIRED"
                    : d.requestState()) + "; it no longer accepts answers.");
        }
    }

    private String pseudonym(Delivery d) {
        return pseudonyms.pseudonym(d.owner(), d.agency()).label();
    }

    private Identity identityOf(UUID owner) {
        ContactDetails directory = contacts;
        if (directory == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE,
                    "Your contact details cannot be read right now; try again shortly.");
        }
        ContactDetails.Contact contact = directory.contactOf(owner)
                .orElseThrow(() -> new ProblemException(ProblemType.UNAVAILABLE,
                        "Your contact details cannot be read right now."));
        return new Identity(contact.displayName(), contact.email());
    }

    /** For the agency's own systems (webhooks, the staff inbox): who answered, by pseudonym, and how. */
    private void tellAgency(Connection c, Delivery d, DeliveryStatus status) throws SQLException {
        Outbox notifications = outbox;
        if (notifications == null) {
            return; // the agency's view shows the answer either way
        }
        notifications.enqueue(c, List.of(new Notification("footage-answer:" + d.id() + ":" + status, Recipient.agency(d.agency()),
                FootageRequestSubjects.ANSWER, "An owner answered request " + d.caseNumber() + ": " + status,
                "", Map.of("request", d.request().toString(), "response", d.id().toString(), "answer", status.name(),
                        "pseudonym", pseudonym(d)))));
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
