package org.porchlight.modules;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.SecurityContext;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Caller;

/**
 * What the module APIs (the platform admin's and an agency admin's) share: an uploaded bundle
 * received into a temporary file within the size limit, and a change run off the request's thread
 * ({@link SwapSafeChanges}) with its answer, early (202) when a swap waits for this very request.
 */
@Component(service = ModuleRequests.class)
public class ModuleRequests {

    /**
     * The answer while a change is still under way (202).
     *
     * @param id     the module's id; {@code GET} it to see the outcome
     * @param status {@code IN_PROGRESS}
     * @param detail why the answer came before the change finished
     */
    public record InProgress(long id, String status, String detail) {
    }

    private static final Set<String> BUNDLE_TYPES = Set.of("application/java-archive", MediaType.APPLICATION_OCTET_STREAM,
            "application/zip");

    private final ModuleManager modules;
    private final SwapSafeChanges changes;

    @Activate
    public ModuleRequests(@Reference ModuleManager modules, @Reference SwapSafeChanges changes) {
        this.modules = modules;
        this.changes = changes;
    }

    /**
     * Runs a change off the request's thread and answers with its outcome, or early (202) when a
     * swap it made waits for this very request (see {@link SwapSafeChanges}).
     *
     * @param id       the module changed, or -1 for a new one (nothing of it can swap)
     * @param location where the module's outcome can be read, relative to the request
     */
    Response run(long id, String location, Supplier<ModuleView> change, Function<ModuleView, Response> answer) {
        return changes.run(change, id >= 0).map(answer)
                .orElseGet(() -> Response.accepted(new InProgress(id, "IN_PROGRESS", "The swap waits for requests queued "
                        + "behind a reload of the REST runtime, which waits for this answer; GET this module to see the outcome."))
                        .location(URI.create(location)).build());
    }

    /** Installs from an upload and answers 201, or the refusal; the temporary file is deleted either way. */
    Response install(Path file, String location, Supplier<ModuleView> install) {
        return run(-1, location, () -> {
            try {
                return install.get();
            } finally {
                delete(file);
            }
        }, module -> Response.created(URI.create(location + module.id())).entity(module).build());
    }

    /** Updates from an upload and answers with the module, or the refusal; the temporary file is deleted either way. */
    Response update(long id, Path file, String location, Supplier<ModuleView> update) {
        return run(id, location, () -> {
            try {
                return update.get();
            } finally {
                delete(file);
            }
        }, ok());
    }

    static Function<ModuleView, Response> ok() {
        return module -> Response.ok(module).build();
    }

    static Actor actor(SecurityContext security) {
        return Actor.account(Caller.of(security).orElseThrow().account(), false);
    }

    /**
     * The body into a temporary file, refused (413) beyond the configured size. The media type is
     * checked here rather than by {@code @Consumes}, so that a caller who may not upload at all
     * learns that first (401/403), not that the type is wrong (415).
     */
    Path upload(String type, Long length, InputStream body) {
        String mediaType = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!BUNDLE_TYPES.contains(mediaType)) {
            throw ModuleManager.problem("unsupported-media-type", "Unsupported media type", 415,
                    "Send the bundle as application/java-archive (or application/octet-stream, application/zip), not '"
                            + mediaType + "'.");
        }
        long max = modules.maxUploadBytes();
        if (length != null && length > max) {
            throw tooLarge(max);
        }
        try {
            Path file = Files.createTempFile("porchlight-module", ".jar");
            try (OutputStream out = Files.newOutputStream(file); InputStream in = body) {
                byte[] buffer = new byte[64 * 1024];
                long total = 0;
                for (int n; (n = in.read(buffer)) != -1;) {
                    total += n;
                    if (total > max) {
                        delete(file);
                        throw tooLarge(max);
                    }
                    out.write(buffer, 0, n);
                }
            }
            return file;
        } catch (IOException e) {
            throw ModuleManager.problem("upload-failed", "Upload failed", 400, "The bundle could not be received: " + e.getMessage());
        }
    }

    private static ProblemException tooLarge(long max) {
        return ModuleManager.problem("body-too-large", "Request body too large", 413,
                "A module may be at most " + max / (1024 * 1024) + " MB (maxUploadMegabytes).");
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system's cleaner takes it
        }
    }
}
