package org.porchlight.modules;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/**
 * An agency's own modules as its admin handles them, through the API ({@link AgencyModulesResource})
 * or the portal: only the modules the agency owns, only files signed by the key the platform trusts
 * for that agency. Any other module answers 404, as if it did not exist, so that one agency learns
 * nothing of another's.
 */
@Component(service = AgencyModules.class)
public class AgencyModules {

    private final ModuleManager modules;

    @Activate
    public AgencyModules(@Reference ModuleManager modules) {
        this.modules = modules;
    }

    /** The agency's own modules. */
    public List<ModuleView> list(String agency) {
        return modules.ownedBy(agency);
    }

    /** One of the agency's own modules; 404 for any other. */
    public ModuleView module(String agency, long id) {
        return modules.module(owned(agency, id));
    }

    /** Whether the platform trusts a key for this agency at all: without one, nothing can be uploaded. */
    public boolean keyTrusted(String agency) {
        String code = agency.toUpperCase(Locale.ROOT);
        try {
            return modules.trust().publishers().stream()
                    .anyMatch(p -> p.provenance() == Provenance.AGENCY && p.name().equals(code));
        } catch (IOException e) {
            return false; // unreadable now: the upload would be refused with the reason
        }
    }

    /** The largest module file accepted, in bytes. */
    public long maxUploadBytes() {
        return modules.maxUploadBytes();
    }

    /** Installs and starts a module signed by the agency's key (the caller deletes the file). */
    public ModuleView install(String agency, Path file, ModuleManager.Source source, Actor actor) {
        return modules.install(file, source, actor, code(agency));
    }

    /** Swaps the agency's module to the version in {@code file}, signed by the agency's key. */
    public ModuleView update(String agency, long id, Path file, ModuleManager.Source source, Actor actor) {
        return modules.update(owned(agency, id), file, source, actor, code(agency));
    }

    public ModuleView stop(String agency, long id, ModuleManager.Source source, Actor actor) {
        return modules.stop(owned(agency, id), source, actor);
    }

    public ModuleView start(String agency, long id, ModuleManager.Source source, Actor actor) {
        return modules.start(owned(agency, id), source, actor);
    }

    public ModuleView uninstall(String agency, long id, ModuleManager.Source source, Actor actor) {
        return modules.uninstall(owned(agency, id), source, actor);
    }

    /** The module's id if it is the agency's own; 404 for any other. */
    public long owned(String agency, long id) {
        if (modules.ownerAgency(id).filter(agency::equalsIgnoreCase).isEmpty()) {
            throw new ProblemException(ProblemType.NOT_FOUND, "The agency has no module " + id + ".");
        }
        return id;
    }

    private static String code(String agency) {
        return agency.toUpperCase(Locale.ROOT);
    }
}
