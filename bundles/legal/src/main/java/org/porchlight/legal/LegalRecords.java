package org.porchlight.legal;

import java.time.Clock;
import java.time.Duration;
import java.time.ZoneId;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;
import org.osgi.service.metatype.annotations.Designate;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.store.Database;
import org.porchlight.api.tenancy.Agencies;

/**
 * The bundle's records: legal demands and emergency requests. The notification outbox is
 * optional and may come and go (the notifications bundle is updated on its own): while it is
 * missing, nobody is notified, and the overdue flag in lists and counts still holds.
 */
@Component(service = LegalRecords.class, configurationPid = LegalConfiguration.PID)
@Designate(ocd = LegalConfiguration.class)
public class LegalRecords {

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC, policyOption = ReferencePolicyOption.GREEDY)
    private volatile Outbox outbox;

    private final Agencies agencies;
    private final LegalDemands demands;
    private final EmergencyRequests emergencies;

    @Activate
    public LegalRecords(@Reference Database database, @Reference Agencies agencies, LegalConfiguration config) {
        this.agencies = agencies;
        Clock clock = Clock.systemUTC();
        this.demands = new LegalDemands(database, clock, this::zoneOf);
        this.emergencies = new EmergencyRequests(database, clock, Duration.ofHours(Math.max(1, config.reviewHours())), () -> outbox);
    }

    public LegalDemands demands() {
        return demands;
    }

    public EmergencyRequests emergencies() {
        return emergencies;
    }

    /** The outbox, or {@code null} while no notifications bundle runs. */
    Outbox outbox() {
        return outbox;
    }

    /** The agency's time zone, which decides dates and months; UTC for an agency the platform no longer knows. */
    public ZoneId zoneOf(String agency) {
        return agencies.zone(agency);
    }
}
