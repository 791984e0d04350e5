package org.porchlight.requests;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.evidence.EvidenceIntake;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.store.Database;
import org.porchlight.requests.store.DeliveryRows;
import org.porchlight.requests.store.DeliveryRows.Delivery;

/**
 * The footage requests a resident was sent as their personal data: each with their answer, the
 * files they shared (as the custody chain records the share) and those they prepared. When the
 * resident deletes their account, prepared files are discarded with their bytes, unanswered
 * requests go, and answers stay for the agency's figures and custody under the per-agency
 * pseudonym, without the name, address or reason the resident gave.
 */
@Component(property = PersonalDataHolder.SECTION + "=" + RequestData.SECTION)
public class RequestData implements PersonalDataHolder {

    static final String SECTION = "requests";
    /** More requests than one resident is ever sent; the export reads them all. */
    private static final int ALL = 100_000;

    private final Database database;
    private final DeliveryRows rows;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    volatile EvidenceIntake evidence;

    @Activate
    public RequestData(@Reference Database database, @Reference JsonCodec json) {
        this.database = database;
        this.rows = new DeliveryRows(json);
    }

    @Override
    public List<String> unavailable() {
        return evidence == null ? List.of("evidence") : List.of();
    }

    @Override
    public Object export(UUID account) {
        EvidenceIntake intake = ShareWorkflow.available(evidence);
        List<Map<String, Object>> requests = new ArrayList<>();
        for (Delivery d : database.withConnection(c -> rows.byOwner(c, account, ALL))) {
            Map<String, Object> request = new LinkedHashMap<>();
            request.put("id", d.id());
            request.put("agency", d.agency());
            request.put("caseNumber", d.caseNumber());
            request.put("incidentType", d.incidentType());
            request.put("incidentDetail", d.incidentDetail());
            request.put("windowStart", d.windowStart());
            request.put("windowEnd", d.windowEnd());
            request.put("area", d.area());
            request.put("message", d.message());
            request.put("expiresAt", d.expiresAt());
            request.put("requestState", d.requestState());
            request.put("answer", d.status());
            request.put("answeredAt", d.answeredAt());
            request.put("declineReason", d.declineReason());
            request.put("revealedName", d.revealedName());
            request.put("revealedEmail", d.revealedEmail());
            request.put("shared", intake.shared(d.agency(), d.holder()));
            request.put("prepared", intake.prepared(d.agency(), d.holder()));
            requests.add(request);
        }
        return requests;
    }

    /**
     * Prepared files first, through the evidence module (in its own transactions, one per delivery: the
     * SDK has no call for many holders, and none that joins this module's transaction), then this module's
     * rows in one transaction. A failure in between leaves the requests as they were and some prepared
     * files gone; the repeated erasure finds those gone and finishes.
     */
    @Override
    public Erasure erase(UUID account) {
        EvidenceIntake intake = ShareWorkflow.available(evidence);
        long discarded = 0;
        for (Delivery d : database.withConnection(c -> rows.byOwner(c, account, ALL))) {
            discarded += intake.discard(d.agency(), d.holder(), null); // prepared files only; shared ones stay in custody
        }
        long[] forgotten = database.inTransaction(c -> rows.forget(c, account));
        return new Erasure(discarded + forgotten[0], forgotten[1]);
    }
}
