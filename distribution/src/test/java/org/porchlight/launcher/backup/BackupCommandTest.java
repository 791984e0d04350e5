package org.porchlight.launcher.backup;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Backup and restore of a stopped installation (no server: the command runs H2's backup itself),
 * on a database with just the tables the command reads. The running server's side is
 * BackupChannelTest (store) and BackupRestoreIT (the distribution).
 */
class BackupCommandTest {

    @TempDir
    Path work;

    private Path home;
    private final String kept = UUID.randomUUID().toString();
    private final String purged = UUID.randomUUID().toString();

    @BeforeEach
    void installation() throws Exception {
        home = Files.createDirectories(work.resolve("home"));
        Files.createDirectories(home.resolve("etc"));
        Files.writeString(home.resolve("etc/evidence-master.key"), "master\n");
        Files.createDirectories(home.resolve("data/secrets"));
        Files.writeString(home.resolve("data/secrets/pseudonym.key"), "pseudonym\n");
        Files.writeString(home.resolve("data/secrets/token-signing.jwks"), "{}\n");
        try (Connection c = DriverManager.getConnection(Installation.embeddedUrl(home.resolve("data/db/porchlight")),
                "porchlight", "");
                Statement s = c.createStatement()) {
            s.execute("CREATE SCHEMA evidence");
            s.execute("CREATE TABLE evidence.item (id UUID PRIMARY KEY, store_name VARCHAR(64), wrapped_key BYTEA)");
            s.execute("INSERT INTO evidence.item VALUES ('" + kept + "', 'files', X'01'), ('" + purged + "', 'files', NULL)");
            s.execute("CREATE SCHEMA audit");
            s.execute("CREATE TABLE audit.chain_head (id SMALLINT, last_sequence BIGINT, last_hash CHAR(64))");
            s.execute("INSERT INTO audit.chain_head VALUES (1, 7, 'x')");
        }
        blob(home.resolve("data/evidence"), kept, "ciphertext of the kept file");
        blob(home.resolve("data/evidence"), purged, "a purged file whose key is gone");
    }

    @Test
    void aBackupHoldsTheDatabaseTheFilesItNamesAndTheKeysApartAndRestoresIntoAnEmptyInstallationOnly() throws Exception {
        Path backup = work.resolve("backup");
        Result made = run(home, "backup", backup.toString());
        assertThat(made.exit()).as(made.toString()).isZero();
        assertThat(backup.resolve("database/porchlight.zip")).isRegularFile();
        assertThat(backup.resolve("evidence").resolve(Backup.blobPath(kept))).hasContent("ciphertext of the kept file");
        assertThat(backup.resolve("evidence").resolve(Backup.blobPath(purged))).as("its key is gone: not in the backup")
                .doesNotExist();
        assertThat(backup.resolve("keys/evidence-master.key")).hasContent("master");
        assertThat(backup.resolve("keys/README.txt")).content().contains("Store this folder apart");
        assertThat(Files.readString(backup.resolve("SHA256SUMS"))).doesNotContain("keys/");
        assertThat(Files.readString(backup.resolve("backup.properties"))).contains("audit.lastSequence=7", "evidence.files=1");
        assertThat(home.resolve("data/evidence/.backup-hold")).doesNotExist();
        assertThat(run(home, "backup", backup.toString()).err()).contains("is not empty");
        assertThat(run(home, "backup", work.resolve("other").toString(), "--keys", work.resolve("other/k").toString()).err())
                .contains("must be outside the backup folder");

        Path restored = Files.createDirectories(work.resolve("restored/etc"));
        Result restore = run(restored.getParent(), "restore", backup.toString());
        assertThat(restore.exit()).as(restore.toString()).isZero();
        assertThat(restored.resolve("evidence-master.key")).hasContent("master");
        assertThat(restored.resolveSibling("data/secrets/pseudonym.key")).hasContent("pseudonym");
        assertThat(restored.resolveSibling("data/evidence").resolve(Backup.blobPath(kept)))
                .hasContent("ciphertext of the kept file");
        assertThat(restored.resolveSibling("data/db/porchlight.mv.db")).isRegularFile();
        Result again = run(restored.getParent(), "restore", backup.toString());
        assertThat(again.exit()).isEqualTo(2);
        assertThat(again.err()).contains("is not empty");
    }

    @Test
    void aFileTheDatabaseNamesButTheStoreLacksIsReportedAndTheRestIsBackedUp() throws Exception {
        Files.delete(home.resolve("data/evidence").resolve(Backup.blobPath(kept)));
        Result made = run(home, "backup", work.resolve("backup").toString());
        assertThat(made.exit()).isEqualTo(1);
        assertThat(made.out()).contains("WARNING: 1 evidence files", kept, "purged while the backup ran", "or lost")
                .doesNotContain("missing from the live server too");
        assertThat(work.resolve("backup/SHA256SUMS")).isRegularFile();
    }

    @Test
    void aRestoreThatFailsAfterTheDatabaseTakesBackWhatItWroteSoThatARetryWorks() throws Exception {
        Path backup = work.resolve("backup");
        assertThat(run(home, "backup", backup.toString()).exit()).isZero();
        Path target = work.resolve("target");
        Files.createDirectories(target.resolve("etc"));
        // The pseudonym key is to go into a folder that cannot be made: a file is in its place.
        Files.writeString(target.resolve("etc/org.porchlight.identity.cfg"), "pseudonymKeyFile = etc/blocked/pseudonym.key\n");
        Files.writeString(target.resolve("etc/blocked"), "a file, not a folder");

        Result failed = run(target, "restore", backup.toString());
        assertThat(failed.exit()).as(failed.toString()).isEqualTo(2);
        assertThat(failed.out()).contains("The restore failed: it removed the", "files and folders it had written")
                .doesNotContain("except");
        assertThat(target.resolve("data")).as("the database it had restored is gone again").doesNotExist();
        assertThat(target.resolve("etc/evidence-master.key")).as("a key it had restored is gone again").doesNotExist();

        Files.delete(target.resolve("etc/blocked"));
        Result retried = run(target, "restore", backup.toString());
        assertThat(retried.exit()).as(retried.toString()).isZero();
        assertThat(target.resolve("etc/blocked/pseudonym.key")).hasContent("pseudonym");
        assertThat(target.resolve("data/db/porchlight.mv.db")).isRegularFile();
    }

    @Test
    void aDamagedOrChangedBackupIsRefusedBeforeAnythingIsWritten() throws Exception {
        Path backup = work.resolve("backup");
        assertThat(run(home, "backup", backup.toString()).exit()).isZero();
        Path target = work.resolve("target");
        Files.createDirectories(target.resolve("etc"));
        Path sums = backup.resolve("SHA256SUMS");
        String original = Files.readString(sums);

        Files.writeString(sums, original.replaceFirst("(?m)  database/", "  ../database/"));
        assertThat(run(target, "restore", backup.toString()).err()).contains("SHA256SUMS is damaged at line");
        Files.writeString(sums, "");
        assertThat(run(target, "restore", backup.toString()).err()).contains("lists no file");
        Files.writeString(sums, original);
        Files.writeString(backup.resolve("evidence/extra"), "slipped in");
        assertThat(run(target, "restore", backup.toString()).err()).contains("evidence/extra is not listed");
        Files.delete(backup.resolve("evidence/extra"));
        Files.writeString(backup.resolve("keys/pseudonym.key"), "another\n");
        assertThat(run(target, "restore", backup.toString()).err()).contains("pseudonym.key does not match its SHA-256");
        assertThat(target.resolve("data")).doesNotExist();
        assertThat(target.resolve("etc/evidence-master.key")).doesNotExist();
    }

    @Test
    void aFolderOthersMayWriteToIsRefusedAndAnEmptyOneOfOnesOwnIsMadePrivateWithTheDatabaseCopyInIt() throws Exception {
        Path shared = Files.createDirectory(work.resolve("shared"));
        Files.setPosixFilePermissions(shared, PosixFilePermissions.fromString("rwxrwxrwx"));
        Result refused = run(home, "backup", shared.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("is not private: others may write to it (rwxrwxrwx)");
        assertThat(shared).isEmptyDirectory();
        Path keysShared = Files.createDirectory(work.resolve("keys-shared"));
        Files.setPosixFilePermissions(keysShared, PosixFilePermissions.fromString("rwxrwx---"));
        assertThat(run(home, "backup", work.resolve("b").toString(), "--keys", keysShared.toString()).err())
                .contains("The keys folder " + keysShared + " is not private");
        assertThat(work.resolve("b")).doesNotExist();

        Path mine = Files.createDirectory(work.resolve("mine"));
        Files.setPosixFilePermissions(mine, PosixFilePermissions.fromString("rwxr-xr-x"));
        Result made = run(home, "backup", mine.toString());
        assertThat(made.exit()).as(made.toString()).isZero();
        for (String folder : List.of("", "database", "evidence", "keys")) {
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine.resolve(folder)))).as(folder)
                    .isEqualTo("rwx------");
        }
        assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(mine.resolve("database/porchlight.zip"))))
                .isEqualTo("rw-------");
    }

    @Test
    void aFolderOfAnotherUserIsRefused() throws Exception {
        assumeTrue("root".equals(System.getProperty("user.name")), "only root can give a folder to another user");
        Path theirs = Files.createDirectory(work.resolve("theirs"));
        UserPrincipal nobody = theirs.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("nobody");
        Files.setOwner(theirs, nobody);
        Files.setPosixFilePermissions(theirs, PosixFilePermissions.fromString("rwx------"));
        Result refused = run(home, "backup", theirs.toString());
        assertThat(refused.exit()).isEqualTo(2);
        assertThat(refused.err()).contains("is not private: it belongs to nobody, not to root");
        assertThat(theirs).isEmptyDirectory();
    }

    @Test
    void aFolderThatIsCreatedNewIsNeverOneThatWasThereOrALink() throws Exception {
        Path elsewhere = Files.createDirectory(work.resolve("elsewhere"));
        Path link = Files.createSymbolicLink(work.resolve("link"), elsewhere);
        assertThatThrownBy(() -> PrivateFiles.createNewFolder(link)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> PrivateFiles.createFolder(link)).isInstanceOf(FileAlreadyExistsException.class);
        assertThatThrownBy(() -> PrivateFiles.createNewFolder(elsewhere)).isInstanceOf(FileAlreadyExistsException.class);
    }

    @Test
    void aPgDumpThatRunsTooLongIsStoppedAndTheBackupFails() throws Exception {
        Process sleeping = new ProcessBuilder("sleep", "60").start();
        try {
            assertThatThrownBy(() -> DatabaseSnapshot.waitFor(sleeping, Duration.ofMillis(100)))
                    .isInstanceOf(BackupFailure.class).hasMessageStartingWith("pg_dump timed out");
            assertThat(sleeping.waitFor(30, TimeUnit.SECONDS)).as("stopped").isTrue();
        } finally {
            sleeping.destroyForcibly();
        }
    }

    @Test
    void wrongArgumentsShowTheUsage() {
        for (List<String> args : List.of(List.<String>of(), List.of("backup"), List.of("copy", "x"), List.of("restore", "x",
                "--key", "y"))) {
            Result r = run(home, args.toArray(String[]::new));
            assertThat(r.exit()).isEqualTo(2);
            assertThat(r.err()).startsWith("usage: porchlight backup DIR");
        }
    }

    private record Result(int exit, String out, String err) {
    }

    private static Result run(Path home, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit = BackupCommand.run(home, Map.of(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void blob(Path folder, String id, String content) throws IOException {
        Path file = folder.resolve(Backup.blobPath(id));
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }
}
