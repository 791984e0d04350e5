/**
 * Sending e-mail: one-time codes and notices to an address (for example a claim code to the
 * address a camera registry has on file). Messages to accounts go through notifications.
 */
@Version("1.0.0")
@Export
package org.porchlight.api.mail;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
