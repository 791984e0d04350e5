package org.porchlight.requests.web.owner;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.ui.PagePaths;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.Upload;

/**
 * The file forms a resident's request page and a witness link's page share: the files uploaded to be
 * prepared, and the prepared files named to be shared. Each page says where the files go; this says
 * what was wrong, next to which field and with which status, for the page to show itself again.
 */
final class FileForms {

    /** At most this many files named in one share. */
    static final int MAX_FILES = 100;

    /** Where uploaded files go: the resident's prepared files, or the witness link's. */
    interface Intake {
        void take(String fileName, String contentType, long size, InputStream content);
    }

    /**
     * What was wrong with a form: the error of {@code field} (a text and the workflow's detail) and the status.
     *
     * @param field   the template's error variable, e.g. {@code uploadError}
     * @param message the text and detail
     * @param status  the status the page answers with
     */
    record Refusal(String field, Map<String, Object> message, int status) {

        Map<String, Object> model() {
            return Map.of(field, message);
        }
    }

    private FileForms() {
    }

    /**
     * Hands every file of the form's {@code file} field to {@code intake}; the first the workflow refuses
     * (a type, a size, a closed request) stops the rest. Problems that are not the visitor's pass on.
     */
    static Optional<Refusal> receive(PageRequest request, String noneKey, Intake intake) {
        List<Upload> files = request.uploads("file");
        if (files.isEmpty()) {
            return Optional.of(new Refusal("uploadError", message(request, noneKey), 422));
        }
        for (Upload file : files) {
            try (InputStream content = file.open()) {
                intake.take(file.fileName(), file.contentType(), file.size(), content);
            } catch (ProblemException e) {
                if (!OwnerViews.theirs(e)) {
                    throw e;
                }
                return Optional.of(new Refusal("uploadError", OwnerViews.problem(e, request), e.problem().status()));
            } catch (IOException e) {
                return Optional.of(new Refusal("uploadError", message(request, "requests.owner.upload.unreadable"), 400));
            }
        }
        return Optional.empty();
    }

    /** The prepared files the form's {@code files} checkboxes name, or why they cannot be shared. */
    static Chosen chosen(PageRequest request) {
        List<String> named = request.parameters("files");
        List<UUID> files = new ArrayList<>();
        for (String n : named) {
            Optional<UUID> file = PagePaths.uuid(n);
            if (file.isEmpty() || named.size() > MAX_FILES) {
                return new Chosen(List.of(), new Refusal("shareError", message(request, "requests.owner.share.which"), 400));
            }
            files.add(file.get());
        }
        if (files.isEmpty()) {
            return new Chosen(List.of(), new Refusal("shareError", message(request, "requests.owner.share.none"), 422));
        }
        return new Chosen(files, null);
    }

    /** The files a share names, or the refusal ({@code null} when there is none). */
    record Chosen(List<UUID> files, Refusal refusal) {
    }

    /** The prepared file the form's {@code file} field names; empty when it names none. */
    static Optional<UUID> removed(PageRequest request) {
        return request.parameter("file").flatMap(PagePaths::uuid);
    }

    /** A text of this bundle's messages as the templates show errors: the text, no workflow detail. */
    static Map<String, Object> message(PageRequest request, String key) {
        return Map.of("text", request.text(key), "detail", "");
    }

    /** The refusal of a remove form that names no file. */
    static Refusal noFileNamed(PageRequest request) {
        return new Refusal("removeError", message(request, "requests.owner.remove.which"), 400);
    }
}
