package org.porchlight.evidence;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.zip.CRC32;

import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.EvidenceStore;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.evidence.Submission;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.evidence.CustodyEvent.Kind;
import org.porchlight.evidence.crypto.IntegrityException;
import org.porchlight.evidence.crypto.MasterKeySource;
import org.porchlight.evidence.crypto.MasterKeys;
import org.porchlight.evidence.crypto.SegmentedGcm;
import org.porchlight.evidence.store.EvidenceRecords;
import org.porchlight.evidence.store.PreparedRecords;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Where evidence is received, kept and handed out. Receiving streams the file through a meter
 * (size, SHA-256, the agency's limit) and the encryption into the configured store, and records
 * the item with its custody chain only once the store holds every byte. Handing out re-reads the
 * whole file first: the content must decrypt (every segment authenticates) and hash to what was
 * recorded, or it is not served and the failure goes into its chain of custody.
 */
@Component(service = {EvidenceRoom.class, EvidenceIntake.class}, configurationPid = EvidenceConfiguration.PID)
@Designate(ocd = EvidenceConfiguration.class)
public class EvidenceRoom implements EvidenceIntake {

    static final ProblemType INCOMPLETE = ProblemType.named("evidence-incomplete", "Evidence upload incomplete", 400);
    public static final ProblemType INTEGRITY = ProblemType.named("evidence-integrity", "Evidence failed its integrity check", 500);
    static final ProblemType PURGED = ProblemType.named("evidence-purged", "Evidence purged", 410);

    private static final Logger LOG = LoggerFactory.getLogger(EvidenceRoom.class);
    private static final int LIST_LIMIT = 1000;

    private final EvidenceRecords records;
    private final PreparedRecords prepared;
    private final Agencies agencies;
    private final EvidencePolicy defaults;
    private final MasterKeys keys;
    private final String storeName;
    private final SecureRandom random = new SecureRandom();
    private final Clock clock = Clock.systemUTC();
    private final Map<String, EvidenceStore> stores = new ConcurrentHashMap<>();
    private final MasterKeyCustody keyCustody;

    @Activate
    public EvidenceRoom(@Reference Database database, @Reference Agencies agencies, BundleContext context, EvidenceConfiguration config) {
        this.records = new EvidenceRecords(database);
        this.prepared = new PreparedRecords(database);
        this.agencies = agencies;
        this.defaults = EvidencePolicy.defaults(config);
        this.storeName = config.store().strip();
        Path keyFile = keyFile(context, config.masterKeyFile());
        MasterKeySource.Loaded loaded = MasterKeySource.load(context::getProperty, System::getenv, keyFile,
                () -> !records.holdsWrappedKeys(), random);
        this.keys = loaded.keys();
        if (loaded.generated()) {
            LOG.warn("Generated the evidence master key file {}. Back it up apart from the data folder: without it no evidence "
                    + "can be read. Every node of a cluster needs the same keys (this file, or {}).", keyFile, MasterKeySource.VARIABLE);
        } else if (loaded.source().equals(keyFile.toString()) && MasterKeySource.readableByOthers(keyFile)) {
            LOG.warn("The evidence master key file {} is readable by other users; make it readable by the server's user only", keyFile);
        }
        LOG.info("Evidence master keys from {}: {} wraps new files, {} in all", loaded.source(), keys.currentId(), keys.ids().size());
        this.keyCustody = new MasterKeyCustody(records, keys);
        keyCustody.checkKeys();
    }

    /** For tests: the room without OSGi, with its keys and store name given. */
    EvidenceRoom(Database database, Agencies agencies, EvidencePolicy defaults, MasterKeys keys, String storeName) {
        this.records = new EvidenceRecords(database);
        this.prepared = new PreparedRecords(database);
        this.agencies = agencies;
        this.defaults = defaults;
        this.keys = keys;
        this.storeName = storeName;
        this.keyCustody = new MasterKeyCustody(records, keys);
    }

    static Path keyFile(BundleContext context, String configured) {
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured.strip());
        }
        String home = context.getProperty("porchlight.home");
        return (home == null || home.isBlank() ? Path.of(".") : Path.of(home)).resolve("etc").resolve("evidence-master.key");
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    void addStore(EvidenceStore store, Map<String, Object> properties) {
        Object name = properties.get(EvidenceStore.NAME);
        if (name == null || stores.putIfAbsent(name.toString(), store) != null) {
            LOG.error("Ignoring evidence store service {}: it needs a unique {} property", properties.get("service.id"), EvidenceStore.NAME);
        }
    }

    void removeStore(EvidenceStore store) {
        stores.values().remove(store);
    }

    // --- intake ------------------------------------------------------------------------------

    @Override
    public EvidenceItem receive(Submission submission, InputStream content, long declaredLength) {
        return store(submission, null, content, declaredLength);
    }

    @Override
    public EvidenceItem prepare(Submission submission, String holder, InputStream content, long declaredLength) {
        String heldFor = SubmittedText.person("holder", Objects.requireNonNull(holder, "holder"));
        return store(submission, heldFor, content, declaredLength);
    }

    /** Receives one file: shared on receipt without a holder, prepared for the holder otherwise. */
    private EvidenceItem store(Submission submission, String holder, InputStream content, long declaredLength) {
        Objects.requireNonNull(submission, "submission");
        Objects.requireNonNull(content, "content");
        AgencyProfile agency = agencies.find(submission.agency())
                .orElseThrow(() -> new IllegalArgumentException("there is no agency " + submission.agency()));
        String code = agency.code();
        String caseNumber = SubmittedText.caseNumber(submission.caseNumber());
        String submittedBy = SubmittedText.person("submittedBy", submission.submittedBy());
        EvidencePolicy policy = EvidencePolicy.of(agency, defaults);
        String type = EvidencePolicy.mediaType(submission.contentType());
        policy.checkType(code, submission.contentType(), type);
        policy.checkDeclaredSize(code, declaredLength);
        String name = storeName;
        EvidenceStore store = stores.get(name);
        if (store == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The evidence store is not running; try again later.");
        }

        UUID id = UUID.randomUUID();
        String blob = id.toString();
        records.beginUpload(blob, name, clock.instant());
        UploadMeter meter = new UploadMeter(content, policy.maxBytes());
        byte[] fileKey = SegmentedGcm.newKey(random);
        boolean recorded = false;
        boolean someoneElses = false; // a blob the store refused to overwrite is not ours to remove
        try {
            try (InputStream sealed = SegmentedGcm.encrypting(meter, fileKey, random)) {
                store.write(blob, sealed);
            } catch (FileAlreadyExistsException e) {
                someoneElses = true;
                throw failedUpload(e, meter, policy, code, name);
            } catch (IOException | RuntimeException e) {
                throw failedUpload(e, meter, policy, code, name);
            }
            if (declaredLength >= 0 && meter.count() != declaredLength) {
                throw new ProblemException(INCOMPLETE, "The upload had " + meter.count() + " bytes, not the " + declaredLength
                        + " announced; nothing of it was kept.");
            }
            Instant received = clock.instant().truncatedTo(ChronoUnit.MICROS);
            EvidenceItem item = new EvidenceItem(id, code, caseNumber, submission.request(), submission.response(), submittedBy,
                    SubmittedText.fileName(submission.fileName()), type, meter.count(), meter.sha256(), received);
            records.insert(new StoredItem(item, name, keys.wrap(fileKey, id), null),
                    "sha256=" + item.sha256() + " size=" + item.size() + " type=" + type + " store=" + name, requestId(), holder);
            recorded = true;
            LOG.info("Evidence {} {} for {}: {} bytes", id, holder == null ? "received" : "prepared", code, item.size());
            return item;
        } finally {
            Arrays.fill(fileKey, (byte) 0);
            if (someoneElses) {
                records.endUpload(blob);
            } else if (!recorded) {
                discard(store, name, blob);
            }
        }
    }

    private static ProblemException failedUpload(Exception e, UploadMeter meter, EvidencePolicy policy, String agency, String store) {
        if (meter.overLimit()) {
            return policy.tooLargeWhileReading(agency);
        }
        if (meter.sourceFailure() != null) {
            ProblemException problem = new ProblemException(INCOMPLETE, "The upload broke off after " + meter.count()
                    + " bytes; nothing of it was kept.");
            problem.initCause(meter.sourceFailure()); // e.g. the REST core's own body limit, for the caller to map
            return problem;
        }
        LOG.error("The evidence store {} failed to write a file for {}", store, agency, e);
        return new ProblemException(ProblemType.UNAVAILABLE, "The evidence store could not take the file; nothing of it was kept. "
                + "Try again later.");
    }

    /** Removes what a failed upload may have left; what cannot be removed now the retention job removes later. */
    private void discard(EvidenceStore store, String storeName, String blob) {
        try {
            store.delete(blob);
            records.endUpload(blob);
        } catch (IOException | RuntimeException e) {
            LOG.warn("Could not remove the blob of a failed upload from store {} yet ({}); the retention job tries again", storeName,
                    e.toString());
        }
    }

    @Override
    public List<EvidenceItem> itemsFor(String agency, UUID request) {
        return records.byRequest(agency.toUpperCase(Locale.ROOT), Objects.requireNonNull(request, "request"), 10_000).stream()
                .filter(stored -> !stored.purged()).map(StoredItem::item).toList();
    }

    @Override
    public List<EvidenceItem> prepared(String agency, String holder) {
        return prepared.prepared(agency.toUpperCase(Locale.ROOT), holder).stream().map(StoredItem::item).toList();
    }

    @Override
    public List<SharedEvidence> share(Connection transaction, String agency, String holder, Collection<UUID> items, String actor)
            throws SQLException {
        return prepared.share(transaction, agency.toUpperCase(Locale.ROOT), holder, items, SubmittedText.person("actor", actor),
                requestId(), clock.instant());
    }

    @Override
    public int discard(String agency, String holder, Collection<UUID> items) {
        return removeBlobs(prepared.discard(agency.toUpperCase(Locale.ROOT), holder, items, clock.instant()));
    }

    @Override
    public List<SharedEvidence> shared(String agency, String holder) {
        return prepared.shared(agency.toUpperCase(Locale.ROOT), holder);
    }

    /** Deletes prepared files nobody shared within {@code age} of receipt; returns how many. */
    int discardUnshared(Duration age, int limit) {
        return removeBlobs(prepared.discardUnsharedBefore(clock.instant().minus(age), limit, clock.instant()));
    }

    /** Removes the bytes of deleted prepared files; a blob that cannot be removed now is swept as an abandoned upload. */
    private int removeBlobs(List<PreparedRecords.Blob> blobs) {
        for (PreparedRecords.Blob blob : blobs) {
            EvidenceStore store = stores.get(blob.store());
            if (store != null) {
                discard(store, blob.store(), blob.blob());
            }
        }
        return blobs.size();
    }

    // --- reading -----------------------------------------------------------------------------

    public List<StoredItem> byCase(String agency, String caseNumber) {
        return records.byCase(agency.toUpperCase(Locale.ROOT), caseNumber, LIST_LIMIT);
    }

    public List<StoredItem> byRequest(String agency, UUID request) {
        return records.byRequest(agency.toUpperCase(Locale.ROOT), request, LIST_LIMIT);
    }

    public Optional<StoredItem> find(String agency, UUID id) {
        return records.find(agency.toUpperCase(Locale.ROOT), id);
    }

    public List<CustodyEvent> custody(StoredItem item) {
        return records.custody(item.id());
    }

    /** Whether the item's custody events form an unbroken chain. */
    public boolean custodyIntact(StoredItem item, List<CustodyEvent> events) {
        return CustodyEvent.intact(item.id(), events);
    }

    /** What a full read of an item found: its CRC-32 too, for a zip entry that is stored, not compressed. */
    public record Verification(long size, String sha256, long crc32) {
    }

    /**
     * Reads the whole item and checks it: every segment must authenticate and the content must
     * hash to the recorded SHA-256. A failure is recorded in its custody chain (by {@code actor})
     * and thrown as a problem; the content must then not be served.
     *
     * @throws ProblemException 410 if purged, 500 {@link #INTEGRITY} if it fails the check, 503 if
     *         its store or master key is not available here
     */
    public Verification verify(StoredItem item, String actor) {
        MessageDigest sha256 = sha256();
        CRC32 crc = new CRC32();
        long size = 0;
        try (InputStream in = open(item, actor)) {
            byte[] buffer = new byte[64 * 1024];
            for (int n; (n = in.read(buffer)) >= 0;) {
                sha256.update(buffer, 0, n);
                crc.update(buffer, 0, n);
                size += n;
            }
        } catch (IntegrityException e) {
            throw integrityFailure(item, actor, e.getMessage());
        } catch (NoSuchFileException e) {
            throw integrityFailure(item, actor, "the stored file is missing");
        } catch (IOException e) {
            LOG.error("Evidence {}: the evidence store {} could not be read", item.id(), item.store(), e);
            throw new ProblemException(ProblemType.UNAVAILABLE, "The evidence store could not be read; try again later.");
        }
        String hash = HexFormat.of().formatHex(sha256.digest());
        if (size != item.item().size() || !hash.equals(item.item().sha256())) {
            throw integrityFailure(item, actor, "the content is " + size + " bytes with SHA-256 " + hash + ", recorded "
                    + item.item().size() + " bytes with SHA-256 " + item.item().sha256());
        }
        return new Verification(size, hash, crc.getValue());
    }

    /**
     * The item's plaintext, decrypted as it is read; reading throws {@link IntegrityException}
     * where the stored content is not authentic. Call {@link #verify} first.
     */
    public InputStream open(StoredItem item, String actor) throws IOException {
        if (item.purged()) {
            throw new ProblemException(PURGED, "Evidence " + item.id() + " was purged on " + item.purgedAt()
                    + " at the end of its retention; its custody record remains.");
        }
        EvidenceStore store = stores.get(item.store());
        if (store == null) {
            throw new ProblemException(ProblemType.UNAVAILABLE, "The evidence store '" + item.store() + "' is not running; try again later.");
        }
        byte[] key;
        try {
            key = keys.unwrap(item.wrappedKey(), item.id());
        } catch (MasterKeys.UnknownKeyException e) {
            LOG.error("Evidence {}: {} on this node", item.id(), e.getMessage());
            throw new ProblemException(ProblemType.UNAVAILABLE, "The key for this evidence is not configured on this server.");
        }
        try {
            return SegmentedGcm.decrypting(store.read(item.blob()), key);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** Records an integrity failure and returns the problem to answer with. */
    public ProblemException integrityFailure(StoredItem item, String actor, String reason) {
        LOG.error("Evidence {} of {} failed its integrity check: {}", item.id(), item.item().agency(), reason);
        records.recordCustody(item.id(), Kind.INTEGRITY_FAILURE, actor, reason, requestId(), clock.instant());
        return new ProblemException(INTEGRITY, "Evidence " + item.id() + " is not what was stored (" + reason
                + "). It is not served; the failure is recorded in its chain of custody.");
    }

    /** Appends to the item's chain of custody. */
    public CustodyEvent record(StoredItem item, Kind kind, String actor, String detail) {
        return records.recordCustody(item.id(), kind, actor, detail, requestId(), clock.instant());
    }

    // --- for the retention job and the health check ----------------------------------------

    EvidenceRecords records() {
        return records;
    }

    Agencies agencies() {
        return agencies;
    }

    EvidencePolicy defaults() {
        return defaults;
    }

    EvidenceStore store(String name) {
        return stores.get(name);
    }

    String storeName() {
        return storeName;
    }

    /** The master keys' side of custody: which keys wrap what, and moving files to the current key. */
    MasterKeyCustody keyCustody() {
        return keyCustody;
    }

    Instant now() {
        return clock.instant();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The correlation id of the request being served, as the REST core put it in the logging context. */
    private static String requestId() {
        String id = MDC.get("requestId");
        return id == null || id.length() > 128 ? null : id;
    }
}
