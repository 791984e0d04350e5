package org.porchlight.web;

import org.porchlight.api.ui.Page;

/**
 * A page as the shell holds it: the service, the class loader of the bundle that contributed it
 * (its templates and messages), its service ranking and id, and that bundle's id.
 */
record Contribution(Page page, ClassLoader loader, int ranking, long serviceId, long bundleId) {
}
