package org.porchlight.audit.chain.offline;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;

import org.porchlight.api.audit.AuditVerification;
import org.porchlight.audit.chain.Checkpoint;
import org.porchlight.audit.chain.CheckpointKey;
import org.porchlight.audit.chain.CheckpointSignature;
import org.porchlight.audit.chain.LogCheck;
import org.porchlight.audit.chain.offline.JsonFiles.Head;

/**
 * {@code bin/porchlight verify-audit --log export.json --checkpoints checkpoints.json [--key keys.json]}:
 * checks an exported audit log against checkpoints kept from {@code /api/audit/checkpoints},
 * with no database and no server, the same way the server checks it ({@link LogCheck}). Prints one
 * line; exits 0 if intact, 1 if not, 2 if the files cannot be checked. Without {@code --key} the
 * keys listed in the checkpoints file are used, which only shows that the log matches the
 * checkpoints: a key kept apart (e.g. fetched once from {@code /api/audit/checkpoints/keys}) shows
 * that the server signed them.
 */
public final class VerifyAudit {

    static final int INTACT = 0;
    static final int BROKEN = 1;
    static final int CANNOT_CHECK = 2;
    private static final String USAGE =
            "usage: porchlight verify-audit --log export.json --checkpoints checkpoints.json [--key keys.json]";

    private VerifyAudit() {
    }

    public static void main(String[] args) {
        System.exit(run(args, System.out, System.err));
    }

    /** Runs the check; the exit code. */
    static int run(String[] args, PrintStream out, PrintStream err) {
        Map<String, Path> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!List.of("--log", "--checkpoints", "--key").contains(args[i]) || i + 1 == args.length) {
                err.println(USAGE);
                return CANNOT_CHECK;
            }
            options.put(args[i], Path.of(args[++i]));
        }
        if (!options.containsKey("--log") || !options.containsKey("--checkpoints")) {
            err.println(USAGE);
            return CANNOT_CHECK;
        }
        try {
            return check(options.get("--log"), options.get("--checkpoints"), options.get("--key"), out);
        } catch (NoSuchFileException e) {
            err.println("verify-audit: cannot check: no such file " + e.getFile());
        } catch (JsonProcessingException e) {
            err.println("verify-audit: cannot check: not JSON: " + e.getOriginalMessage() + " at line "
                    + e.getLocation().getLineNr());
        } catch (IOException | IllegalArgumentException e) {
            err.println("verify-audit: cannot check: " + e.getMessage());
        }
        return CANNOT_CHECK;
    }

    private static int check(Path log, Path checkpointFile, Path keyFile, PrintStream out) throws IOException {
        List<CheckpointKey> listed = new ArrayList<>();
        List<Checkpoint> checkpoints = JsonFiles.readCheckpoints(checkpointFile, listed);
        List<CheckpointKey> trusted = keyFile == null ? listed : JsonFiles.readKeys(keyFile);
        Map<String, PublicKey> keys = new HashMap<>();
        for (CheckpointKey key : trusted) {
            keys.put(key.keyId(), CheckpointSignature.publicKey(key));
        }
        if (!Files.isRegularFile(log)) {
            throw new NoSuchFileException(log.toString());
        }
        LogCheck check = new LogCheck(checkpoints, keys);
        Head head = JsonFiles.readLog(log, check::next);
        if (head == null) {
            throw new IllegalArgumentException(log + " names no head: not an export of GET /api/audit/export");
        }
        check.end(head.sequence(), head.hash());
        AuditVerification result = check.result();
        String keysUsed = keyFile == null ? "the keys listed in " + checkpointFile + " (give --key to check who signed)"
                : "key(s) " + String.join(", ", keys.keySet());
        if (result.intact()) {
            out.println("INTACT: " + result.entries() + " entries; " + check.checkpointsMatched() + " of " + checkpoints.size()
                    + " checkpoints verified with " + keysUsed);
            return INTACT;
        }
        out.println("BROKEN at entry " + result.firstBroken() + ": " + result.reason() + " (" + result.entries()
                + " entries intact before it)");
        return BROKEN;
    }
}
