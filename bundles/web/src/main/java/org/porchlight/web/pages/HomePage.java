package org.porchlight.web.pages;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.api.ui.Page;
import org.porchlight.api.ui.PageInfo;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.api.ui.PageView;

/** The public home page: what the portal is, and the installation's agencies with their public figures. */
@Component(service = Page.class)
public class HomePage implements Page {

    static final PageInfo INFO = new PageInfo("/", "home.title", Set.of(PageInfo.PUBLIC), PageInfo.GROUP_PUBLIC, 0);

    private final Agencies agencies;

    @Activate
    public HomePage(@Reference Agencies agencies) {
        this.agencies = agencies;
    }

    @Override
    public PageInfo info() {
        return INFO;
    }

    @Override
    public PageView render(PageRequest request) {
        List<Map<String, Object>> list = new ArrayList<>();
        for (AgencyProfile agency : agencies.all()) {
            list.add(Map.of("code", agency.code(), "name", agency.name() == null ? agency.code() : agency.name(),
                    "transparency", "/agencies/" + agency.code()));
        }
        return PageView.of("home", Map.of("agencies", list));
    }
}
