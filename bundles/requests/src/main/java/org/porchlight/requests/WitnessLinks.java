package org.porchlight.requests;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
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
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.requests.store.WitnessLinkRows;
import org.porchlight.requests.store.WitnessLinkRows.Link;

/**
 * Submission links for witnesses without a registered camera: the agency opens one for a case
 * and shares it outside Porchlight (SMS, e-mail); whoever has it may upload a bounded number of
 * files until it expires. Consent first: an upload is prepared, the agency sees nothing of it
 * (not even a count) until the witness confirms sharing it, and the witness may remove it before.
 * Only a hash of the link's token is stored.
 */
@Component(service = WitnessLinks.class)
public class WitnessLinks {

    static final ProblemType LINK_CLOSED = ProblemType.named("submission-link-closed", "The submission link is closed", 410);
    static final ProblemType FILE_LIMIT = ProblemType.named("submission-file-limit", "The link accepts no more files", 409);
    static final ProblemType TOO_LARGE = ProblemType.named("file-too-large", "File too large", 413);
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Database database;
    private final WitnessLinkRows rows = new WitnessLinkRows();
    private final RequestWorkflow workflow;
    private final Policies policies;
    private final Clock clock = Clock.systemUTC();

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    volatile EvidenceIntake evidence;

    @Activate
    public WitnessLinks(@Reference Database database, @Reference RequestWorkflow workflow, @Reference Policies policies) {
        this.database = database;
        this.workflow = workflow;
        this.policies = policies;
    }

    /** A link as the agency sees it; the token appears only once, when the link is opened. */
    public record WitnessLink(UUID id, String caseNumber, Instant createdAt, Instant expiresAt, int maxFiles, long maxFileBytes,
            int filesShared, Instant revokedAt, String token) {
    }

    /** What a witness holding the link sees: no case details. */
    public record OpenLink(String agency, String agencyName, Instant expiresAt, int filesRemaining, long maxFileBytes) {
    }

    public WitnessLink open(Caller caller, String agencyCode, String caseNumber, Integer days, Integer maxFiles, Long maxFileBytes) {
        AgencyProfile agency = workflow.agency(agencyCode);
        AgencyRules rules = policies.rules(agency);
        if (!rules.caseNumberPattern().matcher(caseNumber).matches()) {
            throw new ProblemException(RequestWorkflow.POLICY_VIOLATION, "[case-number-format] the case number does not have the agency's "
                    + "format " + rules.caseNumberPattern().pattern());
        }
        Duration lifetime = days == null ? rules.witnessLinkLifetime() : Duration.ofDays(Math.min(days, rules.witnessLinkLifetime().toDays() * 3));
        int files = maxFiles == null ? rules.witnessMaxFiles() : Math.min(maxFiles, rules.witnessMaxFiles());
        long bytes = maxFileBytes == null ? rules.witnessMaxFileBytes() : Math.min(maxFileBytes, rules.witnessMaxFileBytes());
        byte[] secret = new byte[32];
        RANDOM.nextBytes(secret);
        String token = Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        Instant now = clock.instant();
        WitnessLink link = new WitnessLink(UUID.randomUUID(), caseNumber, now, now.plus(lifetime), files, bytes, 0, null, token);
        database.inTransaction(c -> {
            rows.insert(c, link, agency.code(), hash(token), caller.account());
            return null;
        });
        return link;
    }

    public List<WitnessLink> list(String agencyCode, String caseNumber) {
        String agency = workflow.agency(agencyCode).code();
        return database.withConnection(c -> rows.list(c, agency, caseNumber));
    }

    public boolean revoke(String agencyCode, UUID id) {
        String agency = workflow.agency(agencyCode).code();
        Instant now = clock.instant();
        return database.inTransaction(c -> rows.revoke(c, agency, id, now));
    }

    public OpenLink describe(String token) {
        return database.withConnection(c -> {
            Link link = usable(c, token);
            return new OpenLink(link.agency(), workflow.agency(link.agency()).name(), link.expiresAt(),
                    link.maxFiles() - link.filesReceived(), link.maxFileBytes());
        });
    }

