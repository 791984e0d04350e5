package org.porchlight.modules;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;

import org.osgi.framework.Bundle;
import org.osgi.framework.BundleContext;
import org.osgi.framework.BundleException;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Modified;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.component.runtime.ServiceComponentRuntime;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.metrics.Metrics;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.modules.ModuleOwnership.Change;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one way modules come, change and go: the admin API, the shell and the deploy folder all
 * call this. Every file is checked before the framework sees it (a bundle, signed by a trusted
 * key unless the development setting allows otherwise); a failed install or update leaves the
 * previous version running and says why; every action is audited. One action at a time.
 *
 * <p>The deploy folder is the lasting state: what the API installs or updates is written there
 * as well, so that a restart runs the same modules; the version it replaced is kept under
 * {@code data/modules/<name>/} for a rollback.
 */
@Component(service = ModuleManager.class, configurationPid = ModulesConfiguration.PID)
@Designate(ocd = ModulesConfiguration.class)
public class ModuleManager {

    private static final Logger LOG = LoggerFactory.getLogger(ModuleManager.class);

    /** Where a request to change a module came from. */
    public enum Source { API, SHELL, DEPLOY_FOLDER, PORTAL }

    private static final Actor DEPLOY_FOLDER = Actor.system("deploy-folder");

    private final BundleContext context;
    private final ModuleRecords records;
    private final SwapGuard swaps;
    private final RunningFramework framework;
    private final ModuleChanges changes;
    private final Clock clock = Clock.systemUTC();
    private final ReentrantLock lock = new ReentrantLock();
    private final ModuleInventory inventory;
    private final DeployedFiles deployed;
    private final Path historyFolder;
    private final Path systemFolder;
    private volatile ModulesConfiguration configuration;
    private volatile TrustDecision trust;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile Metrics metrics;

    @Activate
    public ModuleManager(BundleContext context, @Reference AuditLog audit, @Reference ServiceComponentRuntime scr,
            @Reference SwapGuard swaps, ModulesConfiguration configuration) {
        this.context = context;
        this.records = new ModuleRecords(audit, () -> metrics, clock);
        this.swaps = swaps;
        Path home = Path.of(Objects.requireNonNullElse(context.getProperty("porchlight.home"), ".")).toAbsolutePath();
        Path data = Optional.ofNullable(context.getProperty("porchlight.data")).map(Path::of).orElse(home.resolve("data"));
        this.deployed = new DeployedFiles(home.resolve("deploy"));
        this.historyFolder = data.resolve("modules");
        this.systemFolder = Optional.ofNullable(context.getProperty("porchlight.system")).map(Path::of)
                .orElse(home.resolve("system")).toAbsolutePath().normalize();
        this.framework = new RunningFramework(context, scr, swaps, systemFolder);
        this.changes = new ModuleChanges(framework, historyFolder);
        this.inventory = new ModuleInventory(framework::isCore, framework::componentFailure, historyFolder, clock);
        modified(configuration);
    }

    @Modified
    void modified(ModulesConfiguration configuration) {
        this.configuration = configuration;
        Path folder = Path.of(configuration.trustFolder());
        Path home = Path.of(Objects.requireNonNullElse(context.getProperty("porchlight.home"), ".")).toAbsolutePath();
        this.trust = new TrustDecision(new TrustStore(folder.isAbsolute() ? folder : home.resolve(folder)),
                configuration.allowUnsigned(), systemFolder.resolveSibling("plugins"), framework::systemJar);
        if (configuration.allowUnsigned()) {
            LOG.warn("DEVELOPMENT SETTING: modules that no trusted key signed are accepted (allowUnsigned=true in "
                    + "etc/org.porchlight.modules.cfg). Never run a production server like this.");
        }
    }

    boolean unsignedAllowed() {
        return configuration.allowUnsigned();
    }

    TrustStore trust() {
        return trust.trust();
    }

    Path deployFolder() {
        return deployed.folder();
    }

    long maxUploadBytes() {
        return configuration.maxUploadMegabytes() * 1024L * 1024L;
    }

    // ---- reading ----

    List<ModuleView> list() {
        Map<Long, Set<String>> routes = swaps.routesByBundle();
        return Arrays.stream(context.getBundles()).map(b -> inventory.view(b, routes)).toList();
    }

    ModuleView module(long id) {
        return inventory.view(bundle(id), swaps.routesByBundle());
    }

    /**
     * The agency a module belongs to, if it is an agency's own bundle (signed by a key the platform
     * trusts for that agency alone); empty for every other bundle.
     */
    Optional<String> ownerAgency(long bundleId) {
        return inventory.owner(bundleId);
    }

