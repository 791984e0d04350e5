package org.porchlight.incentives;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.porchlight.testing.TestPluginScope.registeredBy;

import java.lang.reflect.Proxy;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.osgi.service.event.Event;
import org.porchlight.api.geo.Circle;
import org.porchlight.api.geo.GeoPoint;
import org.porchlight.api.incentives.IncentiveRule;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.security.Accounts;
import org.porchlight.api.security.IdentityEvents;
import org.porchlight.api.tenancy.Agencies;
import org.porchlight.api.tenancy.AgencyProfile;
import org.porchlight.testing.TestAgencies;
import org.porchlight.testing.TestDatabase;
import org.porchlight.testing.TestPluginScope;

/** Attribution, the ledger and raffles on the embedded database (the ITs run them on PostgreSQL too). */
class ProgrammesTest {

    /** The incentives bundle's id: its own rules serve every agency. */
    static final long OWN_BUNDLE = 9;
    private static final long PLUGIN_BUNDLE = 42;

    private static final Instant NOW = Instant.now();
    private final UUID admin = UUID.randomUUID();
    private final Set<UUID> verified = ConcurrentHashMap.newKeySet();
    private Ledger ledger;
    private Attributions attributions;
    private Programmes programmes;
    private Raffles raffles;
    private PerSignupsRule perSignups;

    @BeforeEach
    void setUp() {
        TestDatabase database = TestDatabase.inMemory("incentives");
        AgencyProfile kcpd = new AgencyProfile("KCPD", "KC Police", new Circle(new GeoPoint(39.1, -94.58), 20_000),
                ZoneId.of("America/Chicago"), Map.of());
        Agencies agencies = TestAgencies.of(kcpd);
        Accounts accounts = new Accounts() {
            @Override
            public Optional<Account> find(UUID account) {
                return Optional.of(new Account(account, "RESIDENT", null, NOW));
            }

            @Override
            public boolean emailVerified(UUID account) {
                return verified.contains(account);
            }
        };
        ledger = new Ledger(database);
        attributions = new Attributions(database, ledger, OWN_BUNDLE);
        programmes = new Programmes(database, agencies, accounts, attributions, config(14, 20, 50));
        perSignups = new PerSignupsRule();
        perSignups.configure(config(14, 20, 50));
        attributions.addRule(perSignups, registeredBy(OWN_BUNDLE, Map.of(IncentiveRule.NAME, PerSignupsRule.NAME)));
        raffles = new Raffles(database, ledger, programmes);
    }

