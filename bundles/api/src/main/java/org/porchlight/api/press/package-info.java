/**
 * Press releases, social posts and community notices written from templates: the
 * {@link org.porchlight.api.press.TemplateCheck} SPI adds checks a draft must pass before it
 * can be approved.
 */
@Version("1.0.0")
@Export
package org.porchlight.api.press;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
