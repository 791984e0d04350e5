package org.porchlight.requests.web.owner;

import java.time.Instant;
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
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.problem.ProblemException;
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
import org.porchlight.requests.ShareWorkflow.Decision;

/**
 * A resident's footage requests ({@code /inbox}): the requests addressed to them, newest first, and each
 * request's page ({@code /inbox/<id>}), where they upload footage (prepared: the agency sees nothing), review
 * and remove what they prepared, share exactly the files they tick, or answer that they have nothing or
 * decline; afterwards, what they shared with its custody record. The forms call {@link ShareWorkflow} as the
 * API does ({@code /api/me/requests}), with the same rules; a resident reaches only their own requests.
 */
@Component(service = Page.class)
public class InboxPage implements Page {

    static final String PATH = "/inbox";
    /** The most one upload form may carry (several files): the shell's own ceiling. */
    static final long UPLOAD_LIMIT = 4L * 1024 * 1024 * 1024;
    /** The notices a page shows after a form it sent, named in the redirect's query. */
    static final Set<String> DONE = Set.of("uploaded", "removed", "shared", "declined", "nothing");
    private static final int MAX_REASON = 500;

    private final OwnerAnswers answers;
    private final ShareWorkflow shares;
    private final Agencies agencies;

    @Activate
    public InboxPage(@Reference OwnerAnswers answers, @Reference ShareWorkflow shares, @Reference Agencies agencies) {
        this.answers = answers;
        this.shares = shares;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "requests.owner.inbox.title", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 20);
    }

    @Override
    public PageView render(PageRequest request) {
        List<String> parts = OwnerViews.parts(request.subPath());
        if (parts.isEmpty()) {
            return inbox(request);
        }
        if (parts.size() == 1) {
            return requestPage(request, OwnerViews.id(parts.get(0)), Map.of(), 200);
        }
        throw OwnerViews.notFound();
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        List<String> parts = OwnerViews.parts(request.subPath());
        if (parts.size() != 2) {
            throw OwnerViews.notFound();
        }
        UUID id = OwnerViews.id(parts.get(0));
        return Optional.of(switch (parts.get(1)) {
            case "files" -> upload(request, id);
            case "remove" -> remove(request, id);
            case "share" -> share(request, id);
            case "decline" -> answer(request, id, Decision.DECLINE);
            case "nothing" -> answer(request, id, Decision.NOTHING);
            default -> throw OwnerViews.notFound();
        });
    }

    /**
     * Files only to {@code /inbox/<id>/files} of a request addressed to this resident (404 otherwise), before a
     * byte is read; the evidence store's own limit applies to each file as it streams in from the spool.
     */
    @Override
    public long uploadLimit(PageRequest request) {
        List<String> parts = OwnerViews.parts(request.subPath());
        if (parts.size() != 2 || !"files".equals(parts.get(1))) {
            return 0;
        }
        answers.asked(owner(request), OwnerViews.id(parts.get(0)));
        return UPLOAD_LIMIT;
    }

    private PageView inbox(PageRequest request) {
        Instant now = Instant.now();
        Map<String, String> zones = new HashMap<>();
        List<Map<String, Object>> rows = new ArrayList<>();
        for (AskedRequest r : answers.asked(owner(request), 100)) {
            String zone = zones.computeIfAbsent(r.agency(), a -> agencies.zone(a).getId());
            rows.add(OwnerViews.request(r, zone, now, request));
        }
        return PageView.of("owner-inbox", Map.of("requests", rows));
    }

    /** The request's page, with {@code extra} (a form's errors and what was typed) and {@code status}. */
    private PageView requestPage(PageRequest request, UUID id, Map<String, Object> extra, int status) {
        UUID owner = owner(request);
        AskedRequest r = answers.asked(owner, id); // 404 unless it was addressed to this resident
        String zone = agencies.zone(r.agency()).getId();
        List<SharedEvidence> shared = r.answer() == DeliveryStatus.SHARED ? shares.shared(owner, id) : List.of();
        Map<String, Object> model = new HashMap<>();
        Map<String, Object> view = OwnerViews.request(r, zone, Instant.now(), request);
        model.put("r", view);
        model.put("map", OwnerViews.map(r.area(), request.text("requests.owner.request.mapArea")));
        model.put("areaWords", OwnerViews.areaWords(r.area(), request));
        model.put("prepared", r.prepared().stream().map(f -> OwnerViews.file(f, request)).toList());
        model.put("shared", OwnerViews.shared(shared, request));
        model.put("pseudonym", OwnerViews.pseudonym(shared));
        String done = request.parameter("done").filter(DONE::contains).orElse("");
        model.put("done", "GET".equals(request.method()) || "HEAD".equals(request.method()) ? done : "");
        model.put("reason", "");
        model.putAll(extra);
        return PageView.of("owner-request", model).withStatus(status);
    }

    private PageView upload(PageRequest request, UUID id) {
        UUID owner = owner(request);
        return FileForms.receive(request, "requests.owner.upload.none",
                        (name, type, size, content) -> shares.prepare(owner, id, name, type, size, content))
                .map(refused -> requestPage(request, id, refused.model(), refused.status()))
                .orElseGet(() -> PageView.redirect(PATH + "/" + id + "?done=uploaded"));
    }

    private PageView remove(PageRequest request, UUID id) {
        Optional<UUID> file = FileForms.removed(request);
        if (file.isEmpty()) {
            return requestPage(request, id, FileForms.noFileNamed(request).model(), 400);
        }
        try {
            shares.remove(owner(request), id, file.get());
        } catch (ProblemException e) {
            if (e.problem().status() >= 500) {
                throw e;
            }
            // the request page itself answers 404 when the request is not this resident's
            return requestPage(request, id, Map.of("removeError", OwnerViews.problem(e, request)), e.problem().status());
        }
        return PageView.redirect(PATH + "/" + id + "?done=removed");
    }

    private PageView share(PageRequest request, UUID id) {
        FileForms.Chosen chosen = FileForms.chosen(request);
        if (chosen.refusal() != null) {
            return requestPage(request, id, chosen.refusal().model(), chosen.refusal().status());
        }
        List<UUID> files = chosen.files();
        boolean reveal = request.parameter("reveal").isPresent();
        try {
            shares.answer(owner(request), id, Decision.SHARE, files, null, reveal);
        } catch (ProblemException e) {
            if (!OwnerViews.theirs(e)) {
                throw e;
            }
            return requestPage(request, id, Map.of("shareError", OwnerViews.problem(e, request)), e.problem().status());
        }
        return PageView.redirect(PATH + "/" + id + "?done=shared");
    }

    private PageView answer(PageRequest request, UUID id, Decision decision) {
        String reason = decision == Decision.DECLINE ? request.parameter("reason").map(String::trim).orElse("") : "";
        if (reason.length() > MAX_REASON) {
            return requestPage(request, id, Map.of("reasonError", FileForms.message(request, "requests.owner.decline.tooLong"),
                    "reason", reason), 422);
        }
        try {
            shares.answer(owner(request), id, decision, null, reason, false);
        } catch (ProblemException e) {
            if (!OwnerViews.theirs(e)) {
                throw e;
            }
            return requestPage(request, id, Map.of("answerError", OwnerViews.problem(e, request), "reason", reason),
                    e.problem().status());
        }
        return PageView.redirect(PATH + "/" + id + "?done=" + (decision == Decision.DECLINE ? "declined" : "nothing"));
    }

    private static UUID owner(PageRequest request) {
        return request.caller().orElseThrow().account();
    }
}
