/**
 * RFC 9457 problem details: the one error shape every Porchlight endpoint answers with.
 * Resources throw a {@link org.porchlight.api.problem.ProblemException}; the REST core writes
 * it as {@code application/problem+json} with the request's correlation id.
 */
@Version("1.2.0")
@Export
package org.porchlight.api.problem;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
