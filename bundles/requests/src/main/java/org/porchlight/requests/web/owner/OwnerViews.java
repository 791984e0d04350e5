package org.porchlight.requests.web.owner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.geo.Polygon;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.requests.OwnerAnswers.AskedRequest;
import org.porchlight.requests.RequestState;

/** How the resident's pages show requests, files and what went wrong: the models their templates read. */
final class OwnerViews {

    static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;

    private OwnerViews() {
    }

    /** The pieces of a page's sub-path: {@code 42/share} is {@code [42, share]}. */
    static List<String> parts(String subPath) {
        return PagePaths.segments(subPath);
    }

    /** An id from the path; anything else is a page that does not exist. */
    static UUID id(String text) {
        return PagePaths.id(text);
    }

    static ProblemException notFound() {
        return new ProblemException(NOT_FOUND, "No such page.");
    }

    /** A request as the resident's list and page show it. */
    static Map<String, Object> request(AskedRequest r, String zone, Instant now, PageRequest page) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", r.id().toString());
        m.put("agency", r.agency());
        m.put("agencyName", r.agencyName() == null ? r.agency() : r.agencyName());
        m.put("caseNumber", r.caseNumber());
        m.put("incident", page.text("requests.owner.incident." + r.incidentType().name()));
        m.put("incidentDetail", r.incidentDetail() == null ? "" : r.incidentDetail());
        m.put("message", r.message() == null ? "" : r.message());
        m.put("windowStart", r.windowStart().toString());
        m.put("windowEnd", r.windowEnd().toString());
        m.put("expiresAt", r.expiresAt().toString());
        m.put("zone", zone);
        m.put("state", r.requestState().name());
        m.put("answer", r.answer().name());
        m.put("answeredAt", r.answeredAt() == null ? "" : r.answeredAt().toString());
        m.put("declineReason", r.declineReason() == null ? "" : r.declineReason());
        m.put("identityRevealed", r.identityRevealed());
        m.put("open", open(r, now));
        return m;
    }

    /** Whether the request still takes uploads and answers, as the workflow decides. */
    static boolean open(AskedRequest r, Instant now) {
        return r.requestState() == RequestState.ACTIVE && r.expiresAt().isAfter(now);
    }

    /** A prepared file. */
    static Map<String, Object> file(EvidenceItem item, PageRequest page) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", item.id().toString());
        m.put("name", item.fileName() == null ? item.id().toString() : item.fileName());
        m.put("type", item.contentType());
        m.put("size", size(item.size(), page));
        m.put("sha256", chunks(item.sha256()));
        m.put("receivedAt", item.receivedAt().toString());
        return m;
    }

    /** A shared file with its custody facts: when, as whom, and the SHARED event's sequence and hash. */
    static Map<String, Object> shared(SharedEvidence shared, PageRequest page) {
        Map<String, Object> m = file(shared.item(), page);
        m.put("sharedAt", shared.sharedAt() == null ? "" : shared.sharedAt().toString());
        m.put("sharedAs", shared.sharedBy() == null ? "" : shared.sharedBy());
        m.put("custodySequence", shared.custodySequence());
        m.put("custodyHash", chunks(shared.custodyHash()));
        return m;
    }

    static List<Map<String, Object>> shared(List<SharedEvidence> shared, PageRequest page) {
        List<Map<String, Object>> files = new ArrayList<>();
        for (SharedEvidence s : shared) {
            files.add(shared(s, page));
        }
        return files;
    }

    /** The pseudonym the files were shared as (the agency's name for the resident), or empty. */
    static String pseudonym(List<SharedEvidence> shared) {
        return shared.stream().map(SharedEvidence::sharedBy).filter(s -> s != null && !s.isBlank()).findFirst().orElse("");
    }

    /** A size people read: bytes, KB, MB or GB (powers of 1024). */
    static String size(long bytes, PageRequest page) {
        if (bytes < 1024) {
            return page.text("requests.owner.size.bytes", bytes);
        }
        String[] units = {"kb", "mb", "gb"};
        double value = bytes / 1024.0;
        int unit = 0;
        while (value >= 1024 && unit < units.length - 1) {
            value /= 1024;
            unit++;
        }
        return page.text("requests.owner.size." + units[unit], value);
    }

    /** A hash in pieces of 16, so that a page may break it between them. */
    static List<String> chunks(String hex) {
        List<String> parts = new ArrayList<>();
        for (int i = 0; hex != null && i < hex.length(); i += 16) {
            parts.add(hex.substring(i, Math.min(hex.length(), i + 16)));
        }
        return parts;
    }

    /** The map of the area the request covers, for a {@code data-map} attribute. */
    static String map(Area area, String label) {
        return MapView.empty().area(area, label).json();
    }

    /** The area in words, for everyone the map does not serve. */
    static String areaWords(Area area, PageRequest page) {
        if (area instanceof Circle c) {
            return page.text("requests.owner.area.circle", Math.round(c.radiusMeters()), point(c.center()));
        }
        if (area instanceof Polygon p) {
            List<String> corners = new ArrayList<>();
            for (GeoPoint v : p.vertices()) {
                corners.add(point(v));
            }
            return page.text("requests.owner.area.polygon", corners.size(), String.join("; ", corners));
        }
        return "";
    }

    static String point(GeoPoint p) {
        return String.format(Locale.ROOT, "%.5f, %.5f", p.latitude(), p.longitude());
    }

    /**
     * What to tell the resident about a problem the workflow reported for their action: the text for its type
     * in their language when there is one ({@code requests.owner.problem.<name>}), else the problem's detail.
     */
    static Map<String, Object> problem(ProblemException e, PageRequest page) {
        Optional<String> own = PageProblems.ownText(page, "requests.owner.problem.", e.problem());
        String detail = e.problem().detail() == null ? "" : e.problem().detail();
        Map<String, Object> m = new HashMap<>();
        m.put("text", own.orElseGet(() -> PageProblems.text(e.problem())));
        m.put("detail", own.isPresent() ? detail : "");
        return m;
    }

    /** Whether a problem is the resident's to fix (shown on the form) rather than the server's (an error page). */
    static boolean theirs(ProblemException e) {
        int status = e.problem().status();
        return status >= 400 && status < 500 && status != 404 && status != 403;
    }
}
