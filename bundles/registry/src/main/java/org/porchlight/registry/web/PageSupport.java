package org.porchlight.registry.web;

import java.time.Instant;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;

/** What the registry's pages share: the problems they answer with, instants for the templates. */
final class PageSupport {

    /** A path below a page that names nothing the caller may see. */
    static final ProblemType NOT_FOUND = ProblemType.NOT_FOUND;
    /** A part of a page the caller's role does not reach. */
    static final ProblemType FORBIDDEN = ProblemType.FORBIDDEN;

    private PageSupport() {
    }

    static ProblemException notFound() {
        return new ProblemException(NOT_FOUND, "There is nothing here.");
    }

    /** An instant as the templates' {@code when()} and {@code day()} take it; empty for none. */
    static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }
}
