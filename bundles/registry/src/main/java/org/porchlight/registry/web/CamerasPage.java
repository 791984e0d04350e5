package org.porchlight.registry.web;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.registry.CameraKind;
import org.porchlight.api.security.Roles;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.ui.MapView;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageProblems;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.registry.Registration;
import org.porchlight.registry.RegistryPortal;

/**
 * A resident's "My cameras": their registrations with their state, a form to register one (a pin on the map or the
 * latitude and longitude typed), and pause, resume, confirm and delete, through the same registry calls as the API.
 */
@Component(service = Page.class)
public class CamerasPage implements Page {

    static final String PATH = "/cameras";
    private static final Set<String> ACTIONS = Set.of("pause", "resume", "confirm", "delete");
    private static final Set<String> DONE = Set.of("registered", "paused", "resumed", "confirmed", "deleted");

    private final RegistryPortal registry;
    private final Agencies agencies;

    @Activate
    public CamerasPage(@Reference RegistryPortal registry, @Reference Agencies agencies) {
        this.registry = registry;
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return new PageInfo(PATH, "registry.cameras.title", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 10);
    }

    @Override
    public PageView render(PageRequest request) {
        if (!request.subPath().isEmpty()) {
            throw PageSupport.notFound();
        }
        String done = request.parameter("done").filter(DONE::contains).orElse(null);
        return page(request, CameraForm.blank(), done, null);
    }

    @Override
    public Optional<PageView> submit(PageRequest request) {
        UUID owner = owner(request);
        String sub = request.subPath();
        if (sub.isEmpty()) {
            return Optional.of(register(request, owner));
        }
        String[] parts = sub.split("/");
        if (parts.length != 2 || !ACTIONS.contains(parts[1])) {
            throw PageSupport.notFound();
        }
        UUID id = uuid(parts[0]).orElseThrow(PageSupport::notFound);
        try {
            boolean found = switch (parts[1]) {
                case "pause" -> registry.setPaused(owner, id, true).isPresent();
                case "resume" -> registry.setPaused(owner, id, false).isPresent();
                case "confirm" -> registry.confirm(owner, id).isPresent();
                default -> registry.delete(owner, id);
            };
            if (!found) {
                throw PageSupport.notFound();
            }
        } catch (ProblemException e) {
            if (PageProblems.is(e, "too-many-active-registrations")) {
                return Optional.of(page(request, CameraForm.blank(), null, "registry.cameras.refused.cap")
                        .withStatus(e.problem().status()));
            }
            throw e;
        }
        String done = switch (parts[1]) {
            case "pause" -> "paused";
            case "resume" -> "resumed";
            case "confirm" -> "confirmed";
            default -> "deleted";
        };
        return Optional.of(PageView.redirect(PATH + "?done=" + done));
    }

    private PageView register(PageRequest request, UUID owner) {
        CameraForm form = CameraForm.read(request::parameter);
        Optional<RegistryPortal.CameraInput> input = form.input();
        if (input.isEmpty()) {
            return page(request, form, null, "registry.cameras.refused.fields").withStatus(422);
        }
        try {
            registry.register(owner, input.get());
        } catch (ProblemException e) {
            if (PageProblems.is(e, "too-many-active-registrations")) {
                return page(request, form, null, "registry.cameras.refused.cap").withStatus(e.problem().status());
            }
            if (e.problem().status() >= 400 && e.problem().status() < 500) {
                return page(request, form, null, "registry.cameras.refused.other").withStatus(e.problem().status());
            }
            throw e;
        }
        return PageView.redirect(PATH + "?done=registered");
    }

    private PageView page(PageRequest request, CameraForm form, String done, String refusal) {
        List<Registration> mine = registry.cameras(owner(request));
        List<Map<String, Object>> cameras = new ArrayList<>();
        MapView map = MapView.empty().placePin("latitude", "longitude");
        for (Registration r : mine) {
            cameras.add(camera(r));
            map.marker(r.location(), r.address());
        }
        List<Map<String, Object>> kinds = new ArrayList<>();
        for (CameraKind kind : CameraKind.values()) {
            kinds.add(Map.of("value", kind.name(), "label", "registry.kind." + kind.name(),
                    "selected", kind.name().equalsIgnoreCase(form.values.get("kind"))));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("cameras", cameras);
        model.put("form", Map.copyOf(form.values));
        model.put("errors", Map.copyOf(form.errors));
        model.put("kinds", kinds);
        model.put("map", map.json());
        model.put("done", done == null ? "" : done);
        model.put("refusal", refusal == null ? "" : refusal);
        return PageView.of("registry-cameras", model);
    }

    private Map<String, Object> camera(Registration r) {
        Instant now = Instant.now();
        String state;
        if (r.paused()) {
            state = "paused";
        } else if (!r.recording()) {
            state = "notRecording";
        } else if (!r.active()) {
            state = "lapsed";
        } else {
            state = "active";
        }
        Map<String, Object> camera = new HashMap<>();
        camera.put("id", r.id().toString());
        camera.put("address", r.address());
        camera.put("kind", "registry.kind." + r.kind().name());
        camera.put("cameraCount", r.cameraCount());
        camera.put("state", state);
        camera.put("paused", r.paused());
        camera.put("confirmedAt", PageSupport.iso(r.confirmedAt()));
        camera.put("confirmationDue", PageSupport.iso(r.confirmationDue()));
        camera.put("due", r.confirmationDue() != null && r.confirmationDue().isBefore(now.plusSeconds(30L * 86_400)));
        camera.put("agencies", String.join(", ", r.agencies()));
        camera.put("zone", agencies.zone(r.agencies().isEmpty() ? null : r.agencies().get(0)).getId());
        camera.put("location", coordinates(r.location()));
        return camera;
    }

    private static String coordinates(GeoPoint at) {
        return String.format(Locale.ROOT, "%.5f, %.5f", at.latitude(), at.longitude());
    }

    private static UUID owner(PageRequest request) {
        return request.caller().orElseThrow(PageSupport::notFound).account();
    }

    private static Optional<UUID> uuid(String text) {
        return PagePaths.uuid(text);
    }
}
