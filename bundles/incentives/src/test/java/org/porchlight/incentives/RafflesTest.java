package org.porchlight.incentives;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;

class RafflesTest {

    private static final byte[] SEED = HexFormat.of().parseHex("00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff");

    @Test
    void theDrawDependsOnlyOnTheSeedAndTheSetOfEntrants() {
        List<String> entrants = List.of("T-004", "T-001", "T-003", "T-002", "T-005");
        List<String> winners = Raffles.draw(SEED, entrants, 2);
        assertThat(winners).hasSize(2).doesNotHaveDuplicates().isSubsetOf(entrants);
        // The order the agency entered them in does not matter: they are sorted first.
        assertThat(Raffles.draw(SEED, List.of("T-005", "T-004", "T-003", "T-002", "T-001"), 2)).isEqualTo(winners);
        byte[] other = SEED.clone();
        other[0] ^= 1;
        boolean differs = false;
        for (int i = 0; i < 8 && !differs; i++) {
            other[1] = (byte) i;
            differs = !Raffles.draw(other, entrants, 2).equals(winners);
        }
        assertThat(differs).as("another seed draws otherwise").isTrue();
    }

    @Test
    void moreUnitsThanEntrantsDrawsEveryoneOnce() {
        assertThat(Raffles.draw(SEED, List.of("b", "a"), 5)).containsExactlyInAnyOrder("a", "b");
        assertThat(Raffles.draw(SEED, List.of(), 3)).isEmpty();
    }

    @Test
    void theCommitmentIsTheSha256OfTheSeed() {
        // sha256 of 32 zero bytes, a well-known value
        assertThat(Raffles.commitment(new byte[32])).isEqualTo("66687aadf862bd776c8fc18b8e9f8e20089714856ee233b3902a591d0d5f2925");
    }

    @Test
    void everyEntrantCanWin() {
        List<String> entrants = List.of("a", "b", "c", "d");
        java.util.Set<String> seen = new java.util.HashSet<>();
        for (int i = 0; i < 200; i++) {
            byte[] seed = SEED.clone();
            seed[31] = (byte) i;
            seen.addAll(Raffles.draw(seed, entrants, 1));
        }
        assertThat(seen).containsExactlyInAnyOrderElementsOf(entrants);
    }
}
