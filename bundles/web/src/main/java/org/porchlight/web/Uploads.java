package org.porchlight.web;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.Part;

import org.porchlight.api.problem.Problem;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.ui.Upload;

/** The files of a {@code multipart/form-data} form, as the web server spooled them (the servlet's multipart settings). */
final class Uploads {

    private Uploads() {
    }

    /** Whether the request's body is a {@code multipart/form-data} form. */
    static boolean multipart(HttpServletRequest request) {
        String type = request.getContentType();
        return type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data");
    }

    static List<Upload> of(HttpServletRequest request, String field) {
        if (!multipart(request)) {
            return List.of();
        }
        List<Upload> uploads = new ArrayList<>();
        try {
            for (Part part : request.getParts()) {
                if (part.getName().equals(field) && part.getSubmittedFileName() != null && part.getSize() > 0) {
                    uploads.add(new PartUpload(part));
                }
            }
        } catch (IllegalStateException e) {
            // the servlet container's own limit (maxFileSize, maxRequestSize)
            throw new ProblemException(Problem.ofStatus(413, "Upload too large", "The form's files exceed the portal's upload limit."));
        } catch (IOException | ServletException e) {
            throw new ProblemException(Problem.ofStatus(400, "Unreadable form", "The form's files could not be read."));
        }
        return uploads;
    }

    private record PartUpload(Part part) implements Upload {

        @Override
        public String fileName() {
            String name = part.getSubmittedFileName();
            int slash = Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\'));
            return name.substring(slash + 1);
        }

        @Override
        public String contentType() {
            return part.getContentType() == null ? "application/octet-stream" : part.getContentType();
        }

        @Override
        public long size() {
            return part.getSize();
        }

        @Override
        public InputStream open() throws IOException {
            return part.getInputStream();
        }
    }
}
