package org.porchlight.identity.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.porchlight.api.personal.Erasure;
import org.porchlight.api.personal.PersonalDataHolder;
import org.porchlight.identity.personal.ResidentDataWorkflow;
import org.porchlight.testing.TestPageRequest;

/** A refused deletion told on the page in the reader's language, with only section and module names from the problem. */
class AccountDataPageTest {

    private static final ResidentDataWorkflow.OwnAccount OWN = new ResidentDataWorkflow.OwnAccount() {
        @Override
        public Map<String, Object> export(UUID account) {
            return Map.of();
        }

        @Override
        public long remove(UUID account) {
            return 1;
        }
    };

    private static final ResidentDataWorkflow.Record RECORD = new ResidentDataWorkflow.Record() {
        @Override
        public void erased(UUID account, Map<String, Erasure> receipt) {
        }

        @Override
        public void failed(UUID account, String section) {
        }
    };

    private static ResidentDataWorkflow.SectionsProblem refusal(TreeMap<String, PersonalDataHolder> holders,
            String... required) {
        ResidentDataWorkflow workflow = new ResidentDataWorkflow(() -> new TreeMap<>(holders), List.of(required), OWN, RECORD,
                Instant::now);
        return catchThrowableOfType(ResidentDataWorkflow.SectionsProblem.class, () -> workflow.erase(UUID.randomUUID()));
    }

    @Test
    void aRefusedDeletionIsToldInTheReadersLanguage() {
        ResidentDataWorkflow.SectionsProblem unavailable = refusal(new TreeMap<>(), "inbox");
        TreeMap<String, PersonalDataHolder> failing = new TreeMap<>();
        failing.put("cameras", new PersonalDataHolder() {
            @Override
            public Object export(UUID account) {
                return List.of();
            }

            @Override
            public Erasure erase(UUID account) {
                throw new IllegalStateException("broken");
            }
        });
        ResidentDataWorkflow.SectionsProblem incomplete = refusal(failing);

        TestPageRequest spanish = TestPageRequest.get("/account/data", Locale.forLanguageTag("es"));
        assertThat(AccountDataPage.refusal(spanish, unavailable)).startsWith("Su cuenta no se eliminó").contains("(inbox)")
                .doesNotContain("Nothing", "module", "available");
        assertThat(AccountDataPage.refusal(spanish, incomplete)).startsWith("Su cuenta no se eliminó por completo")
                .contains("«cameras»").doesNotContain("module", "erase");
        TestPageRequest english = TestPageRequest.get("/account/data", Locale.ENGLISH);
        assertThat(AccountDataPage.refusal(english, incomplete)).contains("holds your cameras").contains("Delete it again");
    }
}