    /** The modules that are the agency's own bundles. */
    List<ModuleView> ownedBy(String agency) {
        return list().stream().filter(m -> ownerAgency(m.id()).filter(agency::equalsIgnoreCase).isPresent()).toList();
    }

    List<ModuleRecords.Refusal> refusals() {
        return records.refusals();
    }

    // ---- changing ----

    /** Installs and starts a new module from {@code file}; the file is the caller's to delete. */
    ModuleView install(Path file, Source source, Actor actor) {
        return install(file, source, actor, null);
    }

    /**
     * Installs and starts a new module; {@code forAgency}, when an agency's admin uploads it, must be
     * the agency whose key signed it (the platform's admin installs any trusted module).
     */
    ModuleView install(Path file, Source source, Actor actor, String forAgency) {
        return locked(() -> {
            TrustDecision.Accepted jar = accept(file, source, actor, "module.install");
            checkOwner(jar, forAgency, Optional.empty(), Change.INSTALL, file, source, actor);
            Bundle existing = bySymbolicName(jar.symbolicName());
            if (existing != null) {
                throw problem("module-exists", "Module already installed", 409, "A module named " + jar.symbolicName()
                        + " is installed already (id " + existing.getBundleId() + "); update it instead.");
            }
            Bundle bundle = installNew(jar, source, actor);
            if (source != Source.DEPLOY_FOLDER) {
                deployed.keep(jar);
            }
            return module(bundle.getBundleId());
        });
    }

    /** Swaps the module to the version in {@code file}; on any failure the previous version keeps running. */
    ModuleView update(long id, Path file, Source source, Actor actor) {
        return update(id, file, source, actor, null);
    }

    /** As {@link #update(long, Path, Source, Actor)}; {@code forAgency}: only that agency's own module, signed by its key. */
    ModuleView update(long id, Path file, Source source, Actor actor, String forAgency) {
        return locked(() -> {
            Bundle bundle = changeable(id, "update");
            TrustDecision.Accepted jar = accept(file, source, actor, "module.update");
            checkOwner(jar, forAgency, ownerAgency(id), Change.UPDATE, file, source, actor);
            if (!jar.symbolicName().equals(bundle.getSymbolicName())) {
                throw records.refuse(file, source, actor, "module.update", "the file is the module " + jar.symbolicName()
                        + ", not " + bundle.getSymbolicName());
            }
            swapTo(bundle, jar, source, actor, "module.update");
            return module(id);
        });
    }

    /** Swaps back to the version the last update replaced. */
    ModuleView rollback(long id, Source source, Actor actor) {
        return locked(() -> {
            Bundle bundle = changeable(id, "roll back");
            Path previous = inventory.previousFile(bundle.getSymbolicName())
                    .orElseThrow(() -> problem("no-previous-version", "No previous version", 409,
                            "No earlier version of " + bundle.getSymbolicName() + " is kept."));
            // Copied first: the swap keeps the version it replaces in the same place.
            Path copy = Files.createTempFile(historyFolder(), "rollback", ".jar");
            try {
                Files.copy(previous, copy, StandardCopyOption.REPLACE_EXISTING);
                swapTo(bundle, accept(copy, source, actor, "module.rollback"), source, actor, "module.rollback");
            } finally {
                Files.deleteIfExists(copy);
            }
            return module(id);
        });
    }

    ModuleView stop(long id, Source source, Actor actor) {
        return locked(() -> {
            Bundle bundle = changeable(id, "stop");
            String version = bundle.getVersion().toString();
            bundle.stop();
            framework.settle(id, source);
            records.record(actor, ownerAgency(id).orElse(null), "module.stop", bundle.getSymbolicName(), version, null, "stopped");
            return module(id);
        });
    }

    ModuleView start(long id, Source source, Actor actor) {
        return locked(() -> {
            Bundle bundle = bundle(id);
            try {
                bundle.start();
            } catch (BundleException e) {
                records.record(actor, ownerAgency(id).orElse(null), "module.start", bundle.getSymbolicName(), bundle.getVersion().toString(), null, "failed");
                throw problem("module-not-started", "Module did not start", 422, "The module " + bundle.getSymbolicName()
                        + " did not start: " + ModuleChanges.reason(e));
            }
            framework.settle(id, source);
            String failure = framework.componentFailure(bundle);
            records.record(actor, ownerAgency(id).orElse(null), "module.start", bundle.getSymbolicName(), bundle.getVersion().toString(), null,
                    failure == null ? "started" : "started with a failed component");
            return module(id);
        });
    }

