package org.porchlight.identity.web;

import static org.porchlight.identity.web.PortalForms.field;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageModel;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.identity.Account;
import org.porchlight.identity.AccountSecurity;
import org.porchlight.identity.Agency;
import org.porchlight.identity.Directory;

/**
 * An agency admin's staff list for their own agency, with each one's last sign-in: invite (the one-time
 * activation token is shown once, for the admin to hand over, as the API answers it), change a role,
 * disable an account and enable it again, give a pending account a new invitation (its token shown
 * once, as the first), through the workflows {@code /api/agencies/{agency}/staff} uses. Another
 * agency's staff are never found (404).
 */
@Component(service = Page.class)
public class StaffPage implements Page {

    static final PageInfo INFO = new PageInfo("/agency/staff", "identity.staff.title", Set.of(Roles.AGENCY_ADMIN),
            PageInfo.GROUP_ADMIN, 20);

    /** The roles an agency admin gives, in the order the selects list them. */
    static final List<String> STAFF_ROLES = List.of(Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN);

    private final Directory directory;
    private final AccountSecurity security;

    @Activate
    public StaffPage(@Reference Directory directory, @Reference AccountSecurity security) {
        this.directory = directory;
        this.security = security;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PortalForms.notFound();
        }
        String notice = request.parameter("changed").isPresent() ? request.text("identity.staff.changed")
                : request.parameter("disabled").isPresent() ? request.text("identity.staff.disabledNotice")
                : request.parameter("enabled").isPresent() ? request.text("identity.staff.enabledNotice") : "";
        return page(request, PageModel.orEmpty("notice", notice));
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        String agency = agency(request);
        String[] path = request.subPath().split("/");
        if ("invite".equals(request.subPath())) {
            return Optional.of(invite(request, agency));
        }
        if (path.length == 2 && "role".equals(path[1])) {
            UUID id = PortalForms.id(path[0]);
            String role = field(request, "role");
            if (!STAFF_ROLES.contains(role)) {
                return Optional.of(page(request, PageModel.orEmpty("error", request.text("identity.staff.role.invalid")))
                        .withStatus(400));
            }
            if (!security.changeStaffRole(agency, id, role)) {
                throw PortalForms.notFound();
            }
            return Optional.of(PageView.redirect("/agency/staff?changed"));
        }
        if (path.length == 2 && "disable".equals(path[1])) {
            if (!security.disableStaff(agency, PortalForms.id(path[0]))) {
                throw PortalForms.notFound();
            }
            return Optional.of(PageView.redirect("/agency/staff?disabled"));
        }
        if (path.length == 2 && "enable".equals(path[1])) {
            try {
                if (!security.enableStaff(agency, PortalForms.id(path[0]))) {
                    throw PortalForms.notFound();
                }
            } catch (ProblemException e) {
                if (!AccountSecurity.NOT_DISABLED.uri().equals(e.problem().type())) {
                    throw e;
                }
                return Optional.of(page(request, PageModel.orEmpty("error", request.text("identity.staff.notDisabled")))
                        .withStatus(409));
            }
            return Optional.of(PageView.redirect("/agency/staff?enabled"));
        }
        if (path.length == 2 && "invitation".equals(path[1])) {
            return Optional.of(reissue(request, agency, PortalForms.id(path[0])));
        }
        throw PortalForms.notFound();
    }

    private PageView invite(PageRequest request, String agency) {
        String email = field(request, "email");
        String displayName = field(request, "displayName");
        String role = field(request, "role");
        Map<String, String> errors = new LinkedHashMap<>();
        if (!PortalForms.isEmail(email)) {
            errors.put("email", request.text("identity.email.invalid"));
        }
        if (displayName.isEmpty() || displayName.length() > 200) {
            errors.put("displayName", request.text("identity.displayName.invalid"));
        }
        if (!STAFF_ROLES.contains(role)) {
            errors.put("role", request.text("identity.staff.role.invalid"));
        }
        if (!errors.isEmpty()) {
            return page(request, PageModel.orEmpty("errors", errors, "email", email, "displayName", displayName, "inviteRole",
                    role)).withStatus(400);
        }
        return invited(request, directory.invite(role, agency, email, displayName));
    }

    private PageView reissue(PageRequest request, String agency, UUID id) {
        Directory.Invitation invitation;
        try {
            invitation = security.reissueInvitation(agency, id, directory).orElseThrow(PortalForms::notFound);
        } catch (ProblemException e) {
            if (!AccountSecurity.NOT_PENDING.uri().equals(e.problem().type())) {
                throw e;
            }
            return page(request, PageModel.orEmpty("error", request.text("identity.staff.notPending"))).withStatus(409);
        }
        return invited(request, invitation);
    }

    /** The answer that shows an activation token, this once, never in a URL. */
    private PageView invited(PageRequest request, Directory.Invitation invitation) {
        return page(request, PageModel.orEmpty("invited", PageModel.orEmpty("email", invitation.account().email(),
                "displayName", invitation.account().displayName(), "token", invitation.activationToken(),
                "expires", PortalForms.iso(invitation.expiresAt()))));
    }

    private PageView page(PageRequest request, Map<String, Object> extra) {
        String code = agency(request);
        Agency agency = directory.agency(code).orElseThrow(PortalForms::notFound);
        UUID me = request.caller().orElseThrow().account();
        List<Map<String, Object>> staff = new ArrayList<>();
        for (Account a : directory.staff(code)) {
            staff.add(PageModel.orEmpty("id", a.id().toString(), "displayName", a.displayName(), "email", a.email(),
                    "role", a.role(), "status", a.status(), "since", PortalForms.iso(a.createdAt()),
                    "active", !"DISABLED".equals(a.status()), "pending", "PENDING".equals(a.status()),
                    "lastSignIn", PortalForms.iso(a.lastSignInAt()), "me", a.id().equals(me)));
        }
        Map<String, Object> model = PageModel.orEmpty("agency", agency.name(), "zone", agency.timeZone(), "staff", staff,
                "roles", STAFF_ROLES, "errors", Map.of(), "email", "", "displayName", "", "inviteRole", Roles.OFFICER,
                "notice", "", "error", "");
        model.putAll(extra);
        return PageView.of("staff", model);
    }

    private static String agency(PageRequest request) {
        return request.caller().map(c -> c.agency()).filter(a -> a != null).orElseThrow(PortalForms::notFound);
    }
}
