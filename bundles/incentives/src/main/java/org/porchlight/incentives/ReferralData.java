package org.porchlight.incentives;

import java.util.Map;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.api.store.Database;
import org.porchlight.incentives.store.ResidentAttributionRows;

/** A resident's referral attribution (the code they signed up with) as their personal data. */
@Component(property = PersonalDataHolder.SECTION + "=" + ReferralData.SECTION)
public class ReferralData implements PersonalDataHolder {

    static final String SECTION = "referrals";

    private final Database database;
    private final ResidentAttributionRows rows = new ResidentAttributionRows();

    @Activate
    public ReferralData(@Reference Database database) {
        this.database = database;
    }

    @Override
    public Object export(UUID account) {
        return database.withConnection(c -> rows.find(c, account)).map(a -> Map.of("attribution", (Object) a))
                .orElse(Map.of());
    }

    @Override
    public Erasure erase(UUID account) {
        long[] done = database.inTransaction(c -> rows.forget(c, account));
        return new Erasure(done[0], done[1]);
    }
}