    ModuleView uninstall(long id, Source source, Actor actor) {
        return locked(() -> {
            Bundle bundle = changeable(id, "uninstall");
            if (inventory.isCore(bundle)) {
                throw problem("module-is-core", "Core module", 409, "The module " + bundle.getSymbolicName()
                        + " ships with the server and would come back at the next start: stop it instead.");
            }
            ModuleView before = module(id);
            remove(bundle, source, actor);
            Optional<Path> file = deployed.remove(bundle.getSymbolicName());
            if (file.isPresent()) {
                Files.deleteIfExists(file.get());
            }
            return new ModuleView(before.id(), before.symbolicName(), before.name(), before.version(), "UNINSTALLED",
                    before.provenance(), before.publisher(), before.sha256(), false, List.of(), List.of(),
                    before.previousVersion(), null, clock.instant());
        });
    }

    // ---- the deploy folder ----

    /** A bundle file appeared or changed in {@code deploy/}. Never throws: refusals are logged and listed. */
    void deployed(Path file) {
        try {
            locked(() -> {
                TrustDecision.Accepted jar = accept(file, Source.DEPLOY_FOLDER, DEPLOY_FOLDER, "module.deploy");
                Bundle existing = bySymbolicName(jar.symbolicName());
                Path other = deployed.of(jar.symbolicName()).orElse(null);
                if (other != null && !other.equals(file)) {
                    throw records.refuse(file, Source.DEPLOY_FOLDER, DEPLOY_FOLDER, "module.deploy",
                            "the module " + jar.symbolicName() + " is deployed already from " + other.getFileName());
                }
                deployed.put(jar.symbolicName(), file);
                if (existing == null) {
                    installNew(jar, Source.DEPLOY_FOLDER, DEPLOY_FOLDER);
                } else if (!jar.jar().sha256().equals(currentSha(existing))) {
                    if (inventory.isProtected(existing)) {
                        throw records.refuse(file, Source.DEPLOY_FOLDER, DEPLOY_FOLDER, "module.deploy", "the module "
                                + existing.getSymbolicName() + " is part of the platform and changes only with the distribution");
                    }
                    checkOwner(jar, null, ownerAgency(existing.getBundleId()), Change.UPDATE, file, Source.DEPLOY_FOLDER,
                            DEPLOY_FOLDER);
                    swapTo(existing, jar, Source.DEPLOY_FOLDER, DEPLOY_FOLDER, "module.update");
                }
                return null;
            });
        } catch (ProblemException e) {
            LOG.warn("deploy/{} was not applied: {}", file.getFileName(), e.getMessage());
        }
    }

    /** A bundle file was deleted from {@code deploy/}. */
    void undeployed(Path file) {
        try {
            locked(() -> {
                if (Files.exists(file)) {
                    return null; // written again since FileInstall saw it gone (e.g. by an install through the API)
                }
                String name = deployed.moduleOf(file).orElse(null);
                Bundle bundle = name == null ? null : bySymbolicName(name);
                if (bundle == null) {
                    return null;
                }
                deployed.remove(name);
                Optional<Path> shipped = framework.systemJar(name);
                if (shipped.isPresent()) {
                    // The file overrode a core module: back to the version the server ships (nothing writes that jar).
                    swapTo(bundle, accept(shipped.get(), Source.DEPLOY_FOLDER, DEPLOY_FOLDER, "module.update"),
                            Source.DEPLOY_FOLDER, DEPLOY_FOLDER, "module.update");
                } else {
                    remove(bundle, Source.DEPLOY_FOLDER, DEPLOY_FOLDER);
                }
                return null;
            });
        } catch (ProblemException e) {
            LOG.warn("Removing deploy/{} was not applied: {}", file.getFileName(), e.getMessage());
        }
    }

    // ---- the steps ----

    /** Refuses a file that {@link ModuleOwnership} says may not become, or replace, the module. */
    private void checkOwner(TrustDecision.Accepted jar, String forAgency, Optional<String> owner, Change change, Path file,
            Source source, Actor actor) {
        Optional<String> reason = ModuleOwnership.refusal(ModuleOwnership.signedFor(jar), forAgency, owner, change);
        if (reason.isPresent()) {
            String action = change == Change.INSTALL ? "module.install" : "module.update";
            throw records.refuse(file, source, actor, action, reason.get());
        }
    }

    /** Inspects the file and decides whether it may run, and as what; refuses (422) with the reason otherwise. */
    private TrustDecision.Accepted accept(Path file, Source source, Actor actor, String action) throws IOException {
        try {
            return trust.accept(file);
        } catch (ModuleRefusedException e) {
            throw records.refuse(file, source, actor, action, e.getMessage());
        }
    }

