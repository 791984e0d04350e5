package org.porchlight.evidence.web;

import java.nio.charset.StandardCharsets;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.Download;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.evidence.EvidenceRoom;
import org.porchlight.evidence.HandOuts;
import org.porchlight.evidence.StoredItem;
import org.porchlight.evidence.rest.CustodyRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The agency's evidence in the portal, for its officers and supervisors as the evidence API allows:
 * the files shared for a footage request ({@code /evidence/requests/<id>}) or a case ({@code /evidence?case=}),
 * each downloadable and with its custody record as CSV. Downloads are forms (POST with the CSRF token),
 * so that no link elsewhere can make a staff member's browser write a custody entry; each is checked and
 * recorded in the file's chain of custody as the API's downloads are, and the shell audits every form.
 * Staff see their own agency's items only: another agency's request shows nothing and its items are 404.
 */
@Component(service = Page.class)
public class EvidencePage implements Page {

    static final String PATH = "/evidence";
    private static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;
    private static final Logger LOG = LoggerFactory.getLogger(EvidencePage.class);

    private final EvidenceRoom room;
    private final HandOuts handOuts;
    private final Agencies agencies;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile AuditLog audit;

    @Activate
    public EvidencePage(@Reference EvidenceRoom room, @Reference Agencies agencies) {
        this.room = room;
        this.handOuts = new HandOuts(room);
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "evidence.title", Set.of(Roles.OFFICER, Roles.SUPERVISOR), PageInfo.GROUP_WORK, 40);
    }

    @Override
    public PageView render(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        List<String> parts = parts(request.subPath());
        Map<String, Object> model = new HashMap<>();
        model.put("zone", zone(caller.agency()).getId());
        if (parts.isEmpty()) {
            String caseNumber = request.parameter("case").map(String::trim).orElse("");
            model.put("caseNumber", caseNumber);
            model.put("searched", !caseNumber.isEmpty());
            if (caseNumber.length() > 64) {
                model.put("caseError", "evidence.case.tooLong");
                model.put("items", List.of());
                return PageView.of("evidence", model).withStatus(400);
            }
            List<StoredItem> items = caseNumber.isEmpty() ? List.of() : room.byCase(caller.agency(), caseNumber);
            if (!caseNumber.isEmpty()) {
                record(caller, "case=" + caseNumber);
            }
            model.put("items", items(items));
            return PageView.of("evidence", model);
        }
        if (parts.size() == 2 && "requests".equals(parts.get(0))) {
            UUID requestId = uuid(parts.get(1));
            List<StoredItem> items = room.byRequest(caller.agency(), requestId);
            record(caller, "request=" + requestId);
            model.put("requestId", requestId.toString());
            model.put("items", items(items));
            return PageView.of("evidence-request", model);
        }
        throw notFound();
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        Caller caller = request.caller().orElseThrow();
        List<String> parts = parts(request.subPath());
        if (parts.size() != 3 || !"items".equals(parts.get(0))) {
            throw notFound();
        }
        StoredItem item = room.find(caller.agency(), uuid(parts.get(1))).orElseThrow(EvidencePage::notFound);
        String actor = "account:" + caller.account();
        return switch (parts.get(2)) {
            case "content" -> {
                HandOuts.Body body = handOuts.download(item, actor); // checked and recorded before anything is sent
                yield Optional.of(PageView.download(new Download(fileName(item), item.item().contentType(), item.item().size(),
                        body::writeTo)));
            }
            case "custody.csv" -> {
                byte[] csv = CustodyRecord.of(room, item).csv();
                yield Optional.of(PageView.download(new Download("custody-" + item.id() + ".csv", "text/csv; charset=UTF-8",
                        csv.length, out -> out.write(csv))));
            }
            default -> throw notFound();
        };
    }

    /** The file name a download is saved as: the sender's, or the item's id when it gave none. */
    static String fileName(StoredItem item) {
        String name = item.item().fileName();
        return name == null || name.isBlank() ? "evidence-" + item.id() : name;
    }

    private List<Map<String, Object>> items(List<StoredItem> items) {
        List<Map<String, Object>> rows = new ArrayList<>();
        for (StoredItem s : items) {
            var i = s.item();
            Map<String, Object> row = new HashMap<>();
            row.put("id", i.id().toString());
            row.put("name", fileName(s));
            row.put("type", i.contentType());
            row.put("size", i.size());
            row.put("sha256", chunks(i.sha256()));
            row.put("receivedAt", i.receivedAt().toString());
            row.put("submittedBy", i.submittedBy() == null ? "" : i.submittedBy());
            row.put("caseNumber", i.caseNumber() == null ? "" : i.caseNumber());
            row.put("request", i.request() == null ? "" : i.request().toString());
            row.put("purged", s.purged());
            row.put("purgedAt", s.purged() ? s.purgedAt().toString() : "");
            rows.add(row);
        }
        return rows;
    }

    /** A hash in pieces of 16, so that a page may break it between them. */
    static List<String> chunks(String hex) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; hex != null && i < hex.length(); i += 16) {
            parts.add(hex.substring(i, Math.min(hex.length(), i + 16)));
        }
        return parts;
    }

    private ZoneId zone(String agency) {
        return agencies.find(agency).map(AgencyProfile::timeZone).orElse(ZoneOffset.UTC);
    }

    /** Reads of evidence are recorded as the API records every call to it: items come from residents. */
    private void record(Caller caller, String target) {
        AuditLog log = audit;
        if (log == null) {
            LOG.warn("Portal evidence read ({}) not recorded: the audit log is not running", target);
            return;
        }
        try {
            log.append(new AuditEvent(AuditEvent.Actor.account(caller.account(), false), caller.agency(), "portal.page " + PATH,
                    target.getBytes(StandardCharsets.UTF_8).length > 200 ? target.substring(0, 100) : target, "200", null));
        } catch (RuntimeException e) {
            LOG.error("Portal evidence read ({}) could not be recorded in the audit log", target, e);
        }
    }

    static List<String> parts(String subPath) {
        return PagePaths.segments(subPath);
    }

    static UUID uuid(String text) {
        return PagePaths.id(text);
    }

    private static ProblemException notFound() {
        return new ProblemException(NOT_FOUND, "No such evidence.");
    }
}
