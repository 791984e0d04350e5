package org.porchlight.launcher.backup;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code bin/porchlight backup DIR [--keys KEYDIR]}: a consistent copy of a running (or stopped)
 * server's database, evidence files and keys, with {@value Manifest#NAME} to check it by.
 *
 * <p>Order, so that the parts agree without stopping writes: the evidence folder is held first (no
 * file is deleted meanwhile, see FileEvidenceStore), then the database snapshot is taken, then
 * exactly the evidence files that snapshot names are copied (each was complete before its row was
 * committed), then the hold ends. Files of later uploads are not copied: no row of the snapshot
 * names them. The keys go to {@code keys/} (or {@code KEYDIR}), with their own manifest and a
 * README that says to store them apart from the rest.
 */
final class Backup {

    static final String DATABASE = "database";
    static final String EVIDENCE = "evidence";
    static final String KEYS = "keys";
    static final String PROPERTIES = "backup.properties";
    static final String README = "README.txt";
    static final String FILES_STORE = "files";
    static final String HOLD = ".backup-hold";
    /** As FileEvidenceStore: an older hold was left by a backup that died. */
    static final Duration HOLD_LIMIT = Duration.ofHours(12);

    private final Installation installation;
    private final PrintStream out;

    Backup(Installation installation, PrintStream out) {
        this.installation = installation;
        this.out = out;
    }

    /** Returns the exit code: 0 complete, 1 written but with evidence files missing from the live store. */
    int run(Path target, Path keysApart) throws IOException, SQLException, BackupFailure {
        Path folder = target.toAbsolutePath().normalize();
        Path keys = keysApart == null ? folder.resolve(KEYS) : keysApart.toAbsolutePath().normalize();
        mustBeNew(folder, "backup folder");
        if (keysApart != null) {
            if (keys.startsWith(folder) || folder.startsWith(keys)) {
                throw new BackupFailure("The keys folder " + keys + " must be outside the backup folder " + folder
                        + ": --keys is for storing them apart");
            }
            mustBeNew(keys, "keys folder");
        }
        PrivateFiles.ownFolder(folder);
        if (keysApart != null) {
            PrivateFiles.ownFolder(keys);
        } else {
            PrivateFiles.createNewFolder(keys);
        }
        PrivateFiles.createNewFolder(folder.resolve(DATABASE));
        PrivateFiles.createNewFolder(folder.resolve(EVIDENCE));
        Manifest manifest = new Manifest();

        Path hold = installation.evidence().resolve(HOLD);
        boolean held = hold(hold);
        DatabaseSnapshot.Taken snapshot;
        List<String> missing = new ArrayList<>();
        int otherStores = 0;
        try {
            snapshot = installation.database().postgres() ? DatabaseSnapshot.postgres(installation, folder.resolve(DATABASE))
                    : DatabaseSnapshot.h2(installation, folder.resolve(DATABASE));
            manifest.add(DATABASE + "/" + snapshot.file().getFileName(), Manifest.sha256(snapshot.file()));
            for (DatabaseSnapshot.Blob blob : snapshot.blobs()) {
                if (!FILES_STORE.equals(blob.store())) {
                    otherStores++;
                    continue;
                }
                String relative = blobPath(blob.id());
                Path source = installation.evidence().resolve(relative);
                if (!Files.isRegularFile(source)) {
                    missing.add(blob.id());
                    continue;
                }
                manifest.add(EVIDENCE + "/" + relative, PrivateFiles.copy(source, folder.resolve(EVIDENCE).resolve(relative)));
            }
        } finally {
            if (held) {
                Files.deleteIfExists(hold);
            }
        }
        List<String> keyNames = copyKeys(keys);
        String properties = properties(snapshot, missing, otherStores, keysApart == null ? KEYS : keys.toString(), keyNames);
        PrivateFiles.write(folder.resolve(PROPERTIES), properties);
        manifest.add(PROPERTIES, Manifest.sha256(folder.resolve(PROPERTIES)));
        PrivateFiles.write(folder.resolve(README), readme(keysApart == null));
        manifest.add(README, Manifest.sha256(folder.resolve(README)));
        manifest.write(folder);

        int files = snapshot.blobs().size() - missing.size() - otherStores;
        out.printf("Backup written to %s: database (%s, audit chain to entry %d), %d evidence files, keys in %s (%s)%n", folder,
                snapshot.kind(), snapshot.auditSequence(), files, keys, String.join(", ", keyNames));
        out.println("Store " + keys + " apart from the rest of the backup: see its README.txt.");
        if (installation.evidenceKeyFromEnvironment()) {
            out.println("The evidence master key comes from PORCHLIGHT_EVIDENCE_KEY and is not in this backup: keep it in your "
                    + "secret store; without it the evidence cannot be read.");
        }
        if (otherStores > 0) {
            out.println(otherStores
                    + " evidence files are in stores other than the built-in one; back those up by the store's own means.");
        }
        if (!missing.isEmpty()) {
            String some = String.join(", ", missing.subList(0, Math.min(10, missing.size())))
                    + (missing.size() > 10 ? ", ..." : "");
            out.println("WARNING: " + missing.size() + " evidence files the database names are missing from "
                    + installation.evidence() + " (items " + some
                    + "): purged while the backup ran (a purge that had checked for the hold just before it was "
                    + "written), or lost; the ones still named by the live server are lost there too");
            return 1;
        }
        return 0;
    }

    /** Where the built-in store keeps a blob, relative to its folder (FileEvidenceStore.path). */
    static String blobPath(String id) {
        return id.substring(0, 2) + "/" + id.substring(2, 4) + "/" + id;
    }