    private Bundle installNew(TrustDecision.Accepted jar, Source source, Actor actor) throws IOException {
        long[] installed = {-1};
        long id;
        try {
            id = changes.install(jar.symbolicName(), jar.file(), source, known -> {
                installed[0] = known;
                inventory.changed(known, jar);
            });
        } catch (ModuleRefusedException e) {
            inventory.removed(installed[0]);
            throw records.refuse(jar.file(), source, actor, "module.install", e.getMessage());
        }
        records.record(actor, ModuleOwnership.signedFor(jar), "module.install", jar.symbolicName(), jar.jar().version().toString(), null, "installed");
        return context.getBundle(id);
    }

    /** Uninstalls a module the manager may remove, and forgets it. */
    private void remove(Bundle bundle, Source source, Actor actor) throws BundleException {
        String version = bundle.getVersion().toString();
        String owner = ownerAgency(bundle.getBundleId()).orElse(null);
        changes.remove(bundle.getBundleId(), source);
        inventory.removed(bundle.getBundleId());
        records.record(actor, owner, "module.uninstall", bundle.getSymbolicName(), version, null, "uninstalled");
    }

    /**
     * Updates {@code bundle} to {@code jar}. The version it replaces is kept for a rollback; if the
     * new one does not resolve or a component fails to activate, the old one is put back.
     */
    private void swapTo(Bundle bundle, TrustDecision.Accepted jar, Source source, Actor actor, String action) throws IOException {
        String from = bundle.getVersion().toString();
        if (jar.jar().sha256().equals(currentSha(bundle))) {
            return; // already running exactly this file
        }
        Path running = currentFile(bundle).orElseThrow(() -> problem("no-current-file", "Module file unknown", 409,
                "The file that " + bundle.getSymbolicName() + " runs from is not known (it was installed around the module "
                + "manager), so it could not be kept for a rollback."));
        try {
            changes.swap(bundle.getBundleId(), bundle.getSymbolicName(), from, running, jar.file(), source);
        } catch (ModuleRefusedException e) {
            throw records.refuse(jar.file(), source, actor, action, e.getMessage());
        }
        inventory.changed(bundle.getBundleId(), jar);
        if (source != Source.DEPLOY_FOLDER) {
            if (jar.shippedCore()) {
                // Back to the system/ jar: no override left in deploy/.
                deployed.remove(jar.symbolicName()).ifPresent(ModuleChanges::deleteQuietly);
            } else {
                deployed.keep(jar);
            }
        }
        records.record(actor, ModuleOwnership.signedFor(jar), action, jar.symbolicName(), jar.jar().version().toString(), from, "swapped");
    }

    /** The file the bundle runs from: its deploy-folder file, or the jar in system/. */
    private Optional<Path> currentFile(Bundle bundle) {
        Optional<Path> file = deployed.of(bundle.getSymbolicName()).filter(Files::isRegularFile);
        if (file.isPresent()) {
            return file;
        }
        return inventory.isCore(bundle) ? framework.systemJar(bundle.getSymbolicName()) : Optional.empty();
    }

    private String currentSha(Bundle bundle) throws IOException {
        Optional<String> known = inventory.sha256(bundle.getBundleId());
        if (known.isPresent()) {
            return known.get();
        }
        Optional<Path> file = currentFile(bundle);
        return file.isPresent() ? ModuleJar.sha256(file.get()) : "";
    }

    // ---- which module ----

    private Bundle bundle(long id) {
        Bundle bundle = context.getBundle(id);
        if (bundle == null) {
            throw problem("module-not-found", "No such module", 404, "No module has the id " + id + ".");
        }
        return bundle;
    }

    private Bundle changeable(long id, String what) {
        Bundle bundle = bundle(id);
        if (inventory.isProtected(bundle)) {
            throw problem("module-protected", "Platform module", 409, "The module " + bundle.getSymbolicName()
                    + " is part of the platform (the server runs on it); it changes only with the distribution, so it cannot "
                    + what + " here.");
        }
        return bundle;
    }

    private Bundle bySymbolicName(String symbolicName) {
        return Arrays.stream(context.getBundles()).filter(b -> symbolicName.equals(b.getSymbolicName())).findFirst().orElse(null);
    }

    private Path historyFolder() throws IOException {
        return Files.createDirectories(historyFolder);
    }

    static ProblemException problem(String type, String title, int status, String detail) {
        return new ProblemException(ProblemType.named(type, title, status), detail);
    }

    @FunctionalInterface
    private interface Step<T> {
        T run() throws IOException, BundleException;
    }

    private <T> T locked(Step<T> step) {
        lock.lock();
        try {
            return step.run();
        } catch (IOException e) {
            throw new IllegalStateException("module files could not be read or written: " + e.getMessage(), e);
        } catch (BundleException e) {
            throw problem("module-action-failed", "Module action failed", 409, ModuleChanges.reason(e));
        } finally {
            lock.unlock();
        }
    }
}
