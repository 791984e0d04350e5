package org.porchlight.requests;

import java.io.InputStream;
import java.sql.Connection;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.evidence.Submission;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** The evidence intake as far as sharing goes: prepared files per holder, shared all or nothing. */
final class InMemoryIntake implements EvidenceIntake {
    private static final ProblemType NOT_PREPARED = ProblemType.named("file-not-prepared", "Not a prepared file", 409);

    final Map<UUID, EvidenceItem> items = new LinkedHashMap<>();
    final Map<UUID, String> holders = new LinkedHashMap<>();
    final Map<UUID, SharedEvidence> shared = new LinkedHashMap<>();
    private final Instant now;
    /** Whether {@link #discard} fails, as when the store holding the bytes cannot be reached. */
    boolean failDiscards;

    InMemoryIntake(Instant now) {
        this.now = now;
    }

    @Override
    public EvidenceItem receive(Submission submission, InputStream content, long declaredLength) {
        throw new AssertionError("owners' uploads are prepared, never received as shared");
    }

    @Override
    public EvidenceItem prepare(Submission submission, String holder, InputStream content, long declaredLength) {
        EvidenceItem item = new EvidenceItem(UUID.randomUUID(), submission.agency(), submission.caseNumber(), submission.request(),
                submission.response(), submission.submittedBy(), submission.fileName(), submission.contentType(), declaredLength,
                "0".repeat(64), now);
        items.put(item.id(), item);
        holders.put(item.id(), holder);
        return item;
    }

    @Override
    public List<EvidenceItem> itemsFor(String agency, UUID request) {
        return shared.values().stream().map(SharedEvidence::item).toList();
    }

    @Override
    public List<EvidenceItem> prepared(String agency, String holder) {
        return items.values().stream().filter(i -> holder.equals(holders.get(i.id())) && !shared.containsKey(i.id())).toList();
    }

    @Override
    public List<SharedEvidence> share(Connection transaction, String agency, String holder, Collection<UUID> ids, String actor) {
        List<UUID> preparedIds = prepared(agency, holder).stream().map(EvidenceItem::id).toList();
        if (!preparedIds.containsAll(ids)) {
            throw new ProblemException(NOT_PREPARED, "not prepared");
        }
        List<SharedEvidence> done = new ArrayList<>();
        for (UUID id : ids) {
            SharedEvidence s = new SharedEvidence(items.get(id), now, actor, 2, "h");
            shared.put(id, s);
            done.add(s);
        }
        return done;
    }

    @Override
    public int discard(String agency, String holder, Collection<UUID> ids) {
        if (failDiscards) {
            throw new IllegalStateException("the evidence store cannot be reached");
        }
        List<UUID> gone = prepared(agency, holder).stream().map(EvidenceItem::id).filter(id -> ids == null || ids.contains(id)).toList();
        gone.forEach(items::remove);
        return gone.size();
    }

    @Override
    public List<SharedEvidence> shared(String agency, String holder) {
        return shared.values().stream().filter(s -> holder.equals(holders.get(s.item().id()))).toList();
    }

    List<UUID> sharedIds() {
        return List.copyOf(shared.keySet());
    }
}
