package org.porchlight.registry.web;

import java.time.Instant;
import java.time.ZoneId;
import java.util.Optional;

import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.problem.ProblemType;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;

/** What the registry's pages share: the problems they answer with, instants and time zones for the templates. */
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

    /** Whether a workflow's problem is of the named type ({@code urn:porchlight:problem:<name>}). */
    static boolean is(ProblemException e, String name) {
        return e.problem().type().toString().endsWith(":" + name);
    }

    /** An instant as the templates' {@code when()} and {@code day()} take it; empty for none. */
    static String iso(Instant at) {
        return at == null ? "" : at.toString();
    }

    /** The time zone of an agency, UTC when it is not known. */
    static String zone(Agencies agencies, String agency) {
        Optional<AgencyProfile> found = agency == null ? Optional.empty() : agencies.find(agency);
        return found.map(AgencyProfile::timeZone).map(ZoneId::getId).orElse("UTC");
    }
}
