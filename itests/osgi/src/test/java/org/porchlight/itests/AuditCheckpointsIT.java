package org.porchlight.itests;

import static org.junit.Assert.assertEquals;
import static org.junit.Assert.assertFalse;
import static org.junit.Assert.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.Test;
import org.junit.runner.RunWith;
import org.ops4j.pax.exam.junit.PaxExam;
import org.ops4j.pax.exam.spi.reactors.ExamReactorStrategy;
import org.ops4j.pax.exam.spi.reactors.PerClass;
import org.osgi.framework.Bundle;
import org.porchlight.api.audit.AuditEvent;
import org.porchlight.api.audit.AuditEvent.Actor;
import org.porchlight.api.audit.AuditLog;
import org.porchlight.itests.support.Distribution;
import org.porchlight.itests.support.Fixtures;
import org.porchlight.itests.support.Http;
import org.porchlight.itests.support.PorchlightTestSupport;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The audit checkpoints over HTTP, for anyone, and {@code bin/porchlight verify-audit} run as a
 * process on the export and the checkpoints taken from the running server, intact and tampered.
 */
@RunWith(PaxExam.class)
@ExamReactorStrategy(PerClass.class)
public class AuditCheckpointsIT extends PorchlightTestSupport {

    @Test
    public void anyoneCopiesTheCheckpointsAndTheExportVerifiesOfflineUntilItIsTamperedWith() throws Exception {
        String[] admin = asAdmin(); // signing in is audited: once, before the checkpoint
        AuditLog log = service(AuditLog.class, null);
        for (int i = 1; i <= 12; i++) {
            log.append(new AuditEvent(Actor.system("itest"), i % 2 == 0 ? "KCPD" : null, "itest.checkpoint", "n=" + i, "ok",
                    null));
        }
        Bundle audit = bundle("org.porchlight.audit");
        audit.stop(); // signs a checkpoint of the head
        audit.start();
        service(AuditLog.class, null);

        Http.Response page = http.await("/api/audit/checkpoints", r -> r.status() == 200, Duration.ofSeconds(20));
        JsonNode checkpoints = page.json().path("checkpoints");
        assertTrue(page.body(), checkpoints.size() >= 1);
        JsonNode last = checkpoints.get(checkpoints.size() - 1);
        assertEquals(page.body(), last.path("keyId").asText(), page.json().path("keys").get(0).path("keyId").asText());
        assertTrue(page.json().path("keys").get(0).path("publicKey").asText().length() > 40);
        Http.Response keys = http.get("/api/audit/checkpoints/keys");
        assertEquals(200, keys.status());
        assertEquals(400, http.get("/api/audit/checkpoints?since=-1").status());
        Http.Response since = http.get("/api/audit/checkpoints?since=" + last.path("sequence").asLong());
        assertEquals(0, since.json().path("checkpoints").size());

        assertEquals(401, http.get("/api/audit/export").status());
        Http.Response export = http.get("/api/audit/export", admin);
        assertEquals(export.body(), 200, export.status());

        Path folder = Files.createDirectories(Fixtures.work().resolve("audit-verify"));
        Path log1 = Files.writeString(folder.resolve("export.json"), export.body());
        Path copies = Files.writeString(folder.resolve("checkpoints.json"), page.body());
        Path keyFile = Files.writeString(folder.resolve("keys.json"), keys.body());

        Verdict intact = verify(folder, "--log", log1.toString(), "--checkpoints", copies.toString(),
                "--key", keyFile.toString());
        assertEquals(intact.output, 0, intact.exit);
        assertTrue(intact.output, intact.output.startsWith("INTACT: "));

        // An entry edited in the export.
        Path edited = Files.writeString(folder.resolve("edited.json"),
                export.body().replaceFirst("\"target\":\"n=3\"", "\"target\":\"n=33\""));
        Verdict changed = verify(folder, "--log", edited.toString(), "--checkpoints", copies.toString(),
                "--key", keyFile.toString());
        assertEquals(changed.output, 1, changed.exit);
        assertTrue(changed.output, changed.output.startsWith("BROKEN at entry "));

        // The tail cut off in the database and the head moved back: the export is a consistent chain, but shorter.
        long signed = last.path("sequence").asLong();
        try (var c = primaryDataSource().getConnection(); var s = c.createStatement()) {
            s.execute("DELETE FROM audit.entry WHERE sequence > " + (signed - 2));
            s.execute("UPDATE audit.chain_head SET last_sequence = " + (signed - 2)
                    + ", last_hash = (SELECT hash FROM audit.entry WHERE sequence = " + (signed - 2) + ") WHERE id = 1");
        }
        Path cut = Files.writeString(folder.resolve("cut.json"), http.get("/api/audit/export", admin).body());
        Verdict truncated = verify(folder, "--log", cut.toString(), "--checkpoints", copies.toString(),
                "--key", keyFile.toString());
        assertEquals(truncated.output, 1, truncated.exit);
        assertTrue(truncated.output, truncated.output.contains("entries after sequence " + (signed - 2) + " are missing"));
        assertFalse(log.verify().intact());

        Verdict wrongUsage = verify(folder, "--log", cut.toString());
        assertEquals(2, wrongUsage.exit);
    }

    private record Verdict(int exit, String output) {
    }

    private static Verdict verify(Path folder, String... args) throws Exception {
        List<String> command = new ArrayList<>(
                List.of(Distribution.folder().resolve("bin/porchlight").toString(), "verify-audit"));
        command.addAll(List.of(args));
        Path out = folder.resolve("verdict.txt");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(out.toFile()).start();
        assertTrue("verify-audit did not end", process.waitFor(60, TimeUnit.SECONDS));
        return new Verdict(process.exitValue(), Files.readString(out).strip());
    }
}
