package org.porchlight.requests;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
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
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.registry.CameraRegistry;
import org.porchlight.api.requests.IncidentType;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.api.store.Database;
import org.porchlight.requests.store.DeliveryRows;
import org.porchlight.requests.store.DeliveryRows.Delivery;
import org.porchlight.requests.ShareWorkflow.Identity;

/**
 * What owners and agencies see of the answers: owners, the requests they were asked with their
 * prepared and shared files; the agency, pseudonyms, times and files of those who shared,
 * nothing about anyone else and nothing an owner has not confirmed. The answers themselves are
 * {@link ShareWorkflow}'s.
 */
@Component(service = OwnerAnswers.class)
public class OwnerAnswers {

    private final Database database;
    private final DeliveryRows rows;
    private final PseudonymService pseudonyms;
    private final CameraRegistry registry;
    private final RequestWorkflow workflow;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile EvidenceIntake evidence;

    @Activate
    public OwnerAnswers(@Reference Database database, @Reference JsonCodec json, @Reference PseudonymService pseudonyms,
            @Reference CameraRegistry registry, @Reference RequestWorkflow workflow) {
        this.database = database;
        this.rows = new DeliveryRows(json);
        this.pseudonyms = pseudonyms;
        this.registry = registry;
        this.workflow = workflow;
    }

    /**
     * A request as the owner asked sees it: never who else was asked. {@code files} are those the
     * owner shared (the agency holds them); {@code prepared} those uploaded and not yet shared,
     * which only the owner sees.
     */
    public record AskedRequest(UUID id, String agency, String agencyName, String caseNumber, IncidentType incidentType,
            String incidentDetail, Instant windowStart, Instant windowEnd, Area area, String message, Instant expiresAt,
            RequestState requestState, DeliveryStatus answer, Instant answeredAt, String declineReason, boolean identityRevealed,
            List<EvidenceItem> files, List<EvidenceItem> prepared) {
    }

    /** One owner's shared answer as the agency sees it. */
    public record SharedAnswer(UUID response, String pseudonym, Instant answeredAt, Identity revealed, List<GeoPoint> cameraLocations,
            List<EvidenceItem> items) {
    }

    public List<AskedRequest> asked(UUID owner, int limit) {
        List<Delivery> deliveries = database.withConnection(c -> rows.byOwner(c, owner, limit));
        Map<String, String> agencyNames = new HashMap<>(); // one lookup per agency, not per request
        return deliveries.stream().map(d -> asked(d, false, agencyNames.computeIfAbsent(d.agency(), a -> workflow.agency(a).name())))
                .toList();
    }

    public AskedRequest asked(UUID owner, UUID delivery) {
        Delivery d = database.withConnection(c -> rows.find(c, owner, delivery, false))
                .orElseThrow(RequestWorkflow::noSuchRequest);
        return asked(d, true, workflow.agency(d.agency()).name());
    }

    /** The answers that shared files, for the agency; owners who did not share appear only in the counts. */
    public List<SharedAnswer> shared(String agencyCode, UUID request) {
        String agency = workflow.agency(agencyCode).code();
        workflow.view(agency, request); // 404 unless the request is the agency's
        List<Delivery> deliveries = database.withConnection(c -> rows.shared(c, agency, request));
        Map<UUID, List<EvidenceItem>> items = new LinkedHashMap<>();
        EvidenceIntake intake = evidence;
        if (intake == null) {
            throw new ProblemException(ShareWorkflow.EVIDENCE_UNAVAILABLE,
                    "Evidence cannot be listed right now; try again shortly.");
        }
        for (EvidenceItem item : intake.itemsFor(agency, request)) { // shared items only
            items.computeIfAbsent(item.response(), r -> new ArrayList<>()).add(item);
        }
        List<SharedAnswer> answers = new ArrayList<>();
        for (Delivery d : deliveries) {
            List<GeoPoint> locations = new ArrayList<>();
            for (String registration : d.registrations().split(",")) {
                registry.locationFor(UUID.fromString(registration), agency).ifPresent(locations::add);
            }
            Identity revealed = d.revealedEmail() == null ? null : new Identity(d.revealedName(), d.revealedEmail());
            answers.add(new SharedAnswer(d.id(), pseudonyms.pseudonym(d.owner(), agency).label(), d.answeredAt(), revealed, locations,
                    items.getOrDefault(d.id(), List.of())));
        }
        return answers;
    }

    private AskedRequest asked(Delivery d, boolean withFiles, String agencyName) {
        List<EvidenceItem> files = List.of();
        List<EvidenceItem> prepared = List.of();
        EvidenceIntake intake = evidence;
        if (withFiles && intake != null) {
            if (d.status() == DeliveryStatus.SHARED) {
                files = intake.itemsFor(d.agency(), d.request()).stream().filter(i -> d.id().equals(i.response())).toList();
            }
            prepared = intake.prepared(d.agency(), d.holder());
        }
        return new AskedRequest(d.id(), d.agency(), agencyName, d.caseNumber(), d.incidentType(), d.incidentDetail(), d.windowStart(),
                d.windowEnd(), d.area(), d.message(), d.expiresAt(), d.requestState(), d.status(), d.answeredAt(), d.declineReason(),
                d.revealedEmail() != null, files, prepared);
    }
}
