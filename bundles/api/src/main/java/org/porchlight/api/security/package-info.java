/**
 * Who is calling, and what they may do.
 *
 * <p>Every resource method declares who may call it with the standard annotations
 * {@code jakarta.annotation.security.RolesAllowed} (role names from {@link Roles}),
 * {@code PermitAll} (anyone, signed in or not) or {@code DenyAll}. The REST core enforces the
 * declaration before the method runs; a method that declares nothing is refused to everybody
 * (deny by default). A route whose path names an agency ({@code {agency}}, see
 * {@link Roles#AGENCY_PARAM}) is also checked for the tenant: staff of another agency get 404.
 *
 * <pre>{@code
 * @GET @Path("agencies/{agency}/requests/{id}")
 * @RolesAllowed({Roles.OFFICER, Roles.SUPERVISOR})
 * public FootageRequest get(@PathParam("agency") String agency, @PathParam("id") UUID id,
 *                           @Context SecurityContext security) {
 *     Caller caller = Caller.of(security).orElseThrow();
 *     ...
 * }
 * }</pre>
 *
 * <p>Rows that a path does not tie to an agency must be read with the caller's
 * {@link Caller#agency()} in the query, so that another tenant's row is simply not found.
 */
@Version("1.6.0")
@Export
package org.porchlight.api.security;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
