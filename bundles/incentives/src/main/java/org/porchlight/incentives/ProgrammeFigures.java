package org.porchlight.incentives;

import java.util.List;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.porchlight.api.incentives.IncentiveFigures;
import org.porchlight.api.store.Database;
import org.porchlight.incentives.store.FigureRows;
import org.porchlight.incentives.store.PartnerAliasRows;

/** The agency's programmes with what they brought, for disclosure blocks (press releases). */
@Component
public class ProgrammeFigures implements IncentiveFigures {

    private final Database database;
    private final Programmes programmes;
    private final PartnerAliasRows terms = new PartnerAliasRows();
    private final FigureRows figures = new FigureRows();

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
        return database.withConnection(c -> figures.programmes(c, agency));
    }
}
