/**
 * Evidence intake and storage. Bundles that receive footage (a resident's response, a witness's
 * upload) stream it to {@link org.porchlight.api.evidence.EvidenceIntake}, which hashes, encrypts
 * and stores it and starts its chain of custody. Where the encrypted bytes live is an
 * {@link org.porchlight.api.evidence.EvidenceStore}: files under the data folder by default,
 * object storage in a plugin. Since 1.1 a file can be prepared first and shared only when its
 * sender confirms ({@link org.porchlight.api.evidence.EvidenceIntake#prepare}). Since 1.2 a store
 * reads a part of a blob ({@link org.porchlight.api.evidence.EvidenceStore#read(String, long, long)}).
 */
@Version("1.2.0")
@Export
package org.porchlight.api.evidence;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
