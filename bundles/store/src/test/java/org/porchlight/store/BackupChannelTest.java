package org.porchlight.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.zip.ZipFile;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

class BackupChannelTest {

    @TempDir
    Path data;

    @Test
    void writesAConsistentCopyOfTheEmbeddedDatabaseToTheNamedFileOnly() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(DatabaseSettings.embeddedUrl(data.resolve("db/porchlight")));
        h2.setUser("porchlight");
        h2.setPassword("");
        try (Connection keepOpen = h2.getConnection(); Statement s = keepOpen.createStatement()) {
            s.execute("CREATE TABLE t (n INT)");
            s.execute("INSERT INTO t VALUES (42)");
            java.util.List<org.porchlight.api.audit.AuditEvent> recorded = new java.util.ArrayList<>();
            try (BackupChannel channel = BackupChannel.open(h2, recorded::add, data)) {
                assertThat(channel).isNotNull();
                Path socket = data.resolve("control/backup.sock");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(socket.getParent())))
                        .isEqualTo("rwx------");
                Path target = Files.createDirectory(data.resolve("out")).resolve("db.zip");

                assertThat(ask(socket, "BACKUP " + target)).startsWith("OK ");
                assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(target))).isEqualTo("rw-------");
                try (ZipFile zip = new ZipFile(target.toFile())) {
                    assertThat(zip.getEntry("porchlight.mv.db")).isNotNull();
                }
                JdbcDataSource copy = new JdbcDataSource();
                copy.setURL("jdbc:h2:zip:" + target + "!/porchlight;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;ACCESS_MODE_DATA=r");
                copy.setUser("porchlight");
                try (Connection c = copy.getConnection(); ResultSet r = c.createStatement().executeQuery("SELECT n FROM t")) {
                    assertThat(r.next()).isTrue();
                    assertThat(r.getInt(1)).isEqualTo(42);
                }

                assertThat(recorded).singleElement().satisfies(e -> {
                    assertThat(e.action()).isEqualTo("database.backup");
                    assertThat(e.target()).isEqualTo(target.toString());
                    assertThat(e.outcome()).startsWith("written, ");
                });
                assertThat(ask(socket, "BACKUP " + target)).isEqualTo("ERROR the file " + target + " exists already");
                assertThat(ask(socket, "BACKUP relative/db.zip")).startsWith("ERROR the path must be absolute");
                assertThat(ask(socket, "BACKUP " + data.resolve("out/../out/x.zip")))
                        .startsWith("ERROR the path must be absolute");
                assertThat(ask(socket, "BACKUP " + data.resolve("out/db.txt")))
                        .startsWith("ERROR the file name must end in .zip");
                assertThat(ask(socket, "BACKUP " + data.resolve("none/db.zip"))).startsWith("ERROR the folder");
                assertThat(ask(socket, "DROP ALL OBJECTS")).startsWith("ERROR expected one line");
            }
            assertThat(data.resolve("control/backup.sock")).doesNotExist();
        }
    }

    @Test
    @Timeout(60)
    void aClientThatSendsNothingHoldsNeitherTheNextBackupNorTheStop() throws Exception {
        JdbcDataSource h2 = new JdbcDataSource();
        h2.setURL(DatabaseSettings.embeddedUrl(data.resolve("db/porchlight")));
        h2.setUser("porchlight");
        Path socket = data.resolve("control/backup.sock");
        Path out = Files.createDirectory(data.resolve("out"));
        try (BackupChannel channel = BackupChannel.open(h2, e -> { }, data, Duration.ofMillis(300));
                SocketChannel silent = connect(socket)) {
            assertThat(ask(socket, "BACKUP " + out.resolve("db.zip"))).as("answered once the silent one is given up on")
                    .startsWith("OK ");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(out.resolve("db.zip"))))
                    .isEqualTo("rw-------");
            assertThat(silent.read(ByteBuffer.allocate(16))).as("the silent one was closed").isNegative();
        }

        BackupChannel channel = BackupChannel.open(h2, e -> { }, data, Duration.ofHours(1));
        try (SocketChannel silent = connect(socket)) {
            while (!channel.answering()) {
                Thread.onSpinWait();
            }
            channel.close();
            assertThat(channel.serving()).as("stopped though the client still waits").isFalse();
            assertThat(silent.read(ByteBuffer.allocate(16))).isNegative();
        }
        assertThat(socket).doesNotExist();
    }

    private static SocketChannel connect(Path socket) throws IOException {
        SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX);
        client.connect(UnixDomainSocketAddress.of(socket));
        return client;
    }

    private static String ask(Path socket, String line) throws IOException, SQLException {
        try (SocketChannel client = SocketChannel.open(StandardProtocolFamily.UNIX)) {
            client.connect(UnixDomainSocketAddress.of(socket));
            client.write(ByteBuffer.wrap((line + "\n").getBytes(StandardCharsets.UTF_8)));
            ByteBuffer answer = ByteBuffer.allocate(4096);
            while (client.read(answer) >= 0) {
                // until the server closes
            }
            return new String(answer.array(), 0, answer.position(), StandardCharsets.UTF_8).strip();
        }
    }
}
