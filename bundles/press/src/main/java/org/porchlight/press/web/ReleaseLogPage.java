package org.porchlight.press.web;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.press.PressProblems;
import org.porchlight.press.Release;
import org.porchlight.press.ReleaseLog;

/**
 * {@code /agencies/<code>/releases}: an agency's public release log, for anyone, newest first, each release with who
 * wrote it (vendors by name), who approved and published it and when, and the checks it passed. Not in the navigation:
 * the agency's transparency page links here.
 */
@Component(service = Page.class)
public class ReleaseLogPage implements Page {

    static final String PATH = "/agencies/*/releases";

    private final ReleaseLog log;
    private final Agencies agencies;

    @Activate
    public ReleaseLogPage(@Reference ReleaseLog log, @Reference Agencies agencies) {
        this.log = log;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "press.log.title", Set.of(PageInfo.PUBLIC), null, 40);
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw new ProblemException(PressProblems.NOT_FOUND, "No such page.");
        }
        String code = request.path().split("/")[2]; // /agencies/<code>/releases
        AgencyProfile agency = agencies.find(code).orElseThrow(() -> new ProblemException(PressProblems.NOT_FOUND,
                "No such agency."));
        List<Map<String, Object>> releases = new ArrayList<>();
        for (Release r : log.releases(agency.code())) {
            Map<String, Object> m = new HashMap<>();
            m.put("title", r.title());
            m.put("paragraphs", Paragraphs.of(r.text()));
            m.put("kind", r.kind().name());
            m.put("network", r.network() == null ? "" : r.network());
            m.put("version", r.version());
            m.put("authorRole", r.author().role());
            m.put("authorVendor", r.author().vendor() == null ? "" : r.author().vendor());
            m.put("contributors", r.contributors().stream().distinct().map(a -> Map.of("role", a.role(), "vendor",
                    a.vendor() == null ? "" : a.vendor())).toList());
            m.put("approvedBy", r.approvedBy() == null ? "" : r.approvedBy());
            m.put("approvedAt", r.approvedAt() == null ? "" : r.approvedAt().toString());
            m.put("publishedBy", r.publishedBy() == null ? "" : r.publishedBy());
            m.put("publishedAt", r.publishedAt().toString());
            m.put("checks", String.join(", ", r.checksPassed()));
            m.put("selfApproved", r.selfApproved());
            releases.add(m);
        }
        Map<String, Object> model = new HashMap<>();
        model.put("agencyName", agency.name());
        model.put("code", agency.code());
        model.put("zone", agency.zone().getId());
        model.put("releases", releases);
        return PageView.of("press-releases", model);
    }
}
