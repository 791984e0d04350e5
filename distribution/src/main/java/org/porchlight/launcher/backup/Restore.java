package org.porchlight.launcher.backup;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;

/**
 * {@code bin/porchlight restore DIR [--keys KEYDIR]}: checks the backup against its manifests,
 * then puts the database, the evidence files and the keys where this installation keeps them.
 * Only into an empty data folder (and empty evidence folder, and no key file there yet): a restore
 * never mixes with or overwrites what is there. A PostgreSQL backup's dump is restored with
 * {@code pg_restore}, whose line is printed; the files and keys are restored here.
 */
final class Restore {

    private final Installation installation;
    private final PrintStream out;
    /** Every file and folder this restore created, outer folders first: what undo() takes back. */
    private final List<Path> created = new ArrayList<>();

    Restore(Installation installation, PrintStream out) {
        this.installation = installation;
        this.out = out;
    }

    void run(Path backup, Path keysApart) throws IOException, SQLException, BackupFailure {
        Path folder = backup.toAbsolutePath().normalize();
        if (!Files.isDirectory(folder)) {
            throw new BackupFailure("There is no backup folder " + folder);
        }
        Path keys = keysApart == null ? folder.resolve(Backup.KEYS) : keysApart.toAbsolutePath().normalize();
        Manifest manifest;
        Manifest keyManifest;
        try {
            manifest = Manifest.verify(folder, "The backup " + folder, List.of(Backup.KEYS));
            if (!Files.isDirectory(keys)) {
                throw new BackupFailure("The backup's keys are not in " + keys
                        + ": give the folder they were stored in with --keys");
            }
            keyManifest = Manifest.verify(keys, "The keys folder " + keys, List.of());
        } catch (Manifest.Damaged e) {
            throw new BackupFailure(e.getMessage());
        }
        Properties properties = properties(folder, manifest);
        String kind = properties.getProperty("database.kind", "");
        checkTargets(kind, keyManifest);

        // The database first: pg_restore runs in one transaction, so a failure there leaves nothing anywhere.
        // After it, a failure takes back every file this restore wrote (it wrote only into empty places),
        // so that a retry is not refused; a PostgreSQL database it filled is named to be emptied.
        Path database = folder.resolve(properties.getProperty("database.file"));
        boolean databaseRestored = false;
        int files = 0;
        try {
            if (kind.equals("h2")) {
                unzip(database, installation.data().resolve("db"));
            } else {
                PostgresRestore.run(installation.database(), database);
            }
            databaseRestored = true;
            for (String name : keyManifest.hashes().keySet()) {
                if (!name.equals(Backup.README)) {
                    copy(keys.resolve(name), keyPath(name));
                }
            }
            for (Map.Entry<String, String> entry : manifest.hashes().entrySet()) {
                String path = entry.getKey();
                if (path.startsWith(Backup.EVIDENCE + "/")) {
                    Path target = installation.evidence().resolve(path.substring(Backup.EVIDENCE.length() + 1));
                    if (!copy(folder.resolve(path), target).equals(entry.getValue())) {
                        throw new BackupFailure(path + " changed while it was restored: its SHA-256 no longer matches the "
                                + "manifest");
                    }
                    files++;
                }
            }
        } catch (IOException | BackupFailure | RuntimeException e) {
            undo(kind.equals("postgresql") && databaseRestored);
            throw e;
        }
        checkEvidenceNamed(kind);
        out.printf("Restored into %s%s: the database, %d evidence files, keys %s.%n", installation.data(),
                kind.equals("h2") ? "" : " and " + installation.database().safeUrl(), files, names(keyManifest));
        if (installation.evidenceKeyFromEnvironment()) {
            out.println("The evidence master key comes from PORCHLIGHT_EVIDENCE_KEY: it must be the key of the backed-up "
                    + "server.");
        }
        out.println("Start the server, then check the audit chain (GET /api/audit/verify as a platform admin) and that it "
                + "reaches "
                + "entry " + properties.getProperty("audit.lastSequence", "?") + ".");
    }

    /** Copies a file of the backup to a place that was empty, noting what it creates. */
    private String copy(Path from, Path to) throws IOException {
        track(to);
        return PrivateFiles.copy(from, to);
    }

    /** Notes {@code target} and each of its folders that is not there yet, outer ones first. */
    private void track(Path target) {
        List<Path> missing = new ArrayList<>();
        for (Path p = target; p != null && !Files.exists(p, LinkOption.NOFOLLOW_LINKS); p = p.getParent()) {
            missing.add(0, p);
        }
        created.addAll(missing);
    }

    /**
     * After a failure: deletes what this restore created, inner before outer, and says what is
     * left to empty before a retry (anything else written there meanwhile, and the database).
     */
    private void undo(boolean postgresFilled) {
        List<Path> left = new ArrayList<>();
        int removed = 0;
        for (int i = created.size() - 1; i >= 0; i--) {
            try {
                if (Files.exists(created.get(i), LinkOption.NOFOLLOW_LINKS)) { // not if its creation failed
                    Files.delete(created.get(i));
                    removed++;
                }
            } catch (IOException e) {
                left.add(created.get(i));
            }
        }
        if (removed > 0 || !left.isEmpty()) {
            out.println("The restore failed: it removed the " + removed + " files and folders it had written"
                    + (left.isEmpty() ? "" : ", except " + left + ": remove those before retrying"));
        }
        if (postgresFilled) {
            Installation.Database db = installation.database();
            String name = db.url().replaceFirst("^jdbc:postgresql://[^/]*/", "").replaceAll("[?;].*", "");
            out.println("The database " + db.safeUrl() + " holds the restored tables: empty it before retrying, e.g. dropdb "
                    + name + " && createdb -O " + (db.user().isEmpty() ? "porchlight" : db.user()) + " " + name);
        }
    }

