package org.porchlight.web;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.osgi.framework.Constants;
import org.osgi.framework.ServiceReference;
import org.osgi.framework.wiring.BundleWiring;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.DashboardCard;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;
import org.porchlight.api.ui.Upload;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The staff dashboard: the cards every bundle contributes ({@link DashboardCard}) for the caller's
 * role, in order; a card that fails is left out (and logged), not the dashboard.
 */
@Component(service = Page.class)
public class DashboardPage implements Page {

    static final PageInfo INFO = new PageInfo("/dashboard", "dashboard.title",
            Set.of(Roles.OFFICER, Roles.SUPERVISOR, Roles.PIO, Roles.AGENCY_ADMIN, Roles.VENDOR, Roles.PLATFORM_ADMIN),
            PageInfo.GROUP_WORK, 0);
    private static final Logger LOG = LoggerFactory.getLogger(DashboardPage.class);

    private record Contributed(DashboardCard card, ClassLoader loader, long bundle) {
    }

    private final Map<Long, Contributed> cards = new ConcurrentHashMap<>();
    private final Messages messages = new Messages(DashboardPage.class.getClassLoader());
    private final PageScope scope;

    @Activate
    public DashboardPage(@Reference PageScope scope) {
        this.scope = scope;
    }

    @Reference(cardinality = ReferenceCardinality.MULTIPLE, policy = ReferencePolicy.DYNAMIC)
    void addCard(DashboardCard card, ServiceReference<DashboardCard> reference) {
        cards.put((Long) reference.getProperty(Constants.SERVICE_ID),
                new Contributed(card, reference.getBundle().adapt(BundleWiring.class).getClassLoader(),
                        reference.getBundle().getBundleId()));
    }

    void removeCard(DashboardCard card, ServiceReference<DashboardCard> reference) {
        cards.remove((Long) reference.getProperty(Constants.SERVICE_ID));
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        String role = request.caller().map(Caller::role).orElse("");
        List<Contributed> mine = new ArrayList<>();
        for (Contributed c : cards.values()) {
            if (c.card().roles().contains(role) && scope.shows(c.bundle(), request.caller())) {
                mine.add(c);
            }
        }
        mine.sort(Comparator.comparingInt(c -> c.card().order()));
        List<Map<String, Object>> shown = new ArrayList<>();
        for (Contributed c : mine) {
            try {
                c.card().card(new CardRequest(request, messages, c.loader())).ifPresent(item -> shown.add(Map.of(
                        "title", item.title(), "count", item.count(), "detail", item.detail(), "link", item.link(),
                        "urgent", item.urgent())));
            } catch (RuntimeException e) {
                LOG.warn("A dashboard card ({}) failed; the dashboard shows the others", c.card().getClass().getName(), e);
            }
        }
        return PageView.of("dashboard", Map.of("cards", shown));
    }

    /** The dashboard's request as a card sees it: its texts come from the card's own bundle. */
    private record CardRequest(PageRequest request, Messages messages, ClassLoader loader) implements PageRequest {

        @Override
        public Optional<Caller> caller() {
            return request.caller();
        }

        @Override
        public Locale locale() {
            return request.locale();
        }

        @Override
        public String path() {
            return request.path();
        }

        @Override
        public String subPath() {
            return request.subPath();
        }

        @Override
        public String method() {
            return request.method();
        }

        @Override
        public Optional<String> parameter(String name) {
            return request.parameter(name);
        }

        @Override
        public List<String> parameters(String name) {
            return request.parameters(name);
        }

        @Override
        public List<Upload> uploads(String name) {
            return List.of();
        }

        @Override
        public String text(String key, Object... arguments) {
            return messages.text(loader, locale(), key, arguments);
        }

        @Override
        public String clientAddress() {
            return request.clientAddress();
        }
    }
}
