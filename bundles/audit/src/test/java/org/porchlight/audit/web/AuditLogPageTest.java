package org.porchlight.audit.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.porchlight.api.audit.AuditEntry;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.security.Caller;
import org.porchlight.api.security.Roles;
import org.porchlight.api.ui.PageRequest;
import org.porchlight.audit.AuditChain;
import org.porchlight.audit.MemoryDatabase;
import org.porchlight.audit.store.AuditTables;
import org.porchlight.testing.PortalResources;
import org.porchlight.testing.TestPageRequest;

/** The audit page's filter and its query: scope as {@code GET /api/audit}, prefixes taken literally, days in a zone. */
class AuditLogPageTest {

    private static final Caller PLATFORM = new Caller(UUID.randomUUID(), Roles.PLATFORM_ADMIN, null, Caller.Credential.TOKEN, null);
    private static final Caller KCPD_ADMIN = new Caller(UUID.randomUUID(), Roles.AGENCY_ADMIN, "kcpd", Caller.Credential.TOKEN, null);

    private MemoryDatabase database;
    private AuditChain chain;

    @BeforeEach
    void entries() throws SQLException {
        database = new MemoryDatabase();
        chain = new AuditChain(database);
        chain.append(new AuditEvent(Actor.system("deploy-folder"), null, "module.install", "module=a", "ok", null));
        chain.append(new AuditEvent(Actor.system("test"), "KCPD", "portal.form", "/requests", "303", null));
        chain.append(new AuditEvent(Actor.system("test"), "KCSO", "portal.form", "/requests", "303", null));
        chain.append(new AuditEvent(Actor.system("test"), "KCPD", "module_x", "", "ok", null));
        chain.append(new AuditEvent(Actor.system("shell"), "KCPD", "module.stop", "module=a", "stopped", null));
    }

    @AfterEach
    void close() throws Exception {
        chain.stop();
        database.close();
    }

    @Test
    void templatesHaveNoInlineScriptsAndEveryTextIsInSpanish() throws Exception {
        PortalResources.assertNoInlineScriptsOrStyles(Path.of("src/main/resources/ui"));
        PortalResources.assertEveryTextTranslated(Path.of("src/main/resources/ui"));
    }

    @Test
    void aPlatformAdminSeesEverythingNewestFirstAndMayNarrowItToAnAgency() {
        assertThat(search(PLATFORM, Map.of())).containsExactly(5L, 4L, 3L, 2L, 1L);
        assertThat(search(PLATFORM, Map.of("tenant", "kcso"))).containsExactly(3L);
    }

    @Test
    void anAgencyAdminSeesOnlyTheirAgencyWhateverTheyAskFor() {
        assertThat(search(KCPD_ADMIN, Map.of())).containsExactly(5L, 4L, 2L);
        assertThat(search(KCPD_ADMIN, Map.of("tenant", "KCSO"))).containsExactly(5L, 4L, 2L);
    }

    @Test
    void actionAndActorArePrefixesTakenLiterally() {
        // "module." must not match "module_x" (LIKE's _ would)
        assertThat(search(PLATFORM, Map.of("action", "module."))).containsExactly(5L, 1L);
        assertThat(search(PLATFORM, Map.of("action", "module_"))).containsExactly(4L);
        assertThat(search(PLATFORM, Map.of("actor", "system:shell"))).containsExactly(5L);
        assertThat(search(PLATFORM, Map.of("action", "%"))).isEmpty();
        assertThat(search(PLATFORM, Map.of("before", "3"))).containsExactly(2L, 1L);
    }

    @Test
    void daysAreTheAgencysDaysWithTheLastOneIncluded() {
        // from yesterday: the entries were written a moment ago, which may have been yesterday at midnight UTC
        LocalDate today = LocalDate.now(ZoneOffset.UTC);
        assertThat(search(PLATFORM, Map.of("from", today.minusDays(1).toString(), "to", today.toString()))).hasSize(5);
        assertThat(search(PLATFORM, Map.of("to", "2000-01-01"))).isEmpty();
        AuditLogPage.Filter filter = AuditLogPage.filter(request(Map.of("from", "2026-03-01", "to", "2026-03-01")), PLATFORM,
                ZoneId.of("America/Chicago"));
        assertThat(filter.search().from()).isEqualTo(Instant.parse("2026-03-01T06:00:00Z"));
        assertThat(filter.search().until()).isEqualTo(Instant.parse("2026-03-02T06:00:00Z"));
    }

    @Test
    void badDaysAndReversedRangesAreNamedByField() {
        assertThat(AuditLogPage.filter(request(Map.of("from", "yesterday")), PLATFORM, ZoneOffset.UTC).errors())
                .containsEntry("from", "audit.error.date");
        assertThat(AuditLogPage.filter(request(Map.of("from", "2026-03-02", "to", "2026-03-01")), PLATFORM, ZoneOffset.UTC).errors())
                .containsEntry("to", "audit.error.order");
        assertThat(AuditLogPage.filter(request(Map.of("actor", "x".repeat(201))), PLATFORM, ZoneOffset.UTC).errors())
                .containsEntry("actor", "audit.error.long");
    }

    @Test
    void aRowKeepsTheEntrysFieldsAndZone() {
        AuditEntry entry = new AuditEntry(7, Instant.parse("2026-01-01T00:00:00Z"), "account:x", null, "a", null, "ok", null, "p", "h");
        assertThat(AuditLogPage.row(entry, "UTC")).containsEntry("sequence", 7L).containsEntry("at", "2026-01-01T00:00:00Z")
                .containsEntry("tenant", "").containsEntry("target", "").containsEntry("zone", "UTC");
    }

    private List<Long> search(Caller caller, Map<String, String> parameters) {
        AuditLogPage.Filter filter = AuditLogPage.filter(request(parameters), caller, ZoneOffset.UTC);
        assertThat(filter.errors()).isEmpty();
        return database.withConnection(c -> AuditTables.search(c, filter.search())).stream().map(AuditEntry::sequence).toList();
    }

    private static PageRequest request(Map<String, String> parameters) {
        return TestPageRequest.get("/audit", parameters);
    }
}
