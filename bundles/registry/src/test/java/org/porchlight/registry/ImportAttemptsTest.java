package org.porchlight.registry;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.registry.ImportRuns.Status;
import org.porchlight.testing.TestDatabase;

/** Attempts that hand nothing over are runs too: recorded, coalesced when repeated, pruned, and never resumed from. */
class ImportAttemptsTest {

    private static final String SOURCE = "kc-watchkc";
    private TestDatabase database;
    private ImportRuns runs;
    private ImportAttempts attempts;
    private Instant now = Instant.parse("2026-12-01T10:00:00Z");

    @BeforeEach
    void setUp() {
        database = TestDatabase.inMemory("registry");
        runs = new ImportRuns(database);
        attempts = new ImportAttempts(database);
        runs.register(SOURCE, "KCPD");
    }

    private ImportAttempts.Recorded attempt(Status status, String reason) {
        now = now.plusSeconds(60);
        return attempts.record(SOURCE, "KCPD", status, reason, false, now, now.plusMillis(5));
    }

    /** A run that handed rows over, ended with {@code status} at {@code position}. */
    private UUID imported(Status status, String position) {
        now = now.plusSeconds(60);
        UUID id = UUID.randomUUID();
        Instant at = now;
        database.inTransaction(c -> {
            ImportRuns.create(c, id, SOURCE, "KCPD", false, null, null, at);
            ImportRuns.record(c, id, 5, ExternalRegistrations.Outcome.NONE, List.of(), position);
            return null;
        });
        runs.end(SOURCE, id, status, status == Status.COMPLETED ? null : "stopped", "cursor", at.plusMillis(5));
        return id;
    }

    @Test
    void repeatedIdenticalAttemptsAreOneRunCountingThemAndAnotherReasonOrStateIsANewRun() {
        ImportAttempts.Recorded first = attempt(Status.SKIPPED, "the folder holds no .csv feed");
        assertThat(first.added()).isTrue();
        assertThat(attempt(Status.SKIPPED, "the folder holds no .csv feed"))
                .isEqualTo(new ImportAttempts.Recorded(first.run(), false));
        attempt(Status.SKIPPED, "the folder holds no .csv feed");
        assertThat(runs.runs(SOURCE, 10)).singleElement().satisfies(r -> {
            assertThat(r.status()).isEqualTo(Status.SKIPPED);
            assertThat(r.error()).isEqualTo("the folder holds no .csv feed");
            assertThat(r.attempts()).isEqualTo(3);
            assertThat(r.finishedAt()).isAfter(r.startedAt().plusSeconds(100));
        });

        assertThat(attempt(Status.SKIPPED, "1 feed(s) modified within the last 10 s").added()).isTrue();
        assertThat(attempt(Status.FAILED, "a.csv: the feed has no column status; moved to failed/").added()).isTrue();
        assertThat(attempt(Status.FAILED, "b.csv: the feed has no column status; moved to failed/").added()).isTrue();
        assertThat(attempt(Status.SKIPPED, "the folder holds no .csv feed").added()).as("not a repeat of the latest").isTrue();
        imported(Status.COMPLETED, "line 5");
        assertThat(attempt(Status.SKIPPED, "the folder holds no .csv feed").added()).as("a real run came between").isTrue();
        assertThat(runs.runs(SOURCE, 20)).extracting(ImportRuns.Run::status).containsExactly(Status.SKIPPED, Status.COMPLETED,
                Status.SKIPPED, Status.FAILED, Status.FAILED, Status.SKIPPED, Status.SKIPPED);
    }

    @Test
    void theSummaryShowsTheLatestAttemptNotTheLastCompletedRun() {
        imported(Status.COMPLETED, null);
        attempt(Status.FAILED, "feed.csv: the feed has no column status; moved to failed/");
        assertThat(runs.sources("KCPD", s -> true)).singleElement().satisfies(s -> {
            assertThat(s.latestRun().status()).isEqualTo(Status.FAILED);
            assertThat(s.latestRun().error()).contains("has no column status");
        });
        assertThat(runs.sources("JCSO", s -> true)).isEmpty();
    }

    @Test
    void attemptsThatHandedNothingOverHoldNoCheckpointSoTheNextSyncResumesTheInterruptedRun() {
        UUID cut = imported(Status.INTERRUPTED, "line 2001");
        attempt(Status.FAILED, "the feed folder does not exist");
        attempt(Status.INTERRUPTED, "the plugin was stopped before it handed anything over");
        attempt(Status.SKIPPED, "the folder holds no .csv feed");

        ImportRuns.Start start = runs.start(SOURCE, now.plusSeconds(60));
        assertThat(start.previous().id()).isEqualTo(cut);
        assertThat(start.resumeFrom()).isEqualTo("line 2001");

        imported(Status.COMPLETED, "line 4000");
        attempt(Status.SKIPPED, "the folder holds no .csv feed");
        assertThat(runs.start(SOURCE, now.plusSeconds(60)).previous()).as("after a completed run, nothing to resume").isNull();
    }

    @Test
    void onlyTheNewestHundredAttemptsThatHandedNothingOverAreKeptAndImportsAlwaysAre() {
        UUID kept = imported(Status.COMPLETED, null);
        for (int i = 0; i < ImportAttempts.KEPT + 20; i++) {
            attempt(Status.SKIPPED, i % 2 == 0 ? "the folder holds no .csv feed" : "1 feed(s) modified within the last 10 s");
        }
        List<ImportRuns.Run> all = runs.runs(SOURCE, 500);
        assertThat(all).hasSize(ImportAttempts.KEPT + 1);
        assertThat(all.get(all.size() - 1).id()).isEqualTo(kept);
    }
}