    /** Every evidence file the restored database names is there (its hash was checked as it was copied). */
    private void checkEvidenceNamed(String kind) throws SQLException {
        Installation.Database db = installation.database();
        Path file = installation.data().resolve("db").resolve("porchlight");
        String url = kind.equals("h2") ? Installation.readOnlyUrl("file:" + file)
                : db.url();
        List<DatabaseSnapshot.Blob> blobs;
        try (Connection c = kind.equals("h2") ? DriverManager.getConnection(url, "porchlight", "")
                : DriverManager.getConnection(url, db.user(), db.password())) {
            blobs = DatabaseSnapshot.blobs(c);
        }
        List<String> absent = new ArrayList<>();
        for (DatabaseSnapshot.Blob blob : blobs) {
            if (Backup.FILES_STORE.equals(blob.store())
                    && !Files.isRegularFile(installation.evidence().resolve(Backup.blobPath(blob.id())))) {
                absent.add(blob.id());
            }
        }
        if (!absent.isEmpty()) {
            out.println("WARNING: the database names " + absent.size() + " evidence files the backup does not hold (they were "
                    + "missing when it was made): " + String.join(", ", absent.subList(0, Math.min(10, absent.size()))));
        }
    }

    private static Properties properties(Path folder, Manifest manifest) throws IOException, BackupFailure {
        if (!manifest.hashes().containsKey(Backup.PROPERTIES)) {
            throw new BackupFailure("The backup " + folder + " has no " + Backup.PROPERTIES + ": not a Porchlight backup");
        }
        Properties properties = new Properties();
        try (Reader in = Files.newBufferedReader(folder.resolve(Backup.PROPERTIES), StandardCharsets.ISO_8859_1)) {
            properties.load(in);
        }
        if (!"1".equals(properties.getProperty("format"))) {
            throw new BackupFailure("The backup " + folder + " has format " + properties.getProperty("format")
                    + "; this version restores format 1");
        }
        String file = properties.getProperty("database.file", "");
        if (!manifest.hashes().containsKey(file)) {
            throw new BackupFailure("The backup " + folder + " names the database file '" + file
                    + "', which its manifest does not list");
        }
        return properties;
    }

    /** Everything this restore would write must be absent or empty: no mixing, no overwriting. */
    private void checkTargets(String kind, Manifest keys) throws IOException, BackupFailure {
        if (!PrivateFiles.absentOrEmpty(installation.data())) {
            throw new BackupFailure("The data folder " + installation.data()
                    + " is not empty: restore only into an empty one (move "
                    + "this one away, or set PORCHLIGHT_DATA to a new folder)");
        }
        if (!installation.evidence().startsWith(installation.data()) && !PrivateFiles.absentOrEmpty(installation.evidence())) {
            throw new BackupFailure("The evidence folder " + installation.evidence()
                    + " (filesFolder) is not empty: restore only into "
                    + "an empty one");
        }
        for (String name : keys.hashes().keySet()) {
            Path target = keyPath(name);
            if (!name.equals(Backup.README) && Files.exists(target)) {
                throw new BackupFailure("The key file " + target
                        + " exists already: move it away (a restore never replaces a key; "
                        + "the backup's " + name + " is the one its data needs)");
            }
        }
        if (kind.equals("h2") && !installation.embedded()) {
            throw new BackupFailure("The backup holds the embedded database, but this installation is set to use "
                    + installation.database().safeUrl() + ": unset PORCHLIGHT_DB_URL (and url in etc/org.porchlight.store.cfg)");
        }
        if (kind.equals("postgresql")) {
            PostgresRestore.checkEmpty(installation.database());
        } else if (!kind.equals("h2")) {
            throw new BackupFailure("The backup's database kind '" + kind + "' is unknown");
        }
    }

    private Path keyPath(String name) {
        for (Installation.KeyFile key : installation.keys()) {
            if (key.name().equals(name)) {
                return key.path();
            }
        }
        return installation.data().resolve("secrets").resolve(name);
    }

    private static String names(Manifest keys) {
        List<String> names = new ArrayList<>(keys.hashes().keySet());
        names.remove(Backup.README);
        return String.join(", ", names);
    }

    /** H2's backup zip holds the database file(s) by plain name; nothing else is taken from it. */
    private void unzip(Path zip, Path folder) throws IOException, BackupFailure {
        track(folder.resolve("porchlight.mv.db"));
        PrivateFiles.createFolder(folder);
        try (ZipInputStream in = new ZipInputStream(Files.newInputStream(zip))) {
            for (ZipEntry entry; (entry = in.getNextEntry()) != null;) {
                String name = entry.getName();
                if (entry.isDirectory() || !name.equals("porchlight.mv.db")) {
                    throw new BackupFailure("The database backup " + zip + " holds an unexpected entry '" + name + "'");
                }
                try (InputStream entryContent = new NonClosing(in)) {
                    Path target = folder.resolve(name);
                    Files.copy(entryContent, target);
                    PrivateFiles.ownerOnly(target);
                }
            }
        }
        if (!Files.isRegularFile(folder.resolve("porchlight.mv.db"))) {
            throw new BackupFailure("The database backup " + zip + " holds no porchlight.mv.db");
        }
    }

    /** An entry's stream that leaves the zip open. */
    private static final class NonClosing extends FilterInputStream {
        NonClosing(InputStream in) {
            super(in);
        }

        @Override
        public void close() {
            // the zip stream goes on to its next entry
        }
    }
}
