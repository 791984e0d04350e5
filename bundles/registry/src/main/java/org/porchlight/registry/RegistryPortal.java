package org.porchlight.registry;

import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.geo.Area;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.registry.CameraKind;

/**
 * What the portal's pages ({@code org.porchlight.registry.web}) may do with the registry: the same calls the REST
 * resources make, with the same scoping. A resident reaches only their own registrations; staff only their own
 * agency's counts and import sources. It adds no rule of its own.
 */
@Component(service = RegistryPortal.class)
public class RegistryPortal {

    /**
     * What an owner fills in on the portal's form; the agencies that may ask are those whose jurisdiction contains the
     * camera (as when the API's {@code agencies} is left out).
     */
    public record CameraInput(GeoPoint location, String address, CameraKind kind, int cameraCount, Integer bearing,
            Integer viewAngle, boolean recording, int retentionDays, boolean contactOk, boolean exactLocationOk,
            boolean paused) {
    }

    private final Registry registry;
    private final RegistrySync sync;

    @Activate
    public RegistryPortal(@Reference Registry registry, @Reference RegistrySync sync) {
        this.registry = registry;
        this.sync = sync;
    }

    /** The owner's registrations, oldest first. */
    public List<Registration> cameras(UUID owner) {
        return registry.registrations().list(owner);
    }

    /** Registers a camera; 409 {@code too-many-active-registrations} when it would exceed the cap. */
    public Registration register(UUID owner, CameraInput input) {
        return registry.registrations().create(owner, new Registrations.Details(input.location(), input.address().strip(),
                input.kind(), input.cameraCount(), input.bearing(), input.viewAngle(), input.recording(), input.retentionDays(),
                input.contactOk(), input.exactLocationOk(), input.paused(), registry.allowedAgencies(input.location(), null)));
    }

    /**
     * Pauses or resumes one of the owner's registrations, keeping everything else as it is (what the API's {@code PUT}
     * with {@code paused} changed does); empty if the owner has no such registration. Resuming may meet the cap.
     */
    public Optional<Registration> setPaused(UUID owner, UUID id, boolean paused) {
        return registry.registrations().find(owner, id).flatMap(r -> registry.registrations().update(owner, id,
                new Registrations.Details(r.location(), r.address(), r.kind(), r.cameraCount(), r.bearing(), r.viewAngle(),
                        r.recording(), r.retentionDays(), r.contactOk(), r.exactLocationOk(), paused, r.agencies())));
    }

    /** Confirms one of the owner's registrations for another period; empty if there is no such registration. */
    public Optional<Registration> confirm(UUID owner, UUID id) {
        return registry.registrations().confirm(owner, id);
    }

    /** Deletes one of the owner's registrations for good; false if there is no such registration. */
    public boolean delete(UUID owner, UUID id) {
        return registry.registrations().delete(owner, id);
    }

    /** The agency's count of an area, with every rule of the REST API's count (cells, owners, allowance). */
    public CellCount count(String agency, Area area, UUID user) {
        return registry.agencyCount(agency, area, user);
    }

    /** The public density map of the box around {@code area} (e.g. a jurisdiction) at about {@code cellMeters}. */
    public Registry.DensityMap density(Area area, int cellMeters) {
        return registry.density(AreaGeometry.bounds(area), cellMeters);
    }

    /** The agency's registry sources, each with its latest run. */
    public List<ImportRuns.Source> sources(String agency) {
        var available = sync.available();
        return sync.runs().sources(agency.toUpperCase(Locale.ROOT), available::contains);
    }

    /** A source's latest runs, newest first; empty when the source is not the agency's. */
    public Optional<List<ImportRuns.Run>> runs(String agency, String source, int limit) {
        return ownedBy(agency, source) ? Optional.of(sync.runs().runs(source, limit)) : Optional.empty();
    }

    /** One run of the agency's source with its rejected rows from {@code offset}; empty when not the agency's. */
    public Optional<ImportRuns.Run> run(String agency, String source, UUID run, int offset, int limit) {
        return ownedBy(agency, source) ? sync.runs().run(source, run, offset, limit) : Optional.empty();
    }

    private boolean ownedBy(String agency, String source) {
        return agency != null && sync.runs().agencyOf(source).map(agency::equalsIgnoreCase).orElse(false);
    }
}
