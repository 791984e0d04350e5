package org.porchlight.legal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.porchlight.legal.LegalDemandStatus.DRAFT;
import static org.porchlight.legal.LegalDemandStatus.FULFILLED;
import static org.porchlight.legal.LegalDemandStatus.PARTIALLY_FULFILLED;
import static org.porchlight.legal.LegalDemandStatus.REFUSED;
import static org.porchlight.legal.LegalDemandStatus.SERVED;
import static org.porchlight.legal.LegalDemandStatus.WITHDRAWN;

import java.util.EnumSet;

import org.junit.jupiter.api.Test;

class LegalDemandStatusTest {

    @Test
    void aDraftIsServedOrWithdrawn() {
        assertThat(DRAFT.next()).containsExactlyInAnyOrder(SERVED, WITHDRAWN);
        assertThat(DRAFT.canBecome(FULFILLED)).as("never answered before it is served").isFalse();
    }

    @Test
    void aServedDemandIsAnsweredOrWithdrawnButNeverADraftAgain() {
        assertThat(SERVED.next()).containsExactlyInAnyOrder(FULFILLED, PARTIALLY_FULFILLED, REFUSED, WITHDRAWN);
        assertThat(SERVED.canBecome(DRAFT)).isFalse();
        assertThat(SERVED.canBecome(SERVED)).as("no change to itself").isFalse();
    }

    @Test
    void aPartiallyFulfilledDemandMayOnlyBeFulfilledLater() {
        assertThat(PARTIALLY_FULFILLED.next()).containsExactly(FULFILLED);
        assertThat(PARTIALLY_FULFILLED.isFinal()).isFalse();
    }

    @Test
    void fulfilledRefusedAndWithdrawnAreFinal() {
        for (LegalDemandStatus last : EnumSet.of(FULFILLED, REFUSED, WITHDRAWN)) {
            assertThat(last.isFinal()).as(last.name()).isTrue();
            for (LegalDemandStatus any : LegalDemandStatus.values()) {
                assertThat(last.canBecome(any)).as(last + " -> " + any).isFalse();
            }
        }
    }

    @Test
    void nothingLeadsBackToADraft() {
        for (LegalDemandStatus any : LegalDemandStatus.values()) {
            assertThat(any.canBecome(DRAFT)).as(any.name()).isFalse();
        }
    }
}
