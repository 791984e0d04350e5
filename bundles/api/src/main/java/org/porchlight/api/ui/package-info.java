/**
 * Portal pages: how any bundle, a vendor's plugin included, adds pages and navigation entries to
 * the web portal that the shell ({@code bundles/web}) serves at {@code /}, as each bundle adds a
 * tab to the Apache Felix Web Console.
 *
 * <p>A bundle registers a {@link org.porchlight.api.ui.Page} service. The shell collects every
 * page, routes requests to it by its {@link org.porchlight.api.ui.PageInfo#path() path}, lets in
 * only the {@link org.porchlight.api.ui.PageInfo#roles() roles} it names (nobody if it names
 * none: deny by default), lists it in the navigation of those roles, and wraps what it renders in
 * the portal's layout (header, navigation, language switch, security headers, CSRF token). A
 * page comes and goes with its bundle; nothing else has to change.
 *
 * <p>Rendering: {@link org.porchlight.api.ui.Page#render} returns a
 * {@link org.porchlight.api.ui.PageView}, the name of a FreeMarker template in the page's own
 * bundle ({@code ui/templates/<name>.ftlh}, HTML auto-escaping on) and its model. Texts come from
 * the page's own bundle ({@code ui/messages.properties}, {@code ui/messages_es.properties}, UTF-8)
 * through the {@code msg} function, falling back to the shell's. Besides the model, every template
 * sees {@code csrf} (the token every form must post as the field {@code csrf}), {@code lang},
 * {@code signedIn}, {@code role} and {@code navigation}. Templates may not use inline scripts or
 * styles: the Content-Security-Policy refuses them.
 *
 * <p>Since 1.1: {@link org.porchlight.api.ui.PageView#fragment} renders a template without the
 * layout, for the parts of a page that htmx swaps in; {@link org.porchlight.api.ui.PageRequest#uploads}
 * hands a page the files of a {@code multipart/form-data} form ({@link org.porchlight.api.ui.Upload});
 * {@link org.porchlight.api.ui.PageRequest#text} reads the page's own texts in Java;
 * {@link org.porchlight.api.ui.MapView} describes a map and the form fields it fills;
 * {@link org.porchlight.api.ui.DashboardCard} adds a card to the staff dashboard;
 * {@link org.porchlight.api.ui.PageView#download} sends a file ({@link org.porchlight.api.ui.Download});
 * templates also see {@code when(instant, zone)} and {@code day(instant, zone)}, which show an
 * instant (an ISO-8601 string or a date) in the visitor's language and the given time zone (an
 * agency's, e.g. {@code America/Chicago}; UTC when empty).
 *
 * <p>Since 1.2: {@link org.porchlight.api.ui.PageProblems} turns a workflow's problem into the text a page shows;
 * {@link org.porchlight.api.ui.PageModel} writes a model as names and values;
 * {@link org.porchlight.api.ui.FormFields} reads a posted form's fields (texts, whole numbers, dates,
 * dates and times in an agency's zone, choices, ids, checkboxes, lines) and names what is wrong with each.
 *
 * <pre>{@code
 * @Component(service = Page.class)
 * public class CamerasPage implements Page {
 *     public PageInfo info() {
 *         return new PageInfo("/cameras", "cameras.title", Set.of(Roles.RESIDENT), PageInfo.GROUP_MY, 10);
 *     }
 *     public PageView render(PageRequest request) {
 *         return PageView.of("cameras", Map.of("cameras", cameras.of(request.caller().orElseThrow())));
 *     }
 * }
 * }</pre>
 */
@Version("1.2.0")
@Export
package org.porchlight.api.ui;

import org.osgi.annotation.bundle.Export;
import org.osgi.annotation.versioning.Version;
