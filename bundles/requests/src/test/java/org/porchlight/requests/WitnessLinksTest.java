package org.porchlight.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.evidence.SharedEvidence;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.testing.TestDatabase;

/** What a witness's own page reads through their link: their prepared files and what they shared, nobody else's. */
class WitnessLinksTest {

    private TestDatabase database;
    private WitnessLinks links;
    private InMemoryIntake intake;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.inMemory("requests");
        links = new WitnessLinks(database, null, null); // reading and uploading through a link needs neither
        intake = new InMemoryIntake(Instant.now());
        links.evidence = intake;
    }

    @Test
    void aWitnessSeesTheFilesPreparedThroughTheirLinkUntilSharedAndThenWhatWasShared() {
        String token = link(Instant.now().plus(Duration.ofDays(1)), null);
        String other = link(Instant.now().plus(Duration.ofDays(1)), null);
        EvidenceItem street = upload(token, "street.jpg");
        EvidenceItem yard = upload(token, "yard.jpg");
        upload(other, "elsewhere.jpg");

        assertThat(links.prepared(token)).extracting(EvidenceItem::id).containsExactly(street.id(), yard.id());
        assertThat(links.shared(token)).isEmpty();

        links.share(token, List.of(street.id()));

        assertThat(links.prepared(token)).extracting(EvidenceItem::id).containsExactly(yard.id());
        assertThat(links.shared(token)).extracting(s -> s.item().id()).containsExactly(street.id());
        assertThat(links.shared(other)).isEmpty();
        assertThat(links.prepared(other)).extracting(EvidenceItem::fileName).containsExactly("elsewhere.jpg");
    }

    @Test
    void aClosedOrUnknownLinkShowsNothingAndSaysItIsClosed() {
        String revoked = link(Instant.now().plus(Duration.ofDays(1)), Instant.now());
        String expired = link(Instant.now().minus(Duration.ofMinutes(1)), null);
        for (String token : List.of(revoked, expired, "A".repeat(43))) {
            assertThatThrownBy(() -> links.prepared(token)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(410));
            assertThatThrownBy(() -> links.shared(token)).isInstanceOf(ProblemException.class)
                    .satisfies(e -> assertThat(((ProblemException) e).problem().status()).isEqualTo(410));
        }
    }

    @Test
    void sharedFilesCarryTheirCustodyFacts() {
        String token = link(Instant.now().plus(Duration.ofDays(1)), null);
        EvidenceItem street = upload(token, "street.jpg");
        links.share(token, List.of(street.id()));

        SharedEvidence shared = links.shared(token).get(0);
        assertThat(shared.sharedBy()).startsWith("witness link ");
        assertThat(shared.custodySequence()).isEqualTo(2);
    }

    private EvidenceItem upload(String token, String name) {
        return links.submit(token, name, "image/jpeg", 3, new ByteArrayInputStream(new byte[3]));
    }

    private String link(Instant expires, Instant revoked) {
        String token = (UUID.randomUUID().toString().replace("-", "") + "0123456789A").substring(0, 43);
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO requests.witness_link (id, agency_code, case_number, token_hash, "
                    + "created_by, created_at, expires_at, max_files, max_file_bytes, revoked_at) VALUES (?, 'KCPD', '2026-1', ?, ?, ?, ?, "
                    + "5, 1000, ?)")) {
                s.setObject(1, UUID.randomUUID());
                s.setString(2, WitnessLinks.hash(token));
                s.setObject(3, UUID.randomUUID());
                s.setTimestamp(4, Timestamp.from(Instant.now()));
                s.setTimestamp(5, Timestamp.from(expires));
                s.setTimestamp(6, revoked == null ? null : Timestamp.from(revoked));
                return s.executeUpdate();
            }
        });
        return token;
    }
}