    /**
     * Receives one file through a link, prepared: the agency sees it only once the witness shares
     * it. The file's slot is taken first, so that concurrent uploads cannot exceed the link's
     * count, and given back if the upload fails or the file is removed.
     */
    public EvidenceItem submit(String token, String fileName, String contentType, long length, InputStream content) {
        EvidenceIntake intake = ShareWorkflow.available(evidence);
        Link link = database.inTransaction(c -> {
            Link found = usable(c, token);
            if (!rows.takeSlot(c, found.id())) {
                throw new ProblemException(FILE_LIMIT, "The link has received all the files it accepts (" + found.maxFiles() + ").");
            }
            return found;
        });
        if (length > link.maxFileBytes()) {
            giveBack(link);
            throw new ProblemException(TOO_LARGE, "The link accepts files of at most " + link.maxFileBytes() + " bytes.");
        }
        boolean received = false;
        try {
            Submission submission = new Submission(link.agency(), link.caseNumber(), null, null, submitter(link), fileName,
                    contentType);
            EvidenceItem item = intake.prepare(submission, holder(link), new Capped(content, link.maxFileBytes()), length);
            received = true;
            return item;
        } finally {
            if (!received) {
                giveBack(link);
            }
        }
    }

    /** Removes a file the witness prepared through the link, with its stored bytes, and gives its slot back. */
    public void remove(String token, UUID file) {
        EvidenceIntake intake = ShareWorkflow.available(evidence);
        Link link = database.withConnection(c -> usable(c, token));
        if (intake.discard(link.agency(), holder(link), List.of(file)) == 0) {
            throw new ProblemException(RequestWorkflow.NOT_FOUND, "No such prepared file (shared files stay with the agency).");
        }
        giveBack(link);
    }

    /** Shares exactly the prepared {@code files} with the agency: all or nothing, recorded in their custody. */
    public List<SharedEvidence> share(String token, List<UUID> files) {
        EvidenceIntake intake = ShareWorkflow.available(evidence);
        if (files == null || files.isEmpty()) {
            throw new ProblemException(ShareWorkflow.NOTHING_UPLOADED, "Name the uploaded files to share in 'files'.");
        }
        return database.inTransaction(c -> {
            Link link = usable(c, token);
            List<SharedEvidence> shared = intake.share(c, link.agency(), holder(link), files, submitter(link));
            rows.addShared(c, link.id(), shared.size());
            return shared;
        });
    }

    /** The files prepared through the link and not yet shared, for the witness's own view (the agency sees none of them). */
    public List<EvidenceItem> prepared(String token) {
        EvidenceIntake intake = ShareWorkflow.available(evidence);
        Link link = database.withConnection(c -> usable(c, token));
        return intake.prepared(link.agency(), holder(link));
    }

    /** What was shared through the link and when, as the files' custody records say, for the witness's own view. */
    public List<SharedEvidence> shared(String token) {
        EvidenceIntake intake = ShareWorkflow.available(evidence);
        Link link = database.withConnection(c -> usable(c, token));
        return intake.shared(link.agency(), holder(link));
    }

    /** Who holds the files prepared through the link, as the evidence intake keys them. */
    private static String holder(Link link) {
        return "witness-link:" + link.id();
    }

    /** The submitter as the agency sees them. */
    private static String submitter(Link link) {
        return "witness link " + link.id().toString().substring(0, 8);
    }

    /** The link the token opens, if it is still open; otherwise 410 (also for unknown tokens: nothing to learn by guessing). */
    private Link usable(Connection c, String token) throws SQLException {
        Link link = rows.byToken(c, hash(token)).orElse(null);
        if (link == null || link.revokedAt() != null || !link.expiresAt().isAfter(clock.instant())) {
            throw new ProblemException(LINK_CLOSED, "This submission link is not open (expired, revoked or unknown).");
        }
        return link;
    }

    private void giveBack(Link link) {
        database.inTransaction(c -> {
            rows.giveBack(c, link.id());
            return null;
        });
    }

    static String hash(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JDK", e);
        }
    }

    /** Stops a body that runs past the link's limit; the intake then keeps nothing of it. */
    private static final class Capped extends FilterInputStream {
        private final long limit;
        private long read;

        Capped(InputStream in, long limit) {
            super(in);
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0 && ++read > limit) {
                throw tooLarge();
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0 && (read += n) > limit) {
                throw tooLarge();
            }
            return n;
        }

        private ProblemException tooLarge() {
            return new ProblemException(TOO_LARGE, "The link accepts files of at most " + limit + " bytes.");
        }
    }
}
