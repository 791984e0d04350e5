package org.porchlight.modules.web;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.Upload;

/**
 * A module file sent with a portal form (the field {@code module}), in a temporary file that
 * closing deletes: the module manager reads a file, and the pages must not leave one behind.
 */
final class UploadedModule implements AutoCloseable {

    static final String FIELD = "module";

    private final Path file;

    private UploadedModule(Path file) {
        this.file = file;
    }

    /** The uploaded module, refused (413) beyond {@code max} bytes; empty if the form sent no file. */
    static Optional<UploadedModule> from(PageRequest request, long max) {
        List<Upload> uploads = request.uploads(FIELD);
        if (uploads.isEmpty() || uploads.get(0).size() == 0) {
            return Optional.empty();
        }
        Upload upload = uploads.get(0);
        if (upload.size() > max) {
            throw new ProblemException(ProblemType.named("body-too-large", "Module too large", 413),
                    request.text("modules.error.tooLarge", max / (1024 * 1024)));
        }
        try {
            Path file = Files.createTempFile("porchlight-module", ".jar");
            try (InputStream in = upload.open(); OutputStream out = Files.newOutputStream(file)) {
                in.transferTo(out);
            } catch (IOException e) {
                Files.deleteIfExists(file);
                throw e;
            }
            return Optional.of(new UploadedModule(file));
        } catch (IOException e) {
            throw new IllegalStateException("the uploaded module could not be spooled", e);
        }
    }

    /** The room a form with a module file needs: the module and the form's other fields. */
    static long limit(long maxModuleBytes) {
        return maxModuleBytes + 64 * 1024;
    }

    Path file() {
        return file;
    }

    @Override
    public void close() {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            // a temporary file; the system's cleaner takes it
        }
    }
}
