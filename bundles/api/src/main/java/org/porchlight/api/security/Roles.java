package org.porchlight.api.security;

import java.util.Set;

/** The role names Porchlight knows, for {@code @RolesAllowed}. Every account has exactly one. */
public final class Roles {

    /** A resident who registers cameras and answers footage requests. */
    public static final String RESIDENT = "RESIDENT";
    /** Agency staff: drafts footage requests and reviews what was shared. */
    public static final String OFFICER = "OFFICER";
    /** Agency staff: approves requests and delayed publications. */
    public static final String SUPERVISOR = "SUPERVISOR";
    /** Agency staff: public information officer, writes press releases and posts. */
    public static final String PIO = "PIO";
    /** Agency staff: manages the agency's settings and staff accounts. */
    public static final String AGENCY_ADMIN = "AGENCY_ADMIN";
    /** An integration partner's account; its API keys reach only integration endpoints. */
    public static final String VENDOR = "VENDOR";
    /** Runs the platform: creates agencies and vendors, manages modules. */
    public static final String PLATFORM_ADMIN = "PLATFORM_ADMIN";

    /** The roles of agency staff; staff belong to exactly one agency. */
    public static final Set<String> STAFF = Set.of(OFFICER, SUPERVISOR, PIO, AGENCY_ADMIN);

    /** Every role, for checks of input. */
    public static final Set<String> ALL = Set.of(RESIDENT, OFFICER, SUPERVISOR, PIO, AGENCY_ADMIN, VENDOR, PLATFORM_ADMIN);

    /**
     * The path parameter that names an agency (its short code, e.g. {@code KCPD}). On a route
     * with this parameter the REST core lets staff in only for their own agency; anyone else
     * gets 404, as if the agency's resource did not exist.
     */
    public static final String AGENCY_PARAM = "agency";

    /** What an agency's short code may be: 2 to 16 letters, digits and hyphens. */
    public static final String AGENCY_CODE_PATTERN = "[A-Za-z0-9-]{2,16}";

    private Roles() {
    }
}