    @Test
    void concurrentSignUpsWithOneCodeAreEachAttributedOnceWithExactlyTheRightCredits() throws Exception {
        String code = code(null);
        ExecutorService pool = Executors.newFixedThreadPool(32);
        List<UUID> residents = new ArrayList<>();
        List<Future<?>> signUps = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            UUID resident = UUID.randomUUID();
            residents.add(resident);
            signUps.add(pool.submit(() -> programmes.attribute(resident, Instant.now(), code)));
        }
        for (Future<?> signUp : signUps) {
            signUp.get();
        }
        assertThat(programmes.campaigns("KCPD").get(0).pending()).isEqualTo(1000);
        assertThat(ledger.balance("KCPD").earned()).as("nothing before the addresses are verified").isZero();
        // Each verification arrives twice (the event and a resident's look at their referral), concurrently.
        List<Future<?>> verifications = new ArrayList<>();
        for (UUID resident : residents) {
            verifications.add(pool.submit(() -> verify(resident)));
            verifications.add(pool.submit(() -> programmes.attributionOf(resident)));
        }
        for (Future<?> verification : verifications) {
            verification.get();
        }
        pool.shutdown();
        assertThat(programmes.campaigns("KCPD").get(0).attributions()).isEqualTo(1000);
        assertThat(programmes.campaigns("KCPD").get(0).pending()).isZero();
        assertThat(ledger.statement("KCPD", 10).attributions()).isEqualTo(new Programmes.States(0, 1000));
        assertThat(programmes.codes("KCPD", programmes.campaigns("KCPD").get(0).id()).get(0).used()).isEqualTo(1000);
        Ledger.Balance balance = ledger.balance("KCPD");
        assertThat(balance.earned()).as("one unit per 20, capped at 50 a year").isEqualTo(50);
        assertThat(balance.balance()).isEqualTo(ledger.headBalance("KCPD")).isEqualTo(50);
    }

    @Test
    void aCappedCodeTakesExactlyItsCapUnderConcurrency() throws Exception {
        String code = code(10);
        AtomicInteger usedUp = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(16);
        List<Future<?>> signUps = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            signUps.add(pool.submit(() -> {
                try {
                    programmes.attribute(UUID.randomUUID(), Instant.now(), code);
                } catch (ProblemException e) {
                    assertThat(e.problem().type()).isEqualTo(Programmes.USED_UP.uri());
                    usedUp.incrementAndGet();
                }
            }));
        }
        for (Future<?> signUp : signUps) {
            signUp.get();
        }
        pool.shutdown();
        assertThat(usedUp).hasValue(30);
        assertThat(programmes.campaigns("KCPD").get(0).pending()).as("pending ones take the cap too").isEqualTo(10);
    }

    @Test
    void anAttributionIsPendingUntilTheAddressIsVerifiedThenCountedOnce() {
        String code = code(null);
        List<UUID> residents = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            UUID resident = UUID.randomUUID();
            residents.add(resident);
            programmes.attribute(resident, Instant.now(), code);
        }
        assertThat(programmes.attributionOf(residents.get(0))).hasValueSatisfying(held -> {
            assertThat(held.state()).isEqualTo(Attributions.PENDING);
            assertThat(held.countedAt()).isNull();
        });
        assertThat(ledger.balance("KCPD").earned()).as("20 sign-ups, none verified: no unit").isZero();
        for (UUID resident : residents.subList(0, 19)) {
            verify(resident);
        }
        assertThat(ledger.balance("KCPD").earned()).as("19 verified: still short of 20").isZero();
        assertThat(attributions.count(residents.get(0))).as("counted once only").isFalse();
        verify(residents.get(19));
        assertThat(ledger.balance("KCPD").earned()).isEqualTo(1);
        assertThat(programmes.attributionOf(residents.get(0))).hasValueSatisfying(held -> {
            assertThat(held.state()).isEqualTo(Attributions.COUNTED);
            assertThat(held.countedAt()).isNotNull();
        });
        assertThat(attributions.count(UUID.randomUUID())).as("no attribution: nothing to count").isFalse();
    }

    @Test
    void aResidentNeverVerifiedOrGoneNeverCountsAndAVerifiedOneEnteringACodeLaterCountsAtOnce() {
        String code = code(null);
        UUID gone = UUID.randomUUID(); // an account deleted before verifying: no event ever comes
        programmes.attribute(gone, Instant.now(), code);
        UUID verifiedFirst = UUID.randomUUID();
        verified.add(verifiedFirst);
        programmes.attribute(verifiedFirst, Instant.now().minus(2, ChronoUnit.DAYS), code);
        assertThat(programmes.attributionOf(gone)).map(Programmes.Held::state).contains(Attributions.PENDING);
        assertThat(programmes.attributionOf(verifiedFirst)).map(Programmes.Held::state).contains(Attributions.COUNTED);
        assertThat(ledger.statement("KCPD", 10).attributions()).isEqualTo(new Programmes.States(1, 1));
        assertThat(programmes.daily("KCPD", java.time.LocalDate.now(ZoneId.of("America/Chicago")).minusDays(1),
                java.time.LocalDate.now(ZoneId.of("America/Chicago")).plusDays(1)))
                .extracting(Programmes.DailyCount::counted, Programmes.DailyCount::pending)
                .containsExactly(org.assertj.core.groups.Tuple.tuple(1L, 1L));
    }

    @Test
    void aMissedVerificationEventIsMadeUpWhenTheResidentLooksAtTheirReferral() {
        String code = code(null);
        UUID resident = UUID.randomUUID();
        programmes.attribute(resident, Instant.now(), code);
        verified.add(resident); // verified while this bundle was stopped: the event went nowhere
        assertThat(programmes.attributionOf(resident)).map(Programmes.Held::state).contains(Attributions.COUNTED);
        assertThat(programmes.campaigns("KCPD").get(0).attributions()).isEqualTo(1);
    }

    @Test
    void eachResidentOnceAndOnlyWithinTheGracePeriodAndOnlyWithAValidCode() {
        UUID campaign = programmes.createCampaign("KCPD", "Doorbells", "Vendor", List.of(), null, admin).id();
        String code = programmes.createCode("KCPD", campaign, null, NOW.minus(1, ChronoUnit.DAYS), NOW.plus(1, ChronoUnit.DAYS), null).code();
        String later = programmes.createCode("KCPD", campaign, null, NOW.plus(1, ChronoUnit.DAYS), NOW.plus(2, ChronoUnit.DAYS), null).code();
        String over = programmes.createCode("KCPD", campaign, null, NOW.minus(2, ChronoUnit.DAYS), NOW.minus(1, ChronoUnit.DAYS), null).code();
        UUID resident = UUID.randomUUID();
        assertThat(programmes.attribute(resident, NOW, ReferralCodes.display(code).toLowerCase()).code()).isEqualTo(code);
        assertProblem(() -> programmes.attribute(resident, NOW, code), Programmes.ALREADY);
        assertProblem(() -> programmes.attribute(UUID.randomUUID(), NOW, "ACDEFACDEF"), Programmes.UNKNOWN_CODE);
        assertProblem(() -> programmes.attribute(UUID.randomUUID(), NOW, "not a code"), Programmes.UNKNOWN_CODE);
        assertProblem(() -> programmes.attribute(UUID.randomUUID(), NOW, later), Programmes.NOT_YET_VALID);
        assertProblem(() -> programmes.attribute(UUID.randomUUID(), NOW, over), Programmes.EXPIRED);
        assertProblem(() -> programmes.attribute(UUID.randomUUID(), NOW.minus(15, ChronoUnit.DAYS), code), Programmes.GRACE_OVER);
        assertThat(programmes.attribute(UUID.randomUUID(), NOW.minus(13, ChronoUnit.DAYS), code)).isNotNull();
    }

    @Test
    void aRuleChangeAppliesToLaterAttributionsOnlyAndTheLedgerKeepsItsHistory() {
        String code = code(null);
        for (int i = 0; i < 20; i++) {
            UUID resident = UUID.randomUUID();
            programmes.attribute(resident, Instant.now(), code);
            verify(resident);
        }
        assertThat(ledger.balance("KCPD").earned()).isEqualTo(1);
        // A bundle update replaces the rule with a generous one: 2 units for every sign-up.
        attributions.removeRule(perSignups);
        attributions.addRule(tally -> 2, registeredBy(OWN_BUNDLE, Map.of(IncentiveRule.NAME, PerSignupsRule.NAME)));
        UUID resident = UUID.randomUUID();
        programmes.attribute(resident, Instant.now(), code);
        verify(resident);
        assertThat(ledger.balance("KCPD").earned()).isEqualTo(3);
        assertThat(ledger.entries("KCPD", 10)).extracting(Ledger.Entry::units).containsExactlyInAnyOrder(1, 2);
    }

    @Test
    void rafflesAwardOnlyWhatTheLedgerHoldsAndRedeemTheWinnersUnits() {
        assertProblem(() -> raffles.create("KCPD", null, "Block party", 1, admin), Ledger.INSUFFICIENT);
        ledger.adjust("KCPD", 3, "Units received before Porchlight", admin);
        Raffles.Raffle raffle = raffles.create("KCPD", null, "Block party", 2, admin);
        assertThat(raffle.commitment()).hasSize(64);
        assertThat(raffle.seed()).isNull();
        raffles.enter("KCPD", raffle.id(), List.of("T-003", "T-001", "T-002"), 100);
        Raffles.Raffle drawn = raffles.close("KCPD", raffle.id(), admin);
        assertThat(drawn.winners()).hasSize(2);
        assertThat(Raffles.commitment(HexFormat.of().parseHex(drawn.seed()))).isEqualTo(raffle.commitment());
        assertThat(Raffles.draw(HexFormat.of().parseHex(drawn.seed()), drawn.entrants(), 2)).isEqualTo(drawn.winners());
        assertThat(ledger.balance("KCPD").balance()).isEqualTo(1).isEqualTo(ledger.headBalance("KCPD"));
        assertProblem(() -> raffles.enter("KCPD", raffle.id(), List.of("T-009"), 100), Raffles.NOT_OPEN);
        assertProblem(() -> ledger.adjust("KCPD", -2, "Too much", admin), Ledger.INSUFFICIENT);
    }

    @Test
    void aCodeEnteredWhileTheRuleIsAwayIsKeptPendingNotRefusedAndCountedAtTheNextLook() {
        String code = code(null);
        UUID resident = UUID.randomUUID();
        verified.add(resident);
        attributions.removeRule(perSignups);
        programmes.attribute(resident, NOW.minus(2, ChronoUnit.DAYS), code);
        assertThat(programmes.attributionOf(resident).orElseThrow().state()).isEqualTo(Attributions.PENDING);

        attributions.addRule(perSignups, registeredBy(OWN_BUNDLE, Map.of(IncentiveRule.NAME, PerSignupsRule.NAME)));
        assertThat(programmes.attributionOf(resident).orElseThrow().state()).isEqualTo(Attributions.COUNTED);
    }

    @Test
    void aCampaignCanBeCreatedOnlyWithARuleThatServesItsAgency() {
        attributions.addRule(tally -> 5, registeredBy(PLUGIN_BUNDLE, Map.of(IncentiveRule.NAME, "vendor-rule")));
        assertProblem(() -> programmes.createCampaign("KCPD", "D", "Vendor", List.of(), "vendor-rule", admin),
                Programmes.UNKNOWN_RULE);
        TestPluginScope scope = new TestPluginScope().enable(PLUGIN_BUNDLE, "JCSO");
        attributions.setScope(scope);
        assertProblem(() -> programmes.createCampaign("KCPD", "D", "Vendor", List.of(), "vendor-rule", admin),
                Programmes.UNKNOWN_RULE);
        assertProblem(() -> programmes.createCampaign("KCPD", "D", "Vendor", List.of(), "no-such-rule", admin),
                Programmes.UNKNOWN_RULE);
        scope.enable(PLUGIN_BUNDLE, "KCPD");
        assertThat(programmes.createCampaign("KCPD", "D", "Vendor", List.of(), "vendor-rule", admin).rule())
                .isEqualTo("vendor-rule");
        assertThat(programmes.createCampaign("KCPD", "D", "Vendor", List.of(), null, admin).rule())
                .as("this bundle's own rule serves every agency").isEqualTo(PerSignupsRule.NAME);
    }

    @Test
    void aRuleThatNoLongerServesTheAgencyIsAwayAndItsAttributionsWaitPending() {
        attributions.addRule(tally -> 5, registeredBy(PLUGIN_BUNDLE, Map.of(IncentiveRule.NAME, "vendor-rule")));
        TestPluginScope scope = new TestPluginScope().enable(PLUGIN_BUNDLE, "KCPD");
        attributions.setScope(scope);
        UUID campaign = programmes.createCampaign("KCPD", "D", "Vendor", List.of(), "vendor-rule", admin).id();
        String code = programmes.createCode("KCPD", campaign, "flyer", NOW.minus(1, ChronoUnit.DAYS),
                NOW.plus(30, ChronoUnit.DAYS), null).code();
        UUID resident = UUID.randomUUID();
        programmes.attribute(resident, NOW.minus(2, ChronoUnit.DAYS), code);

        scope.disable(PLUGIN_BUNDLE, "KCPD");
        verified.add(resident);
        assertProblem(() -> attributions.count(resident, Duration.ZERO), Programmes.RULE_UNAVAILABLE);
        attributions.setScope(scope.enable(PLUGIN_BUNDLE, "KCPD"));
        attributions.unsetScope(scope);
        assertProblem(() -> attributions.count(resident, Duration.ZERO), Programmes.RULE_UNAVAILABLE);
        assertThat(ledger.balance("KCPD").earned()).isZero();

        attributions.setScope(scope);
        assertThat(attributions.count(resident, Duration.ZERO)).isTrue();
        assertThat(ledger.balance("KCPD").earned()).isEqualTo(5);
    }

    // ---- helpers

    /** The resident follows the mailed link: identity marks them verified and posts the event, which counts them. */
    @Test
    void aStatementNeverShowsASignUpCountedWithoutTheUnitsItEarned() throws Exception {
        attributions.addRule(tally -> 1, registeredBy(OWN_BUNDLE, Map.of(IncentiveRule.NAME, "one-each")));
        UUID campaign = programmes.createCampaign("KCPD", "One each", "Vendor", List.of("Vendr"), "one-each", admin).id();
        String code = programmes.createCode("KCPD", campaign, "flyer", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS),
                null).code();
        List<UUID> residents = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            UUID resident = UUID.randomUUID();
            residents.add(resident);
            programmes.attribute(resident, Instant.now(), code);
        }
        ExecutorService pool = Executors.newFixedThreadPool(6);
        List<Future<?>> verifications = new ArrayList<>();
        for (UUID resident : residents) {
            verifications.add(pool.submit(() -> verify(resident)));
        }
        // Two readers while the verifications commit: each statement is one moment, so what it counts it has earned.
        List<Future<Integer>> readers = new ArrayList<>();
        for (int r = 0; r < 2; r++) {
            readers.add(pool.submit(() -> {
                int read = 0;
                while (verifications.stream().anyMatch(v -> !v.isDone())) {
                    Ledger.Statement statement = ledger.statement("KCPD", 1);
                    assertThat(statement.balance().earned()).as("units earned against sign-ups counted")
                            .isEqualTo(statement.attributions().counted());
                    read++;
                }
                return read;
            }));
        }
        for (Future<?> verification : verifications) {
            verification.get();
        }
        for (Future<Integer> reader : readers) {
            assertThat(reader.get()).isPositive();
        }
        pool.shutdown();
        Ledger.Statement last = ledger.statement("KCPD", 1000);
        assertThat(last.attributions()).isEqualTo(new Programmes.States(0, 300));
        assertThat(last.balance().earned()).isEqualTo(300);
        assertThat(last.entries()).hasSize(300);
    }

    private void verify(UUID resident) {
        verified.add(resident);
        new VerifiedSignUps(attributions).handleEvent(new Event(IdentityEvents.EMAIL_VERIFIED,
                Map.of(IdentityEvents.ACCOUNT, resident.toString())));
    }

    private String code(Integer cap) {
        UUID campaign = programmes.createCampaign("KCPD", "Doorbells for sign-ups", "Vendor", List.of("Vendr"), null, admin).id();
        return programmes.createCode("KCPD", campaign, "flyer", NOW.minus(1, ChronoUnit.DAYS), NOW.plus(30, ChronoUnit.DAYS), cap).code();
    }

    private static void assertProblem(Runnable call, org.porchlight.api.problem.ProblemType type) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().type()).isEqualTo(type.uri()));
    }

    static IncentivesConfiguration config(int graceDays, int perUnit, int maxPerYear) {
        return (IncentivesConfiguration) Proxy.newProxyInstance(IncentivesConfiguration.class.getClassLoader(),
                new Class<?>[] {IncentivesConfiguration.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "gracePeriodDays" -> graceDays;
                    case "signupsPerUnit" -> perUnit;
                    case "maxUnitsPerYear" -> maxPerYear;
                    default -> method.getDefaultValue();
                });
    }
}
