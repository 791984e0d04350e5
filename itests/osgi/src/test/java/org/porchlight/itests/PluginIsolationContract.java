package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.Test;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

/**
 * One agency changing its plugins disturbs no other: while agency B's clients use two plugins it
 * enabled (a route naming B, and a plugin B configured for itself), agency A changes its settings
 * of the same plugin through the API again and again (each a configuration change the platform
 * makes), disables and enables the other plugin for itself, and stops and starts its own module.
 * Not one of B's requests may fail, and B's configuration is in every answer. On each database.
 */
public abstract class PluginIsolationContract extends PorchlightTestSupport {

    private static final String A = Fixtures.AGENCY_PLUGIN_OWNER;
    /** Another agency of this run: on PostgreSQL, earlier runs' agencies and their plugin choices are still there. */
    private final String B = "IS" + UUID.randomUUID().toString().substring(0, 6).toUpperCase(Locale.ROOT);
    private static final String OLD_SDK_ROUTE = "/api/itest/oldsdk/agencies/%s/jurisdiction";
    private static final String SETTABLE_ROUTE = "/api/itest/settable";
    private static final int CLIENTS = 6;

    @Test
    public void anotherAgencysPluginChangesFailNoneOfThisAgencysRequests() throws Exception {
        String[] admin = asAdmin();
        long start = auditMark(admin);
        for (String code : new String[] {A, B}) {
            http.postJson("/api/agencies", IdentityIT.agency(code), admin); // on PostgreSQL, there from an earlier run
        }
        String[] adminA = staffSession(A, "admin@isoa.example", "AGENCY_ADMIN", admin);
        String[] adminB = staffSession(B, "admin@" + B.toLowerCase(Locale.ROOT) + ".example", "AGENCY_ADMIN", admin);
        assertEquals(201, http.upload("POST", "/api/admin/modules", Fixtures.signed(Fixtures.settable()), admin).status());
        install(Fixtures.releasedSdkPlugin());
        Http.Response own = http.upload("POST", "/api/agencies/" + A + "/modules", Fixtures.agencyPluginSigned(), adminA);
        assertEquals(own.body(), 201, own.status());
        long ownId = own.json().path("id").asLong();
        for (String[] agency : new String[][] {{A, "a0"}, {B, "b"}}) {
            String[] who = agency[0].equals(A) ? adminA : adminB;
            http.await(settable(agency[0]), r -> r.status() == 200 && r.body().contains("\"settable\":[{"), SWAP_TIMEOUT, who);
            choose(agency[0], agency[1], who);
            enablePlugin(agency[0], Fixtures.RELEASED_SDK_PLUGIN, who);
        }
        http.await(SETTABLE_ROUTE, r -> r.body().contains(B + ":b:") && r.body().contains(A + ":a0:"), SWAP_TIMEOUT);
        http.await(String.format(OLD_SDK_ROUTE, B), r -> r.status() == 200, SWAP_TIMEOUT);

        // B's clients, until A is done.
        AtomicBoolean done = new AtomicBoolean();
        AtomicInteger requests = new AtomicInteger();
        Map<String, Integer> failures = new ConcurrentHashMap<>();
        ExecutorService clients = Executors.newFixedThreadPool(CLIENTS);
        List<Future<?>> running = new ArrayList<>();
        for (int i = 0; i < CLIENTS; i++) {
            int client = i;
            running.add(clients.submit(() -> {
                while (!done.get()) {
                    Http.Response r = switch (client % 3) {
                        case 0 -> http.get(String.format(OLD_SDK_ROUTE, B));
                        case 1 -> http.get(SETTABLE_ROUTE);
                        default -> http.get("/api/agencies/" + B + "/plugins", adminB);
                    };
                    requests.incrementAndGet();
                    boolean ok = r.status() == 200 && (client % 3 != 1 || r.body().contains(B + ":b:"));
                    if (!ok) {
                        failures.merge(r.status() + " " + r.body().substring(0, Math.min(160, r.body().length())), 1, Integer::sum);
                    }
                }
            }));
        }
        try {
            for (int round = 1; round <= 6; round++) {
                choose(A, "a" + round, adminA); // a configuration change of the plugin B uses
                String label = A + ":a" + round + ":";
                http.await(SETTABLE_ROUTE, r -> r.body().contains(label), SWAP_TIMEOUT);
                if (round % 2 == 0) {
                    assertEquals(200, http.send("DELETE", "/api/agencies/" + A + "/plugins/" + Fixtures.RELEASED_SDK_PLUGIN, null,
                            null, adminA).status());
                    http.await(String.format(OLD_SDK_ROUTE, A), r -> r.status() == 404, SWAP_TIMEOUT);
                    enablePlugin(A, Fixtures.RELEASED_SDK_PLUGIN, adminA);
                    http.await(String.format(OLD_SDK_ROUTE, A), r -> r.status() == 200, SWAP_TIMEOUT);
                }
                if (round == 3) {
                    String module = "/api/agencies/" + A + "/modules/" + ownId;
                    assertEquals(200, http.send("POST", module + "/stop", null, null, adminA).status());
                    assertEquals(200, http.send("POST", module + "/start", null, null, adminA).status());
                }
            }
        } finally {
            done.set(true);
            for (Future<?> client : running) {
                client.get();
            }
            clients.shutdown();
        }
        assertTrue("B's clients ran throughout (" + requests.get() + " requests)", requests.get() > CLIENTS * 10);
        assertEquals("B's failed requests while A changed its plugins (of " + requests.get() + ")", Map.of(), failures);
        awaitAudited(A, "plugin.", start, admin, actions -> actions.stream().anyMatch(a -> a.startsWith("plugin.configured "))
                && actions.stream().anyMatch(a -> a.startsWith("plugin.removed ")));
    }

    private static String settable(String agency) {
        return "/api/agencies/" + agency + "/plugins/" + Fixtures.SETTABLE;
    }

    private void choose(String agency, String label, String[] who) {
        Http.Response chosen = http.send("PUT", settable(agency), "application/json",
                "{\"enabled\":true,\"settings\":{\"label\":\"" + label + "\",\"limit\":5}}", who);
        assertEquals(chosen.body(), 200, chosen.status());
    }
}
