package org.porchlight.requests;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.evidence.EvidenceItem;
import org.porchlight.api.notify.Notification;
import org.porchlight.api.notify.Outbox;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.api.security.PseudonymService;
import org.porchlight.requests.ShareWorkflow.Decision;
import org.porchlight.testing.TestDatabase;

/**
 * Consent first: an upload only prepares a file; nothing reaches the agency (no evidence, no
 * answer, no notification) until the owner names the files to share; declining costs nothing.
 */
class ShareWorkflowTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");

    private TestDatabase database;
    private ShareWorkflow shares;
    private InMemoryIntake intake;
    private RequestData personal;
    private final List<Notification> told = new ArrayList<>();
    private final UUID owner = UUID.randomUUID();
    private UUID request;
    private UUID delivery;

    @BeforeEach
    void setUp() throws Exception {
        database = TestDatabase.inMemory("requests");
        JsonCodec json = new NoAreaJson();
        PseudonymService pseudonyms = new PseudonymService() {
            @Override
            public Pseudonym pseudonym(UUID resident, String agencyCode) {
                return new Pseudonym(4821);
            }

            @Override
            public Pseudonym platformPseudonym(UUID resident) {
                return new Pseudonym(1);
            }
        };
        shares = new ShareWorkflow(database, json, pseudonyms, Clock.fixed(NOW, ZoneOffset.UTC));
        intake = new InMemoryIntake(NOW);
        shares.evidence = intake;
        personal = new RequestData(database, json);
        personal.evidence = intake;
        shares.outbox = new Outbox() {
            @Override
            public int enqueue(Connection transaction, List<Notification> notifications) {
                told.addAll(notifications);
                return notifications.size();
            }
        };
        request = UUID.randomUUID();
        delivery = UUID.randomUUID();
        insertRequest("ACTIVE", NOW.plus(Duration.ofDays(7)));
    }

    @Test
    void anUploadPreparesAFileThatTheAgencyDoesNotSeeAndTheAnswerStaysPending() {
        EvidenceItem item = upload("porch.mp4");

        assertThat(intake.prepared("KCPD", "response:" + delivery)).extracting(EvidenceItem::id).containsExactly(item.id());
        assertThat(intake.sharedIds()).isEmpty();
        assertThat(status()).isEqualTo("PENDING");
        assertThat(told).as("no notification to staff for a prepared file").isEmpty();
    }

    @Test
    void aPreparedFileCanBeRemovedAndThenNoLongerShared() {
        EvidenceItem item = upload("porch.mp4");

        shares.remove(owner, delivery, item.id());

        assertThat(intake.prepared("KCPD", "response:" + delivery)).isEmpty();
        assertThatThrownBy(() -> shares.answer(owner, delivery, Decision.SHARE, List.of(item.id()), null, false))
                .satisfies(e -> assertThat(problem(e).problem().status()).isEqualTo(409));
        assertThat(status()).isEqualTo("PENDING");
        assertThatThrownBy(() -> shares.remove(owner, delivery, item.id())).satisfies(e -> assertThat(problem(e).problem().status())
                .isEqualTo(404));
    }

    @Test
    void declineAfterAnUploadIsAllowedAndDiscardsWhatWasPrepared() {
        upload("porch.mp4");
        upload("yard.mp4");

        shares.answer(owner, delivery, Decision.DECLINE, null, "not comfortable", false);

        assertThat(status()).isEqualTo("DECLINED");
        assertThat(intake.items).isEmpty();
        assertThat(told).extracting(n -> n.data().get("answer")).containsExactly("DECLINED");
    }

    @Test
    void nothingAfterAnUploadAlsoDiscardsWhatWasPrepared() {
        upload("porch.mp4");

        shares.answer(owner, delivery, Decision.NOTHING, null, null, false);

        assertThat(status()).isEqualTo("NOTHING");
        assertThat(intake.items).isEmpty();
    }

    @Test
    void confirmingSharesExactlyTheNamedFilesAndTellsTheAgencyOnce() {
        EvidenceItem porch = upload("porch.mp4");
        EvidenceItem yard = upload("yard.mp4");

        shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false);

        assertThat(status()).isEqualTo("SHARED");
        assertThat(intake.sharedIds()).containsExactly(porch.id());
        assertThat(intake.prepared("KCPD", "response:" + delivery)).extracting(EvidenceItem::id).containsExactly(yard.id());
        assertThat(told).hasSize(1);
        assertThat(told.get(0).topic()).isEqualTo("footage-request.answer");
        assertThat(told.get(0).data()).containsEntry("answer", "SHARED").containsEntry("response", delivery.toString())
                .containsEntry("request", request.toString()).containsEntry("pseudonym", "Neighbor 0000-0000-4821");
        assertThat(shares.shared(owner, delivery)).extracting(s -> s.item().id()).containsExactly(porch.id());
        assertThat(shares.shared(owner, delivery).get(0).sharedAt()).isEqualTo(NOW);
    }

    @Test
    void confirmingTheSameFilesTwiceIsRefusedAndChangesNothing() {
        EvidenceItem porch = upload("porch.mp4");
        shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false);

        assertThatThrownBy(() -> shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false))
                .satisfies(e -> assertThat(problem(e).problem().type().toString()).isEqualTo("urn:porchlight:problem:file-not-prepared"));

        assertThat(intake.sharedIds()).containsExactly(porch.id());
        assertThat(told).as("one announcement").hasSize(1);
    }

    @Test
    void aLaterConfirmationSharesMoreFilesWithoutASecondAnnouncement() {
        EvidenceItem porch = upload("porch.mp4");
        shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false);
        EvidenceItem yard = upload("yard.mp4");

        shares.answer(owner, delivery, Decision.SHARE, List.of(yard.id()), null, false);

        assertThat(intake.sharedIds()).containsExactly(porch.id(), yard.id());
        assertThat(told).hasSize(1);
    }

    @Test
    void aConfirmationNamingOneFileThatIsNotPreparedSharesNone() {
        EvidenceItem porch = upload("porch.mp4");

        assertThatThrownBy(() -> shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id(), UUID.randomUUID()), null, false))
                .satisfies(e -> assertThat(problem(e).problem().type().toString()).isEqualTo("urn:porchlight:problem:file-not-prepared"));

        assertThat(intake.sharedIds()).isEmpty();
        assertThat(status()).isEqualTo("PENDING");
        assertThat(told).isEmpty();
    }

    @Test
    void aConfirmationWithNoFilesIsRefused() {
        upload("porch.mp4");

        for (List<UUID> none : java.util.Arrays.asList(null, List.<UUID>of())) {
            assertThatThrownBy(() -> shares.answer(owner, delivery, Decision.SHARE, none, null, false))
                    .satisfies(e -> assertThat(problem(e).problem().type().toString()).isEqualTo("urn:porchlight:problem:nothing-uploaded"));
        }
        assertThat(status()).isEqualTo("PENDING");
        assertThat(intake.sharedIds()).isEmpty();
    }

    @Test
    void afterSharingTheOwnerCannotDeclineOrRemoveASharedFile() {
        EvidenceItem porch = upload("porch.mp4");
        shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false);

        for (Decision decision : List.of(Decision.DECLINE, Decision.NOTHING)) {
            assertThatThrownBy(() -> shares.answer(owner, delivery, decision, null, null, false))
                    .satisfies(e -> assertThat(problem(e).problem().type().toString()).isEqualTo("urn:porchlight:problem:already-shared"));
        }
        assertThatThrownBy(() -> shares.remove(owner, delivery, porch.id()))
                .satisfies(e -> assertThat(problem(e).problem().type().toString()).isEqualTo("urn:porchlight:problem:already-shared"));
        assertThat(intake.sharedIds()).containsExactly(porch.id());
    }

    @Test
    void noConfirmationOrUploadAfterTheRequestClosedOrExpired() throws Exception {
        EvidenceItem porch = upload("porch.mp4");
        for (String state : List.of("CLOSED", "WITHDRAWN", "EXPIRED")) {
            setState(state, NOW.plus(Duration.ofDays(7)));
            assertThatThrownBy(() -> shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false))
                    .satisfies(e -> assertThat(problem(e).problem().type().toString()).isEqualTo("urn:porchlight:problem:request-not-open"));
            assertThatThrownBy(() -> upload("late.mp4")).satisfies(e -> assertThat(problem(e).problem().type().toString())
                    .isEqualTo("urn:porchlight:problem:request-not-open"));
        }
        setState("ACTIVE", NOW.minusSeconds(1)); // past its expiry, before the lifecycle job noticed
        assertThatThrownBy(() -> shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false))
                .satisfies(e -> assertThat(problem(e).problem().type().toString()).isEqualTo("urn:porchlight:problem:request-not-open"));

        assertThat(intake.sharedIds()).isEmpty();
        assertThat(status()).isEqualTo("PENDING");
        shares.remove(owner, delivery, porch.id()); // a prepared file can still be removed
        assertThat(intake.items).isEmpty();
    }

    @Test
    void anotherResidentCannotPrepareRemoveOrShareOnSomeoneElsesAnswer() {
        EvidenceItem porch = upload("porch.mp4");
        UUID other = UUID.randomUUID();

        assertThatThrownBy(() -> shares.answer(other, delivery, Decision.SHARE, List.of(porch.id()), null, false))
                .satisfies(e -> assertThat(problem(e).problem().status()).isEqualTo(404));
        assertThatThrownBy(() -> shares.remove(other, delivery, porch.id())).satisfies(e -> assertThat(problem(e).problem().status())
                .isEqualTo(404));
        assertThatThrownBy(() -> shares.prepare(other, delivery, "x.mp4", "video/mp4", 1, new ByteArrayInputStream(new byte[1])))
                .satisfies(e -> assertThat(problem(e).problem().status()).isEqualTo(404));
        assertThat(intake.items).hasSize(1);
        assertThat(intake.sharedIds()).isEmpty();
    }

    @Test
    void anOwnerDeletingTheirAccountTakesUnsharedFilesAndUnansweredRequestsAlongAndLeavesWhatWasShared() {
        EvidenceItem porch = upload("porch.mp4");
        upload("yard.mp4");
        shares.answer(owner, delivery, Decision.SHARE, List.of(porch.id()), null, false);

        assertThat(personal.export(owner).toString()).contains("porch.mp4").contains("yard.mp4").contains("SHARED");
        assertThat(personal.erase(owner)).isEqualTo(new Erasure(1, 1));

        assertThat(intake.prepared("KCPD", "response:" + delivery)).as("the unshared file is gone").isEmpty();
        assertThat(intake.sharedIds()).as("the shared one stays in custody").containsExactly(porch.id());
        assertThat(status()).as("the answer stays for the agency's figures").isEqualTo("SHARED");
        assertThat(personal.erase(owner)).as("nothing more the second time").isEqualTo(new Erasure(0, 1));
    }

    @Test
    void anUnansweredRequestGoesWithTheAccountAndNothingIsErasedWithoutTheEvidenceModule() {
        upload("porch.mp4");
        personal.evidence = null;
        assertThat(personal.unavailable()).containsExactly("evidence");
        assertThatThrownBy(() -> personal.erase(owner)).satisfies(e -> assertThat(problem(e).problem().status()).isEqualTo(503));
        assertThat(status()).isEqualTo("PENDING");

        personal.evidence = intake;
        assertThat(personal.erase(owner)).isEqualTo(new Erasure(2, 0));
        assertThat(intake.items).isEmpty();
        assertThat(personal.export(owner)).isEqualTo(List.of());
    }

    @Test
    void anErasureTheEvidenceModuleFailsChangesNoRequestAndTheNextOneFinishes() {
        EvidenceItem porch = upload("porch.mp4");
        intake.failDiscards = true;

        assertThatThrownBy(() -> personal.erase(owner)).isInstanceOf(IllegalStateException.class);

        assertThat(status()).as("the request is still the resident's").isEqualTo("PENDING");
        assertThat(intake.prepared("KCPD", "response:" + delivery)).extracting(EvidenceItem::id).containsExactly(porch.id());
        intake.failDiscards = false;
        assertThat(personal.erase(owner)).isEqualTo(new Erasure(2, 0));
        assertThat(personal.export(owner)).isEqualTo(List.of());
        assertThat(personal.erase(owner)).as("idempotent").isEqualTo(new Erasure(0, 0));
    }

    // ---- helpers

    private EvidenceItem upload(String name) {
        return shares.prepare(owner, delivery, name, "video/mp4", 3, new ByteArrayInputStream(new byte[] {1, 2, 3}));
    }

    private static ProblemException problem(Throwable e) {
        assertThat(e).isInstanceOf(ProblemException.class);
        return (ProblemException) e;
    }

    private String status() {
        return database.withConnection(c -> {
            try (PreparedStatement s = c.prepareStatement("SELECT status FROM requests.delivery WHERE id = ?")) {
                s.setObject(1, delivery);
                try (ResultSet rs = s.executeQuery()) {
                    rs.next();
                    return rs.getString(1);
                }
            }
        });
    }

    private void insertRequest(String state, Instant expires) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("INSERT INTO requests.footage_request (id, agency_code, case_number, case_key, "
                    + "incident_type, window_start, window_end, area, area_square_miles, public_latitude, public_longitude, message, "
                    + "expires_at, state, created_by, created_at, updated_at) VALUES (?, 'KCPD', '2026-1', '2026l', 'ARSON', ?, ?, '{}', "
                    + "0.1, 39.1, -94.58, 'footage please', ?, ?, ?, ?, ?)")) {
                s.setObject(1, request);
                s.setTimestamp(2, Timestamp.from(NOW.minus(Duration.ofDays(2))));
                s.setTimestamp(3, Timestamp.from(NOW.minus(Duration.ofDays(1))));
                s.setTimestamp(4, Timestamp.from(expires));
                s.setString(5, state);
                s.setObject(6, UUID.randomUUID());
                s.setTimestamp(7, Timestamp.from(NOW));
                s.setTimestamp(8, Timestamp.from(NOW));
                s.executeUpdate();
            }
            try (PreparedStatement s = c.prepareStatement("INSERT INTO requests.delivery (id, request_id, owner_id, registrations, status, "
                    + "created_at) VALUES (?, ?, ?, ?, 'PENDING', ?)")) {
                s.setObject(1, delivery);
                s.setObject(2, request);
                s.setObject(3, owner);
                s.setString(4, UUID.randomUUID().toString());
                s.setTimestamp(5, Timestamp.from(NOW));
                s.executeUpdate();
            }
            return null;
        });
    }

    private void setState(String state, Instant expires) {
        database.inTransaction(c -> {
            try (PreparedStatement s = c.prepareStatement("UPDATE requests.footage_request SET state = ?, expires_at = ? WHERE id = ?")) {
                s.setString(1, state);
                s.setTimestamp(2, Timestamp.from(expires));
                s.setObject(3, request);
                return s.executeUpdate();
            }
        });
    }
}
