/**
 * Notifications: bundles write them to the {@link org.porchlight.api.notify.Outbox} in the same
 * transaction as the change they announce; a worker hands each to every
 * {@link org.porchlight.api.notify.NotificationChannel} that accepts it (the in-app inbox, e-mail,
 * agencies' webhooks, ...), retrying with back-off until it is delivered.
 */
@Version("1.2.0")
@Export
package org.porchlight.api.notify;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
