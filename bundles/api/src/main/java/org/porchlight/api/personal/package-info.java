/**
 * A resident's personal data across modules: each module that keeps rows about a resident
 * registers a {@link org.porchlight.api.personal.PersonalDataHolder} so that the resident can
 * export everything held about them and close their account.
 *
 * <p>The identity bundle orchestrates both: {@code GET /api/account/export} gathers every
 * holder's section into one JSON document, and {@code DELETE /api/account} asks every holder to
 * erase before it deletes the account itself. The rules of what goes and what stays are in
 * {@code docs/privacy.md} ("Export and deletion").
 */
@Version("1.0.0")
@Export
package org.porchlight.api.personal;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
