package org.porchlight.identity;

import java.time.ZoneId;
import java.util.List;
import java.util.Optional;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;

/** The directory's agencies for other bundles, read-only. */
@Component
public class AgencyService implements Agencies {

    private final Directory directory;

    @Activate
    public AgencyService(@Reference Directory directory) {
        this.directory = directory;
    }

    @Override
    public Optional<AgencyProfile> find(String code) {
        return directory.agency(code).map(AgencyService::profile);
    }

    @Override
    public List<AgencyProfile> all() {
        return directory.agencies(null).stream().map(AgencyService::profile).toList();
    }

    private static AgencyProfile profile(Agency agency) {
        return new AgencyProfile(agency.code(), agency.name(), agency.jurisdiction(), ZoneId.of(agency.timeZone()), agency.policy());
    }
}
