package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.util.ArrayList;
import java.util.List;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.porchlight.itests.support.Forge;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit trail as the REST core writes it and administrators read it: state changes and
 * reads of personal data are appended, residents appear by pseudonym only, agency admins see
 * their own agency, and a row edited in the database is named by {@code /api/audit/verify}.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditTrailIT extends PorchlightTestSupport {

    private static final String PASSWORD = "audit trail passphrase";

    @Test
    public void changesAndPersonalDataReadsAreAuditedPerTenantAndTamperingIsNamed() throws Exception {
        String[] admin = asAdmin();
        String[] ataAdmin = agencyAdmin("ATA", admin);
        agencyAdmin("ATB", admin);

        http.postJson("/api/accounts", "{\"email\":\"kim@audit.example\",\"password\":\"" + PASSWORD + "\",\"displayName\":\"Kim\"}");
        String residentToken = signIn("kim@audit.example", PASSWORD).path("access_token").asText();
        String residentId = Forge.payload(residentToken).path("sub").asText();
        assertEquals(200, http.get("/api/me", bearer(residentToken)).status());
        assertEquals("a denied change is audited too", 403, http.postJson("/api/agencies", IdentityIT.agency("ATC"), ataAdmin).status());

        List<JsonNode> all = entries(admin, "");
        JsonNode read = last(all, "GET /me");
        assertTrue(read.path("actor").asText(), read.path("actor").asText().matches("resident:Neighbor \\d{4}-\\d{4}-\\d{4}"));
        assertEquals("200", read.path("outcome").asText());
        assertFalse("no resident id anywhere in the log", http.get("/api/audit?limit=1000", admin).body().contains(residentId));
        JsonNode signUp = last(all, "POST /accounts");
        assertEquals("anonymous", signUp.path("actor").asText());
        assertEquals("202", signUp.path("outcome").asText());
        assertEquals("403", last(all, "POST /agencies").path("outcome").asText());
        JsonNode invite = last(all, "POST /agencies/{agency}/staff");
        assertEquals("agency=ATB", invite.path("target").asText());
        assertFalse(invite.path("requestId").asText().isEmpty());
        // Write-ahead: a change that runs is on the record before it runs, and again with its outcome.
        List<JsonNode> inviteEntries = all.stream().filter(e -> e.path("requestId").equals(invite.path("requestId"))).toList();
        assertEquals(inviteEntries.toString(), 2, inviteEntries.size());
        assertEquals("started", inviteEntries.get(0).path("outcome").asText());
        assertEquals("201", inviteEntries.get(1).path("outcome").asText());
        assertTrue(inviteEntries.get(0).path("sequence").asLong() < inviteEntries.get(1).path("sequence").asLong());
        assertEquals(invite.path("action"), inviteEntries.get(0).path("action"));
        // A refused change never ran: only its refusal is recorded, and reads have no "started" entry.
        JsonNode refused = last(all, "POST /agencies");
        assertEquals(1, all.stream().filter(e -> e.path("requestId").equals(refused.path("requestId"))).count());
        assertEquals(1, all.stream().filter(e -> e.path("requestId").equals(read.path("requestId"))).count());

        List<JsonNode> own = entries(ataAdmin, "");
        assertFalse(own.isEmpty());
        own.forEach(e -> assertEquals("an agency admin sees their agency only", "ATA", e.path("tenant").asText()));
        assertTrue(entries(ataAdmin, "&tenant=ATB").isEmpty());

        Http.Response intact = http.get("/api/audit/verify", ataAdmin);
        assertTrue(intact.body(), intact.json().path("intact").asBoolean());

        long tampered = invite.path("sequence").asLong();
        try (Connection c = primaryDataSource().getConnection();
                PreparedStatement edit = c.prepareStatement("UPDATE audit.entry SET outcome = '500' WHERE sequence = ?")) {
            edit.setLong(1, tampered);
            assertEquals(1, edit.executeUpdate());
        }
        JsonNode broken = http.get("/api/audit/verify", admin).json();
        assertFalse(broken.path("intact").asBoolean());
        assertEquals(tampered, broken.path("firstBroken").asLong());
    }

    private String[] agencyAdmin(String code, String[] admin) {
        assertEquals(201, http.postJson("/api/agencies", IdentityIT.agency(code), admin).status());
        String email = "admin@" + code.toLowerCase() + ".example";
        Http.Response invited = http.postJson("/api/agencies/" + code + "/staff",
                "{\"email\":\"" + email + "\",\"displayName\":\"Admin\",\"role\":\"AGENCY_ADMIN\"}", admin);
        http.postJson("/api/accounts/activate", "{\"token\":\"" + invited.json().path("activationToken").asText()
                + "\",\"password\":\"" + PASSWORD + "\"}");
        return bearer(signIn(email, PASSWORD).path("access_token").asText());
    }

    private List<JsonNode> entries(String[] as, String query) {
        Http.Response page = http.get("/api/audit?limit=1000" + query, as);
        assertEquals(page.body(), 200, page.status());
        List<JsonNode> entries = new ArrayList<>();
        page.json().path("entries").forEach(entries::add);
        return entries;
    }

    private static JsonNode last(List<JsonNode> entries, String action) {
        for (int i = entries.size() - 1; i >= 0; i--) {
            if (entries.get(i).path("action").asText().equals(action)) {
                return entries.get(i);
            }
        }
        throw new AssertionError("no audit entry for " + action + " in " + entries);
    }
}
