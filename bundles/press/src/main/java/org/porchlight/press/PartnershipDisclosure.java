package org.porchlight.press;

import java.time.ZoneOffset;
import java.util.List;
import java.util.StringJoiner;

import org.porchlight.api.incentives.IncentiveFigures;

/**
 * The partnership disclosure block: what the agency received from each of its incentive
 * programmes. The renderer puts it in the {@code disclosure} placeholder, and the disclosure
 * check demands this exact text in any release that mentions a partner or programme.
 */
public final class PartnershipDisclosure {

    private PartnershipDisclosure() {
    }

    /** The block for these programmes; empty if there are none. */
    public static String block(String agencyName, List<IncentiveFigures.Programme> programmes) {
        if (programmes.isEmpty()) {
            return "";
        }
        StringJoiner block = new StringJoiner(" ", "Partnership disclosure: ", "");
        for (IncentiveFigures.Programme p : programmes) {
            block.add(agencyName + " takes part in \"" + p.name() + "\"" + (p.partner() == null ? "" : " with " + p.partner())
                    + " since " + p.since().atOffset(ZoneOffset.UTC).toLocalDate() + ": " + p.signUpsAttributed()
                    + " resident sign-ups attributed, " + p.unitsEarned() + " units received, " + p.unitsGivenAway()
                    + " given away.");
        }
        return block.toString();
    }
}
