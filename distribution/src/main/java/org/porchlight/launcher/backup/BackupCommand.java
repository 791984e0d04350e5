package org.porchlight.launcher.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Map;

/**
 * {@code bin/porchlight backup DIR [--keys KEYDIR]} and {@code bin/porchlight restore DIR [--keys
 * KEYDIR]}. Exit codes: 0 done; 1 a backup was written but evidence files the database names were
 * missing from the live store; 2 refused or failed (one line on standard error says why).
 */
public final class BackupCommand {

    static final String USAGE = "usage: porchlight backup DIR [--keys KEYDIR] | porchlight restore DIR [--keys KEYDIR]";

    private BackupCommand() {
    }

    public static void main(String[] args) {
        Path home = Path.of(System.getProperty("porchlight.home", ".")).toAbsolutePath().normalize();
        System.exit(run(home, System.getenv(), List.of(args), System.out, System.err));
    }

    static int run(Path home, Map<String, String> env, List<String> args, PrintStream out, PrintStream err) {
        if (args.size() != 2 && !(args.size() == 4 && args.get(2).equals("--keys"))
                || !(args.get(0).equals("backup") || args.get(0).equals("restore"))) {
            err.println(USAGE);
            return 2;
        }
        Path folder = Path.of(args.get(1));
        Path keys = args.size() == 4 ? Path.of(args.get(3)) : null;
        try {
            Installation installation = Installation.of(home, env);
            if (args.get(0).equals("backup")) {
                try {
                    return new Backup(installation, out).run(folder, keys);
                } catch (IOException | SQLException | RuntimeException e) {
                    err.println("porchlight backup: failed, the folder " + folder.toAbsolutePath().normalize()
                            + " holds an incomplete backup (delete it): " + DatabaseSnapshot.firstLine(e));
                    return 2;
                }
            }
            new Restore(installation, out).run(folder, keys);
            return 0;
        } catch (BackupFailure e) {
            err.println("porchlight " + args.get(0) + ": " + e.getMessage());
            return 2;
        } catch (IOException | SQLException | RuntimeException e) {
            err.println("porchlight " + args.get(0) + ": failed: " + DatabaseSnapshot.firstLine(e));
            return 2;
        }
    }
}
