package org.porchlight.examples.noticeboard.web;

import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.Optional;

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
import org.porchlight.api.ui.PagePaths;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

import org.porchlight.examples.noticeboard.NoticeBoard;
import org.porchlight.examples.noticeboard.NoticeProblems;

/**
 * The staff's side of their agency's notice board ({@code /noticeboard}): what is on it now, a form to post a
 * notice, and a button to take one down ({@code /noticeboard/<id>/take-down}). The shell lets in the agency's
 * staff only and checks every form's CSRF token first; the caller's own agency is the only board they reach.
 */
@Component(service = Page.class)
public class NoticeboardPage implements Page {

    static final PageInfo INFO = new PageInfo("/noticeboard", "noticeboard.title", Roles.STAFF, PageInfo.GROUP_WORK, 90);
    private static final String TAKE_DOWN = "take-down";

    private final NoticeBoard board;
    private final Agencies agencies;

    @Activate
    public NoticeboardPage(@Reference NoticeBoard board, @Reference Agencies agencies) {
        this.board = board;
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
        Caller caller = request.caller().orElseThrow();
        List<String> path = PagePaths.segments(request.subPath());
        if (path.isEmpty()) {
            return Optional.of(post(caller, request));
        }
        if (path.size() == 2 && TAKE_DOWN.equals(path.get(1))) {
            board.takeDown(caller.agency(), PagePaths.id(path.get(0)));
            return Optional.of(PageView.redirect(INFO.path()));
        }
        return Optional.empty();
    }

    /** Posts the notice and sends the browser back to the board (post/redirect/get), or shows the form again with its errors. */
    PageView post(Caller caller, PageRequest request) {
        FormFields form = new FormFields(request, "noticeboard.form.");
        String title = form.text("title", true, NoticeBoard.TITLE_LENGTH);
        String body = form.text("body", true, board.maxLength());
        LocalDate until = form.date("until", false);
        if (form.valid()) {
            try {
                board.post(caller.agency(), caller.account(), title, body, until);
                return PageView.redirect(INFO.path());
            } catch (ProblemException refused) {
                // the last day passed (the agency's today, not the browser's), or the operator lowered the limit
                boolean ended = NoticeProblems.ENDED.uri().equals(refused.problem().type());
                form.refused(ended ? "until" : "body", refused);
            }
        }
        return view(caller, form.values(), form.messages()).withStatus(422);
    }

    /** The board as it is today, and the form with what was typed and its errors. */
    PageView view(Caller caller, Map<String, String> values, Map<String, String> errors) {
        String agency = caller.agency();
        return PageView.of("noticeboard", PageModel.of("agency", agency, "notices", NoticeModels.notices(board.current(agency)),
                "zone", agencies.zone(agency).getId(), "today", board.today(agency).toString(), "maxLength", board.maxLength(),
                "titleLength", NoticeBoard.TITLE_LENGTH, "values", values, "errors", errors));
    }
}
