package org.porchlight.press;

import java.time.Instant;
import java.util.UUID;

/** A vendor account an agency lets write its templates, under the name the public log shows. */
public record VendorGrant(UUID vendor, String name, Instant grantedAt) {
}
