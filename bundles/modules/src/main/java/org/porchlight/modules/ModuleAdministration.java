package org.porchlight.modules;

import java.nio.file.Path;
import java.time.Instant;
import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent.Actor;

/**
 * The module manager as the portal's admin pages call it: the same manager, rules and audit
 * entries as {@code /api/admin/modules} ({@link ModulesResource}), the changes recorded as coming
 * from the portal. A portal request is no REST request, so a change waits here until the module's
 * routes are served (as the shell's commands do), without the REST resource's early answer.
 */
@Component(service = ModuleAdministration.class)
public class ModuleAdministration {

    /**
     * A file the manager would not run.
     *
     * @param file   its name in {@code deploy/}, or null when it was uploaded
     * @param reason why it was refused
     * @param source api, shell, deploy-folder or portal
     * @param at     when
     */
    public record RefusedFile(String file, String reason, String source, Instant at) {
    }

    private final ModuleManager modules;

    @Activate
    public ModuleAdministration(@Reference ModuleManager modules) {
        this.modules = modules;
    }

    /** False only while the development setting accepts modules that no trusted key signed. */
    public boolean signaturesRequired() {
        return !modules.unsignedAllowed();
    }

    /** Every bundle of the runtime. */
    public List<ModuleView> list() {
        return modules.list();
    }

    /** The latest files refused, oldest first. */
    public List<RefusedFile> refused() {
        return modules.refusals().stream().map(r -> new RefusedFile(r.file(), r.reason(), r.source(), r.at())).toList();
    }

    /** The largest module file accepted, in bytes. */
    public long maxUploadBytes() {
        return modules.maxUploadBytes();
    }

    public ModuleView module(long id) {
        return modules.module(id);
    }

    /** Installs and starts the module in {@code file} (the caller deletes it). */
    public ModuleView install(Path file, Actor actor) {
        return modules.install(file, ModuleManager.Source.PORTAL, actor);
    }

    /** Swaps the module to the version in {@code file}; on failure the running version stays. */
    public ModuleView update(long id, Path file, Actor actor) {
        return modules.update(id, file, ModuleManager.Source.PORTAL, actor);
    }

    public ModuleView rollback(long id, Actor actor) {
        return modules.rollback(id, ModuleManager.Source.PORTAL, actor);
    }

    public ModuleView stop(long id, Actor actor) {
        return modules.stop(id, ModuleManager.Source.PORTAL, actor);
    }

    public ModuleView start(long id, Actor actor) {
        return modules.start(id, ModuleManager.Source.PORTAL, actor);
    }

    public ModuleView uninstall(long id, Actor actor) {
        return modules.uninstall(id, ModuleManager.Source.PORTAL, actor);
    }
}
