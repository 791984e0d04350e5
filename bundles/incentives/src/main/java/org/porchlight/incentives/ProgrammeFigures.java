package org.porchlight.incentives;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.store.Database;
import org.porchlight.incentives.store.PartnerAliasRows;

/** The agency's programmes with what they brought, for disclosure blocks (press releases). */
@Component
public class ProgrammeFigures implements IncentiveFigures {

    private final Database database;
    private final Programmes programmes;
    private final PartnerAliasRows terms = new PartnerAliasRows();

    @Activate
    public ProgrammeFigures(@Reference Database database, @Reference Programmes programmes) {
        this.database = database;
        this.programmes = programmes;
    }

    @Override
    public DisclosureTerms disclosureTerms(String agencyCode) {
        String agency = programmes.agency(agencyCode).code();
        return database.withConnection(c -> terms.terms(c, agency));
    }

    @Override
    public List<Programme> programmes(String agencyCode) {
        String agency = programmes.agency(agencyCode).code();
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT p.id, p.name, p.partner, p.attributions, p.units, "
                    + "COALESCE((SELECT -SUM(e.units) FROM incentives.ledger_entry e WHERE e.campaign_id = p.id AND e.kind = 'REDEEMED'), 0), "
                    + "p.created_at FROM incentives.campaign p WHERE p.agency_code = ? ORDER BY p.created_at")) {
                s.setString(1, agency);
                List<Programme> found = new ArrayList<>();
                try (ResultSet rs = s.executeQuery()) {
                    while (rs.next()) {
                        found.add(new Programme(rs.getObject(1, UUID.class), rs.getString(2), rs.getString(3), rs.getLong(4), rs.getLong(5),
                                rs.getLong(6), rs.getTimestamp(7).toInstant()));
                    }
                }
                return found;
            }
        });
    }
}
