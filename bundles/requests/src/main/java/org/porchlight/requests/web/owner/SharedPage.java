package org.porchlight.requests.web.owner;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.requests.DeliveryStatus;
import org.porchlight.requests.OwnerAnswers;
import org.porchlight.requests.OwnerAnswers.AskedRequest;
import org.porchlight.requests.ShareWorkflow;

/**
 * Everything a resident shared ({@code /shared}), per request, newest request first: each file with its
 * custody record (when it was shared, the SHA-256 the agency holds, the {@code SHARED} event's sequence and
 * hash) and the pseudonym the agency knows them by. Read from {@link ShareWorkflow#shared} as the API's
 * {@code /api/me/requests/<id>/shared} is.
 */
@Component(service = Page.class)
public class SharedPage implements Page {

    static final String PATH = "/shared";
    /** How many of the resident's most recent requests the page looks through. */
    private static final int REQUESTS = 200;

    private final OwnerAnswers answers;
    private final ShareWorkflow shares;
    private final Agencies agencies;

    @Activate
    public SharedPage(@Reference OwnerAnswers answers, @Reference ShareWorkflow shares, @Reference Agencies agencies) {
        this.answers = answers;
        this.shares = shares;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "requests.owner.shared.title", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 21);
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw OwnerViews.notFound();
        }
        UUID owner = request.caller().orElseThrow().account();
        Instant now = Instant.now();
        Map<String, String> zones = new HashMap<>();
        List<Map<String, Object>> groups = new ArrayList<>();
        for (AskedRequest r : answers.asked(owner, REQUESTS)) {
            if (r.answer() != DeliveryStatus.SHARED) {
                continue; // only a shared answer has files with the agency
            }
            List<SharedEvidence> shared = shares.shared(owner, r.id());
            String zone = zones.computeIfAbsent(r.agency(), a -> agencies.zone(a).getId());
            Map<String, Object> group = new HashMap<>();
            group.put("r", OwnerViews.request(r, zone, now, request));
            group.put("files", OwnerViews.shared(shared, request));
            group.put("pseudonym", OwnerViews.pseudonym(shared));
            groups.add(group);
        }
        return PageView.of("owner-shared", Map.of("groups", groups));
    }
}
