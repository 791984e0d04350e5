package org.porchlight.examples.noticeboard.web;

import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

import org.porchlight.examples.noticeboard.NoticeBoard;

/**
 * The public notice boards, for anyone, signed in or not: {@code /notices} lists the agencies, and
 * {@code /notices/<CODE>} shows what an agency has on its board today. Read only: no form, so a POST is a 405.
 */
@Component(service = Page.class)
public class PublicNoticesPage implements Page {

    static final PageInfo INFO = new PageInfo("/notices", "notices.title", Set.of(PageInfo.PUBLIC), PageInfo.GROUP_PUBLIC, 60);

    private final NoticeBoard board;
    private final Agencies agencies;

    @Activate
    public PublicNoticesPage(@Reference NoticeBoard board, @Reference Agencies agencies) {
        this.board = board;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        List<String> path = PagePaths.segments(request.subPath());
        if (path.isEmpty()) {
            List<Map<String, Object>> list = agencies.all().stream()
                    .map(a -> PageModel.of("code", a.code(), "name", a.name())).toList();
            return PageView.of("notices", PageModel.of("agencies", list));
        }
        if (path.size() > 1) {
            throw new ProblemException(ProblemType.NOT_FOUND, "No such page.");
        }
        return board(path.get(0));
    }

    /** The board of the agency whose code is {@code code}, or a 404. */
    PageView board(String code) {
        AgencyProfile agency = agencies.find(code)
                .orElseThrow(() -> new ProblemException(ProblemType.NOT_FOUND, "No such agency."));
        if (!agency.code().equals(code)) {
            return PageView.redirect(INFO.path() + "/" + agency.code()); // one board, one address: /notices/kcpd is /notices/KCPD
        }
        return PageView.of("agency-notices", PageModel.of("code", agency.code(), "name", agency.name(),
                "zone", agency.zone().getId(), "notices", NoticeModels.notices(board.current(agency.code()))));
    }
}
