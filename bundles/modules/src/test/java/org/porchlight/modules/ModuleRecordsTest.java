package org.porchlight.modules;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import java.nio.file.Path;
import java.sql.Connection;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.api.audit.AuditVerification;
import org.porchlight.api.metrics.Metrics;
import org.porchlight.api.problem.ProblemException;
import org.porchlight.modules.ModuleManager.Source;

/** What the module manager keeps of its actions: the audit log, the changes metric and the last refusals. */
class ModuleRecordsTest {

    private static final Instant NOW = Instant.parse("2026-12-07T08:00:00Z");
    private static final Actor ADMIN = Actor.apiKey("admin-key");

    private final List<AuditEvent> audited = new ArrayList<>();
    private final List<List<String>> counted = new ArrayList<>();
    private Metrics metrics = new Metrics() {
        @Override
        public void count(String name, String description, long amount, String... tags) {
            counted.add(List.of(name, String.valueOf(amount), String.join(",", tags)));
        }

        @Override
        public void record(String name, String description, Duration duration, String... tags) {
        }
    };
    private final ModuleRecords records = new ModuleRecords(new AuditLog() {
        @Override
        public AuditEntry append(AuditEvent event) {
            audited.add(event);
            return null;
        }

        @Override
        public void appendWithin(Connection c, AuditEvent event) {
            audited.add(event);
        }

        @Override
        public AuditVerification verify() {
            return null;
        }
    }, () -> metrics, Clock.fixed(NOW, ZoneOffset.UTC));

    @Test
    void aRefusalIsListedAuditedAndCountedAndNamesTheFileOnlyWhenItCameFromTheDeployFolder() {
        ProblemException problem = records.refuse(Path.of("/opt/porchlight/deploy/plugin.jar"), Source.DEPLOY_FOLDER,
                ADMIN, "module.deploy", "the file is not signed");
        records.refuse(Path.of("/tmp/upload-123.jar"), Source.API, ADMIN, "module.install", "the file is not signed");

        assertThat(problem.problem().status()).isEqualTo(422);
        assertThat(problem.problem().detail()).isEqualTo("The module was refused: the file is not signed");
        assertThat(records.refusals()).containsExactly(
                new ModuleRecords.Refusal("plugin.jar", "the file is not signed", "deploy-folder", NOW),
                new ModuleRecords.Refusal(null, "the file is not signed", "api", NOW));
        assertThat(audited).extracting(AuditEvent::action, AuditEvent::outcome, AuditEvent::target).containsExactly(
                tuple("module.deploy", "refused", ""),
                tuple("module.install", "refused", ""));
        assertThat(counted).containsExactly(
                List.of(ModuleRecords.CHANGES, "1", "action,module.deploy,outcome,refused"),
                List.of(ModuleRecords.CHANGES, "1", "action,module.install,outcome,refused"));
    }

    @Test
    void onlyTheLastFiftyRefusalsAreKeptOldestFirst() {
        for (int i = 1; i <= 60; i++) {
            records.refuse(Path.of("/opt/porchlight/deploy/p" + i + ".jar"), Source.DEPLOY_FOLDER, ADMIN, "module.deploy",
                    "refusal " + i);
        }
        assertThat(records.refusals()).hasSize(50);
        assertThat(records.refusals().get(0).reason()).isEqualTo("refusal 11");
        assertThat(records.refusals().get(49).reason()).isEqualTo("refusal 60");
    }

    @Test
    void aSwapIsAuditedWithBothVersionsAndAnyOutcomeWithAFailureCountsAsFailed() {
        records.record(ADMIN, null, "module.update", "org.example.plugin", "1.1.0", "1.0.0", "swapped");
        records.record(ADMIN, null, "module.start", "org.example.plugin", "1.1.0", null, "failed");
        records.record(ADMIN, null, "module.start", "org.example.plugin", "1.1.0", null, "started with a failed component");

        assertThat(audited.get(0).target()).isEqualTo("module=org.example.plugin version=1.1.0 from=1.0.0");
        assertThat(audited.get(0).actor()).isEqualTo(ADMIN);
        assertThat(audited.get(1).target()).isEqualTo("module=org.example.plugin version=1.1.0");
        assertThat(audited.get(2).outcome()).as("the audit log keeps the whole outcome")
                .isEqualTo("started with a failed component");
        assertThat(counted).extracting(c -> c.get(2)).containsExactly("action,module.update,outcome,swapped",
                "action,module.start,outcome,failed", "action,module.start,outcome,failed");
    }

    @Test
    void anAgencysOwnModuleIsAuditedAsThatAgencys() {
        records.record(ADMIN, "KCPD", "module.install", "org.kcpd.rules", "1.0.0", null, "installed");
        records.record(ADMIN, null, "module.install", "org.example.plugin", "1.0.0", null, "installed");
        assertThat(audited).extracting(AuditEvent::tenant).containsExactly("KCPD", null);
    }

    @Test
    void withoutAMetricsServiceActionsAreStillAudited() {
        metrics = null;
        records.record(ADMIN, null, "module.stop", "org.example.plugin", "1.0.0", null, "stopped");
        assertThat(audited).extracting(AuditEvent::outcome).containsExactly("stopped");
        assertThat(counted).isEmpty();
    }
}
