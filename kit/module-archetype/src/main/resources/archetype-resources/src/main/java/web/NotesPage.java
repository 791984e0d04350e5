package ${package}.web;

import java.time.ZoneId;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.FormFields;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

import ${package}.NoteBook;

/**
 * The agency's notes in the web portal ({@code /${module}}): staff of the caller's own agency read them, officers
 * and supervisors add one through the form. The shell checks the role and the form's CSRF token before this code
 * runs; the same {@link NoteBook} as the REST resource keeps the rules.
 */
@Component(service = Page.class)
public class NotesPage implements Page {

    static final PageInfo INFO = new PageInfo("/${module}", "notes.title",
            Set.of(Roles.OFFICER, Roles.SUPERVISOR, Roles.AGENCY_ADMIN), PageInfo.GROUP_WORK, 90);
    /** Who may add a note, as over the API; the agency admin reads only. */
    static final Set<String> WRITERS = Set.of(Roles.OFFICER, Roles.SUPERVISOR);

    private final NoteBook notes;
    private final Agencies agencies;

    @Activate
    public NotesPage(@Reference NoteBook notes, @Reference Agencies agencies) {
        this.notes = notes;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such page.");
        }
        return view(request.caller().orElseThrow(), Map.of(), Map.of());
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(add(request.caller().orElseThrow(), request));
    }

    /** Adds the posted note and sends the browser back to the list (post/redirect/get), or shows the form again. */
    PageView add(Caller caller, PageRequest request) {
        if (!WRITERS.contains(caller.role())) {
            throw new ProblemException(ProblemType.FORBIDDEN, "Only officers and supervisors add notes.");
        }
        FormFields form = new FormFields(request, "notes.form.");
        String text = form.text("text", true, notes.maxLength());
        if (form.valid()) {
            try {
                notes.add(caller.agency(), caller.account(), text);
                return PageView.redirect(INFO.path());
            } catch (ProblemException refused) {
                form.refused("text", refused); // the operator lowered the limit a moment ago
            }
        }
        return view(caller, form.values(), form.messages()).withStatus(422);
    }

    /** The list of the caller's agency's notes, and the form (with what was typed and its errors) for those who add notes. */
    PageView view(Caller caller, Map<String, String> values, Map<String, String> errors) {
        ZoneId zone = agencies.zone(caller.agency());
        List<Map<String, Object>> list = notes.list(caller.agency()).stream()
                .map(n -> PageModel.of("text", n.text(), "createdAt", n.createdAt().toInstant().toString()))
                .toList();
        return PageView.of("notes", PageModel.of("path", INFO.path(), "notes", list, "zone", zone.getId(),
                "canAdd", WRITERS.contains(caller.role()), "maxLength", notes.maxLength(), "values", values, "errors", errors));
    }
}
