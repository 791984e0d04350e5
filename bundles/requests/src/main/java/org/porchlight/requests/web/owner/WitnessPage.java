package org.porchlight.requests.web.owner;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.regex.Pattern;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.requests.WitnessLinks;

/**
 * Where a witness holding an agency's submission link uploads footage ({@code /witness/<token>}, the token
 * the link API hands out once): no account, no navigation entry, the link is the key. Consent first, as
 * in the API ({@code /api/public/submissions/<token>}): an upload is prepared and the agency sees nothing of
 * it until the witness ticks it and shares; a prepared file can be removed (its slot comes back). A link
 * that is expired, revoked or unknown shows one page that says so (410), whichever it is.
 */
@Component(service = Page.class)
public class WitnessPage implements Page {

    /** Room for a multipart form's boundaries, part headers and fields besides the files. */
    static final long FORM_OVERHEAD = 64 * 1024;

    static final String PATH = "/witness";
    /** The tokens links carry: 32 random bytes, base64url (as {@code WitnessSubmissionResource} takes them). */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9_-]{43}");
    static final Set<String> DONE = Set.of("uploaded", "removed", "shared");
    private static final int GONE = 410;

    private final WitnessLinks links;
    private final Agencies agencies;

    @Activate
    public WitnessPage(@Reference WitnessLinks links, @Reference Agencies agencies) {
        this.links = links;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "requests.witness.title", Set.of(PageInfo.PUBLIC), null, 0);
    }

    @Override
    public PageView render(PageRequest request) {
        List<String> parts = OwnerViews.parts(request.subPath());
        if (parts.isEmpty()) {
            return PageView.of("witness-none", Map.of());
        }
        if (parts.size() == 1 && TOKEN.matcher(parts.get(0)).matches()) {
            return linkPage(request, parts.get(0), Map.of(), 200);
        }
        throw OwnerViews.notFound();
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        List<String> parts = OwnerViews.parts(request.subPath());
        if (parts.size() != 2 || !TOKEN.matcher(parts.get(0)).matches()) {
            throw OwnerViews.notFound();
        }
        String token = parts.get(0);
        try {
            return Optional.of(switch (parts.get(1)) {
                case "files" -> upload(request, token);
                case "remove" -> remove(request, token);
                case "share" -> share(request, token);
                default -> throw OwnerViews.notFound();
            });
        } catch (ProblemException e) {
            if (e.problem().status() == GONE) {
                return Optional.of(closed());
            }
            throw e;
        }
    }

    /**
     * Files only to {@code /witness/<token>/files} of an open link (404 or 410 otherwise), at most as many
     * bytes as the files it still takes may have, checked before a byte of the body is read.
     */
    @Override
    public long uploadLimit(PageRequest request) {
        List<String> parts = OwnerViews.parts(request.subPath());
        if (parts.size() != 2 || !"files".equals(parts.get(1)) || !TOKEN.matcher(parts.get(0)).matches()) {
            return 0;
        }
        WitnessLinks.OpenLink link = links.describe(parts.get(0));
        return link.maxFileBytes() * Math.max(0, link.filesRemaining()) + FORM_OVERHEAD;
    }

    private PageView linkPage(PageRequest request, String token, Map<String, Object> extra, int status) {
        WitnessLinks.OpenLink link;
        try {
            link = links.describe(token);
        } catch (ProblemException e) {
            if (e.problem().status() == GONE) {
                return closed();
            }
            throw e;
        }
        Map<String, Object> model = new HashMap<>();
        model.put("token", token);
        model.put("agencyName", link.agencyName() == null ? link.agency() : link.agencyName());
        model.put("expiresAt", link.expiresAt().toString());
        model.put("zone", agencies.zone(link.agency()).getId());
        model.put("filesRemaining", link.filesRemaining());
        model.put("maxFileSize", OwnerViews.size(link.maxFileBytes(), request));
        model.put("prepared", links.prepared(token).stream().map(f -> OwnerViews.file(f, request)).toList());
        model.put("shared", OwnerViews.shared(links.shared(token), request));
        String done = request.parameter("done").filter(DONE::contains).orElse("");
        model.put("done", "POST".equals(request.method()) ? "" : done);
        model.putAll(extra);
        return PageView.of("witness", model).withStatus(status);
    }

    private static PageView closed() {
        return PageView.of("witness-closed", Map.of()).withStatus(GONE);
    }

    private PageView upload(PageRequest request, String token) {
        return FileForms.receive(request, "requests.witness.upload.none",
                        (name, type, size, content) -> links.submit(token, name, type, size, content))
                .map(refused -> linkPage(request, token, refused.model(), refused.status()))
                .orElseGet(() -> PageView.redirect(PATH + "/" + token + "?done=uploaded"));
    }

    private PageView remove(PageRequest request, String token) {
        Optional<UUID> file = FileForms.removed(request);
        if (file.isEmpty()) {
            return linkPage(request, token, FileForms.noFileNamed(request).model(), 400);
        }
        try {
            links.remove(token, file.get());
        } catch (ProblemException e) {
            if (!OwnerViews.theirs(e) && e.problem().status() != 404) {
                throw e;
            }
            return linkPage(request, token, Map.of("removeError", OwnerViews.problem(e, request)), e.problem().status());
        }
        return PageView.redirect(PATH + "/" + token + "?done=removed");
    }

    private PageView share(PageRequest request, String token) {
        FileForms.Chosen chosen = FileForms.chosen(request);
        if (chosen.refusal() != null) {
            return linkPage(request, token, chosen.refusal().model(), chosen.refusal().status());
        }
        List<UUID> files = chosen.files();
        try {
            links.share(token, files);
        } catch (ProblemException e) {
            if (!OwnerViews.theirs(e)) {
                throw e;
            }
            return linkPage(request, token, Map.of("shareError", OwnerViews.problem(e, request)), e.problem().status());
        }
        return PageView.redirect(PATH + "/" + token + "?done=shared");
    }

}