    private static void mustBeNew(Path folder, String what) throws IOException, BackupFailure {
        if (!PrivateFiles.absentOrEmpty(folder)) {
            throw new BackupFailure("The " + what + " " + folder + " is not empty: a backup goes into a new or empty folder and "
                    + "never overwrites one");
        }
        String notPrivate = Files.exists(folder) ? PrivateFiles.notPrivate(folder) : null;
        if (notPrivate != null) {
            throw new BackupFailure("The " + what + " " + folder + " is not private: " + notPrivate
                    + "; a backup holds the database and the keys, so it goes into a new folder or an empty one only you "
                    + "may write to");
        }
    }

    /** Holds the evidence folder against deletions; false if there is no folder (no evidence yet). */
    private boolean hold(Path hold) throws IOException, BackupFailure {
        if (!Files.isDirectory(hold.getParent())) {
            return false;
        }
        if (Files.exists(hold)) {
            FileTime since = Files.getLastModifiedTime(hold);
            if (since.toInstant().isAfter(Instant.now().minus(HOLD_LIMIT))) {
                throw new BackupFailure("Another backup is copying the evidence folder (" + hold + " is there since " + since
                        + "); wait for it to finish, or delete that file if no backup runs");
            }
        }
        Files.writeString(hold, "held by bin/porchlight backup (process " + ProcessHandle.current().pid() + ") since "
                + Instant.now()
                + ": evidence files are not deleted meanwhile\n", StandardCharsets.UTF_8);
        return true;
    }

    /** Copies every key file there is; returns their names. */
    private List<String> copyKeys(Path keys) throws IOException {
        Manifest manifest = new Manifest();
        Set<String> names = new TreeSet<>();
        Set<Path> known = new TreeSet<>();
        for (Installation.KeyFile key : installation.keys()) {
            known.add(key.path());
            if (Files.isRegularFile(key.path())) {
                manifest.add(key.name(), PrivateFiles.copy(key.path(), keys.resolve(key.name())));
                names.add(key.name());
            }
        }
        // Keys a later version or a module keeps in data/secrets go along under their own names.
        Path secrets = installation.data().resolve("secrets");
        if (Files.isDirectory(secrets)) {
            try (Stream<Path> files = Files.list(secrets)) {
                for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                    String name = file.getFileName().toString();
                    if (!known.contains(file.toAbsolutePath().normalize()) && !names.contains(name) && !name.startsWith(".")
                            && !name.equals(README) && !name.equals(Manifest.NAME) && Manifest.plainName(name)) {
                        manifest.add(name, PrivateFiles.copy(file, keys.resolve(name)));
                        names.add(name);
                    }
                }
            }
        }
        PrivateFiles.write(keys.resolve(README), keysReadme(names));
        manifest.add(README, Manifest.sha256(keys.resolve(README)));
        manifest.write(keys);
        return List.copyOf(names);
    }

    private String properties(DatabaseSnapshot.Taken snapshot, List<String> missing, int otherStores, String keys,
            List<String> keyNames) {
        return "# A Porchlight backup (bin/porchlight backup); restore with bin/porchlight restore <this folder>\n"
                + "format=1\n"
                + "created=" + Instant.now() + "\n"
                + "database.kind=" + snapshot.kind() + "\n"
                + "database.file=" + DATABASE + "/" + snapshot.file().getFileName() + "\n"
                + "audit.lastSequence=" + snapshot.auditSequence() + "\n"
                + "evidence.files=" + (snapshot.blobs().size() - missing.size() - otherStores) + "\n"
                + "evidence.missing=" + String.join(",", missing) + "\n"
                + "evidence.otherStores=" + otherStores + "\n"
                + "evidence.keyFromEnvironment=" + installation.evidenceKeyFromEnvironment() + "\n"
                + "keys.folder=" + keys.replace("\\", "\\\\") + "\n"
                + "keys.files=" + keyNames.stream().collect(Collectors.joining(",")) + "\n";
    }

    private static String readme(boolean keysInside) {
        return "A Porchlight backup, made by bin/porchlight backup while the server ran.\n\n"
                + "  database/          the database: porchlight.zip (embedded H2 online backup) or porchlight.dump (pg_dump)\n"
                + "  evidence/          the evidence files the database names, encrypted as the server stores them\n"
                + (keysInside ? "  keys/              THE KEYS: move this folder to separate, safe storage (README.txt)\n"
                        : "")
                + "  backup.properties  what the backup holds\n"
                + "  SHA256SUMS         every file's SHA-256 (check: sha256sum -c SHA256SUMS)\n\n"
                + "Restore into an installation whose data folder is empty:\n"
                + "  bin/porchlight restore <this folder> [--keys <keys folder>]\n\n"
                + "This backup holds personal data, and evidence that may be purged on the live server later: keep\n"
                + "it no longer than the agencies' retention periods allow, and only where the data may be.\n";
    }

    private static String keysReadme(Set<String> names) {
        return "THE KEYS of a Porchlight backup: " + String.join(", ", names) + ".\n\n"
                + "Store this folder apart from the rest of the backup (another medium, another place, another\n"
                + "person's custody). The evidence files in the backup are encrypted; evidence-master.key opens them.\n"
                + "Whoever holds both can read all evidence; whoever holds token-signing.jwks can sign in as anyone;\n"
                + "pseudonym.key links pseudonyms to residents; audit-checkpoint.key signs audit checkpoints.\n"
                + "Without evidence-master.key no evidence in the backup can ever be read.\n\n"
                + "Restore: bin/porchlight restore <backup folder> --keys <this folder>\n"
                + "Check: sha256sum -c SHA256SUMS\n";
    }
}
