package org.porchlight.identity.personal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.api.store.StorageException;

/** Export and deletion across modules: all sections or none, and nothing erased while a module is missing. */
class ResidentDataWorkflowTest {

    private final UUID resident = UUID.randomUUID();
    private final SortedMap<String, PersonalDataHolder> holders = new TreeMap<>();
    private final List<String> calls = new ArrayList<>();
    private final List<String> recorded = new ArrayList<>();
    private long ownRemoved = 3;

    private final ResidentDataWorkflow.OwnAccount own = new ResidentDataWorkflow.OwnAccount() {
        @Override
        public Map<String, Object> export(UUID account) {
            return Map.of("email", "me@example.org");
        }

        @Override
        public long remove(UUID account) {
            calls.add("erase account");
            return ownRemoved;
        }
    };

    private final ResidentDataWorkflow.Record record = new ResidentDataWorkflow.Record() {
        @Override
        public void erased(UUID account, Map<String, Erasure> receipt) {
            recorded.add("erased " + receipt.keySet());
        }

        @Override
        public void failed(UUID account, String section) {
            recorded.add("failed " + section);
        }
    };

    private ResidentDataWorkflow workflow(String... required) {
        return new ResidentDataWorkflow(() -> new TreeMap<>(holders), List.of(required), own, record,
                () -> Instant.parse("2026-12-06T12:00:00Z"));
    }

    /** A holder that records its calls, erasing {@code removed} rows and keeping {@code kept}. */
    private PersonalDataHolder holder(String section, long removed, long kept) {
        return new PersonalDataHolder() {
            @Override
            public Object export(UUID account) {
                calls.add("export " + section);
                return List.of(section + " of " + account);
            }

            @Override
            public Erasure erase(UUID account) {
                calls.add("erase " + section);
                return new Erasure(removed, kept);
            }
        };
    }

    @Test
    void theExportHoldsTheAccountAndEverySectionOfTheResident() {
        holders.put("requests", holder("requests", 0, 0));
        holders.put("cameras", holder("cameras", 0, 0));

        Map<String, Object> export = workflow("cameras").export(resident);

        assertThat(export).containsKeys("format", "exportedAt", "account", "cameras", "requests");
        assertThat(export.keySet()).containsExactly("format", "exportedAt", "account", "cameras", "requests");
        assertThat(export.get("cameras")).isEqualTo(List.of("cameras of " + resident));
        assertThat(export.get("account")).isEqualTo(Map.of("email", "me@example.org"));
    }

    @Test
    void deletionErasesEverySectionThenTheAccountAndRecordsCountsOnly() {
        holders.put("cameras", holder("cameras", 2, 0));
        holders.put("requests", holder("requests", 1, 4));

        ResidentDataWorkflow.Receipt receipt = workflow("cameras", "requests").erase(resident);

        assertThat(calls).containsExactly("erase cameras", "erase requests", "erase account");
        assertThat(receipt.deleted()).isTrue();
        assertThat(receipt.sections()).containsEntry("cameras", new Erasure(2, 0)).containsEntry("requests", new Erasure(1, 4))
                .containsEntry("account", new Erasure(3, 0));
        assertThat(recorded).containsExactly("erased [cameras, requests, account]");
        ownRemoved = 0;
        assertThat(workflow("cameras", "requests").erase(resident).deleted()).as("removed by another deletion meanwhile")
                .isFalse();
    }

