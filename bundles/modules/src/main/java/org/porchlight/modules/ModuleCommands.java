package org.porchlight.modules;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Collectors;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.problem.ProblemException;

/**
 * The module manager in the Gogo shell: {@code porchlight:modules}, {@code
 * porchlight:installmodule <file>}, {@code porchlight:updatemodule <id> <file>}, {@code
 * porchlight:stopmodule|startmodule|uninstallmodule|rollback <id>}. The names differ from Felix's
 * {@code install}, {@code stop}, ...: with the same names, an unscoped {@code stop 0} would call
 * whichever Gogo found first. The same checks and audit as the admin API; the actor is the shell
 * (whoever has the server's console).
 */
@Component(service = ModuleCommands.class, property = {
        "osgi.command.scope=porchlight",
        "osgi.command.function=modules", "osgi.command.function=installmodule", "osgi.command.function=updatemodule",
        "osgi.command.function=stopmodule", "osgi.command.function=startmodule", "osgi.command.function=uninstallmodule",
        "osgi.command.function=rollback"})
public class ModuleCommands {

    private static final Actor SHELL = Actor.system("shell");

    private final ModuleManager modules;

    @Activate
    public ModuleCommands(@Reference ModuleManager modules) {
        this.modules = modules;
    }

    public String modules() {
        String header = String.format("%5s  %-8s  %-11s  %-45s  %-14s  %s%n", "id", "state", "provenance", "module", "version", "routes");
        return header + modules.list().stream()
                .map(m -> String.format("%5d  %-8s  %-11s  %-45s  %-14s  %d", m.id(), m.state(), m.provenance(), m.symbolicName(),
                        m.version(), m.routes().size()))
                .collect(Collectors.joining(System.lineSeparator()));
    }

    public String installmodule(String file) {
        return run(() -> modules.install(existing(file), ModuleManager.Source.SHELL, SHELL));
    }

    public String updatemodule(long id, String file) {
        return run(() -> modules.update(id, existing(file), ModuleManager.Source.SHELL, SHELL));
    }

    public String stopmodule(long id) {
        return run(() -> modules.stop(id, ModuleManager.Source.SHELL, SHELL));
    }

    public String startmodule(long id) {
        return run(() -> modules.start(id, ModuleManager.Source.SHELL, SHELL));
    }

    public String uninstallmodule(long id) {
        return run(() -> modules.uninstall(id, ModuleManager.Source.SHELL, SHELL));
    }

    public String rollback(long id) {
        return run(() -> modules.rollback(id, ModuleManager.Source.SHELL, SHELL));
    }

    private static Path existing(String file) {
        Path path = Path.of(file).toAbsolutePath();
        if (!Files.isRegularFile(path)) {
            throw ModuleManager.problem("no-such-file", "No such file", 400, "No file at " + path);
        }
        return path;
    }

    private static String run(java.util.function.Supplier<ModuleView> action) {
        try {
            ModuleView m = action.get();
            return m.symbolicName() + " " + m.version() + " (id " + m.id() + "): " + m.state()
                    + (m.problem() == null ? "" : " - " + m.problem());
        } catch (ProblemException e) {
            return "refused: " + e.getMessage();
        }
    }
}
