package org.porchlight.identity.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.rest.JsonCodec;
import org.porchlight.identity.Account;
import org.porchlight.identity.Agency;
import org.porchlight.testing.TestDatabase;

/** The directory's statements: agencies by code, accounts by id, address and agency, and the setup token used once. */
class DirectoryRowsTest {

    private static final Instant NOW = Instant.parse("2026-12-06T10:00:00Z");
    /** The store keeps what the codec writes; areas and policies are the codec's business, not the store's. */
    private static final JsonCodec JSON = new JsonCodec() {
        @Override
        public String write(Object value) {
            return "{}";
        }

        @Override
        public <T> T read(String text, Class<T> type) {
            return null;
        }
    };

    private final TestDatabase database = TestDatabase.inMemory("identity");
    private final AgencyRows agencies = new AgencyRows(JSON);

    @Test
    void agenciesAreFoundByCodeListedInOrderAndUpdated() {
        UUID kcpd = agency("KCPD", "Kansas City Police");
        agency("JCSO", "Johnson County Sheriff");

        assertThat(database.<Optional<UUID>>withConnection(c -> AgencyRows.id(c, "KCPD"))).contains(kcpd);
        assertThat(database.<Optional<UUID>>withConnection(c -> AgencyRows.id(c, "OPPD"))).isEmpty();
        assertThat(database.<List<Agency>>withConnection(c -> agencies.agencies(c, null))).extracting(Agency::code)
                .containsExactly("JCSO", "KCPD");
        assertThat(database.<List<Agency>>withConnection(c -> agencies.agencies(c, "KCPD"))).singleElement()
                .satisfies(a -> {
                    assertThat(a.name()).isEqualTo("Kansas City Police");
                    assertThat(a.timeZone()).isEqualTo("America/Chicago");
                    assertThat(a.createdAt()).isEqualTo(NOW);
                });
        Agency renamed = new Agency("KCPD", "KCPD", null, "America/Chicago", "x@example.org", null, Map.of(), NOW);
        assertThat(database.<Integer>inTransaction(c -> {
            assertThat(agencies.lockAll(c)).hasSize(2);
            return agencies.update(c, "KCPD", renamed);
        })).isEqualTo(1);
        assertThat(database.<Integer>inTransaction(c -> agencies.update(c, "OPPD", renamed))).isZero();
        assertThat(database.<List<Agency>>withConnection(c -> agencies.agencies(c, "KCPD")).get(0).name()).isEqualTo("KCPD");
    }

    @Test
    void accountsAreFoundByIdAndAddressAndListedPerAgencyAndRole() {
        UUID kcpd = agency("KCPD", "Kansas City Police");
        UUID officer = account("OFFICER", kcpd, "o@example.org", "Olga", "ACTIVE");
        UUID supervisor = account("SUPERVISOR", kcpd, "s@example.org", "Sam", "ACTIVE");
        account("SUPERVISOR", kcpd, "p@example.org", "Pat", "PENDING");
        UUID resident = account("RESIDENT", null, "r@example.org", "Rae", "ACTIVE");

        Account found = database.<Optional<Account>>withConnection(c -> AccountRows.find(c, officer)).orElseThrow();
        assertThat(found).isEqualTo(new Account(officer, "OFFICER", "KCPD", "o@example.org", "Olga", "ACTIVE", NOW, null, null,
                null));
        assertThat(database.<Optional<Account>>withConnection(c -> AccountRows.find(c, resident)).orElseThrow().agency())
                .isNull();
        assertThat(database.<Optional<UUID>>withConnection(c -> AccountRows.idByEmail(c, "r@example.org"))).contains(resident);
        assertThat(database.<Optional<UUID>>withConnection(c -> AccountRows.idByEmail(c, "x@example.org"))).isEmpty();
        assertThat(database.<List<Account>>withConnection(c -> AccountRows.staff(c, "KCPD"))).extracting(Account::displayName)
                .containsExactly("Olga", "Pat", "Sam");
        assertThat(database.<List<UUID>>withConnection(c -> AccountRows.withRoles(c, "KCPD", "ACTIVE",
                List.of("OFFICER", "SUPERVISOR")))).containsExactlyInAnyOrder(officer, supervisor);
        assertThat(database.<List<UUID>>withConnection(c -> AccountRows.withRoles(c, "KCPD", "ACTIVE", List.of("PIO"))))
                .isEmpty();
    }

    @Test
    void platformAdminsAreCountedAndTheSetupTokenIsUsedOnce() {
        assertThat(database.<Long>withConnection(AccountRows::platformAdmins)).isZero();
        account("PLATFORM_ADMIN", null, "a@example.org", "Ada", "ACTIVE");
        assertThat(database.<Long>withConnection(AccountRows::platformAdmins)).isEqualTo(1);

        String first = "a".repeat(64);
        String second = "b".repeat(64);
        database.inTransaction(c -> {
            SetupTokenRows.replace(c, first, NOW);
            SetupTokenRows.replace(c, second, NOW);
            return null;
        });
        assertThat(database.<Boolean>inTransaction(c -> SetupTokenRows.useUp(c, first))).as("replaced").isFalse();
        assertThat(database.<Boolean>inTransaction(c -> SetupTokenRows.useUp(c, second))).isTrue();
        assertThat(database.<Boolean>inTransaction(c -> SetupTokenRows.useUp(c, second))).as("used up").isFalse();
    }

    private UUID agency(String code, String name) {
        database.inTransaction(c -> {
            agencies.insert(c, code, new Agency(code, name, new Circle(new GeoPoint(39.1, -94.58), 1000), "America/Chicago",
                    "desk@example.org", null, null, NOW), NOW);
            return null;
        });
        return database.<Optional<UUID>>withConnection(c -> AgencyRows.id(c, code)).orElseThrow();
    }

    private UUID account(String role, UUID agency, String email, String name, String status) {
        return database.inTransaction(c -> AccountRows.insert(c, role, agency, email, name, null, status, null, NOW));
    }
}