    @Test
    void aMissingModuleRefusesTheDeletionBeforeAnythingIsErased() {
        holders.put("cameras", holder("cameras", 2, 0));

        assertThatThrownBy(() -> workflow("cameras", "inbox", "requests").erase(resident))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.problem().status()).isEqualTo(503);
                    assertThat(e.problem().type()).isEqualTo(ResidentDataWorkflow.UNAVAILABLE.uri());
                    assertThat(e.problem().detail()).contains("not running: inbox, requests").doesNotContain("cameras");
                });
        assertThat(calls).isEmpty();
        assertThat(recorded).isEmpty();
    }

    @Test
    void aMissingModuleRefusesTheExportToo() {
        assertThatThrownBy(() -> workflow("inbox").export(resident)).isInstanceOfSatisfying(ProblemException.class,
                e -> assertThat(e.problem().status()).isEqualTo(503));
        assertThat(calls).isEmpty();
    }

    @Test
    void aModuleThatCannotReachWhatItNeedsRefusesTheDeletionBeforeAnythingIsErased() {
        holders.put("cameras", holder("cameras", 2, 0));
        PersonalDataHolder requests = holder("requests", 1, 0);
        holders.put("requests", new PersonalDataHolder() {
            @Override
            public Object export(UUID account) {
                return requests.export(account);
            }

            @Override
            public Erasure erase(UUID account) {
                return requests.erase(account);
            }

            @Override
            public List<String> unavailable() {
                return List.of("evidence");
            }
        });

        assertThatThrownBy(() -> workflow("cameras", "requests", "inbox").erase(resident))
                .isInstanceOfSatisfying(ResidentDataWorkflow.SectionsProblem.class, e -> {
                    assertThat(e.problem().detail()).contains("requests needs evidence");
                    assertThat(e.names()).as("names only, for a page in any language").containsExactly("inbox", "evidence");
                });
        assertThat(calls).isEmpty();
    }

    @Test
    void aModuleFailingMidwayKeepsTheAccountNamesTheModuleAndASecondDeletionFinishes() {
        holders.put("cameras", holder("cameras", 2, 0));
        boolean[] broken = {true};
        holders.put("inbox", new PersonalDataHolder() {
            @Override
            public Object export(UUID account) {
                return List.of();
            }

            @Override
            public Erasure erase(UUID account) {
                calls.add("erase inbox");
                if (broken[0]) {
                    throw new IllegalStateException("database gone");
                }
                return new Erasure(5, 0);
            }
        });
        holders.put("requests", holder("requests", 1, 0));
        ResidentDataWorkflow workflow = workflow("cameras", "inbox", "requests");

        assertThatThrownBy(() -> workflow.erase(resident)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().type()).isEqualTo(ResidentDataWorkflow.INCOMPLETE.uri());
            assertThat(e.problem().status()).isEqualTo(503);
            assertThat(e.problem().detail()).contains("'inbox'").contains("already erased: cameras")
                    .doesNotContain("database gone");
            assertThat(((ResidentDataWorkflow.SectionsProblem) e).names()).containsExactly("inbox");
        });
        assertThat(calls).containsExactly("erase cameras", "erase inbox");
        assertThat(recorded).containsExactly("failed inbox");

        broken[0] = false;
        calls.clear();
        ResidentDataWorkflow.Receipt receipt = workflow.erase(resident);
        assertThat(calls).containsExactly("erase cameras", "erase inbox", "erase requests", "erase account");
        assertThat(receipt.sections()).containsEntry("inbox", new Erasure(5, 0));
    }

    @Test
    void aModuleFailingDuringTheExportIsNamedWithoutItsError() {
        holders.put("cameras", new PersonalDataHolder() {
            @Override
            public Object export(UUID account) {
                throw new IllegalStateException("secret detail");
            }

            @Override
            public Erasure erase(UUID account) {
                return Erasure.none();
            }
        });

        assertThatThrownBy(() -> workflow().export(resident)).isInstanceOfSatisfying(ProblemException.class, e -> {
            assertThat(e.problem().type()).isEqualTo(ResidentDataWorkflow.EXPORT_FAILED.uri());
            assertThat(e.problem().detail()).contains("'cameras'").doesNotContain("secret");
        });
    }

    @Test
    void aModuleWithoutDataAndNotRequiredTakesPartWhileItRuns() {
        holders.put("sightings", holder("sightings", 0, 0));

        assertThat(workflow().erase(resident).sections()).containsKeys("sightings", "account");
        assertThat(calls).containsExactly("erase sightings", "erase account");
    }

    @Test
    void aFailingModuleIsLoggedByItsSectionAndTheKindOfFailureNeverByItsMessage() {
        String id = resident.toString();
        holders.put("inbox", new PersonalDataHolder() {
            @Override
            public Object export(UUID account) {
                throw new StorageException("export of " + account, new SQLException("no row " + account, "08006"));
            }

            @Override
            public Erasure erase(UUID account) {
                throw new StorageException("delete of " + account, new SQLException("row " + account + " is referenced", "23503"));
            }
        });

        String erasing = standardErrorDuring(() -> assertThatThrownBy(() -> workflow("inbox").erase(resident))
                .isInstanceOf(ProblemException.class));
        assertThat(erasing).contains("Section inbox of an account deletion failed")
                .contains(StorageException.class.getName() + ", SQL state 23503").doesNotContain(id);
        String exporting = standardErrorDuring(() -> assertThatThrownBy(() -> workflow("inbox").export(resident))
                .isInstanceOf(ProblemException.class));
        assertThat(exporting).contains("Section inbox of a personal data export failed").contains("SQL state 08006")
                .doesNotContain(id);
    }

    /** What was logged: slf4j-simple writes to whatever System.err is at the time. */
    private static String standardErrorDuring(Runnable action) {
        PrintStream original = System.err;
        ByteArrayOutputStream buffer = new ByteArrayOutputStream();
        System.setErr(new PrintStream(buffer, true, StandardCharsets.UTF_8));
        try {
            action.run();
        } finally {
            System.setErr(original);
        }
        return buffer.toString(StandardCharsets.UTF_8);
    }
}
