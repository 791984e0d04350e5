package org.porchlight.store;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.function.Consumer;

import javax.sql.DataSource;

import org.porchlight.api.audit.AuditEvent;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded database's online backup, for {@code bin/porchlight backup}: H2 runs inside this
 * JVM, so its {@code BACKUP TO} has to as well. The command reaches it through a local socket,
 * {@code <data>/control/backup.sock}, in a folder only the server's user may enter: whoever can
 * connect could read the database files anyway, so the socket needs no password, and nothing of
 * it is reachable over the network (unlike an HTTP route or H2's own TCP server).
 *
 * <p>One request per connection, one line each way: {@code BACKUP <absolute path>.zip} is
 * answered {@code OK <bytes>} once the file is complete, or {@code ERROR <reason>}. The file must
 * not exist yet; its folder must.
 */
final class BackupChannel implements AutoCloseable {

    static final String FOLDER = "control";
    static final String SOCKET = "backup.sock";
    /** Unix socket paths are limited to 108 bytes on Linux, fewer elsewhere: beyond this the warning says why. */
    static final int MAX_SOCKET_PATH = 100;
    private static final int MAX_LINE = 4096;
    /** How long a client has to send its request line: bin/porchlight backup sends it at once. */
    static final Duration READ_LIMIT = Duration.ofSeconds(10);
    /** How often a wait for the request line looks whether the channel was closed meanwhile. */
    private static final long POLL_MILLIS = 200;
    static final String AUDIT_ACTOR = "store.backup";
    static final String AUDIT_ACTION = "database.backup";
    private static final Logger LOG = LoggerFactory.getLogger(BackupChannel.class);

    private final DataSource database;
    private final Consumer<AuditEvent> audit;
    private final Path socket;
    private final ServerSocketChannel server;
    private final Duration readLimit;
    private final Thread acceptor;
    /** The connection being answered, so that close() can end it; null between connections. */
    private volatile SocketChannel current;

    private BackupChannel(DataSource database, Consumer<AuditEvent> audit, Path socket, ServerSocketChannel server,
            Duration readLimit) {
        this.database = database;
        this.audit = audit;
        this.socket = socket;
        this.server = server;
        this.readLimit = readLimit;
        // Its own thread: accept() on a Unix socket blocks, and backups are rare, so one at a time is plenty.
        this.acceptor = new Thread(this::serve, "porchlight-store-backup");
        this.acceptor.setDaemon(true);
    }

    /**
     * Opens the socket under {@code data}; null (and a warning) if it cannot be. Each backup is
     * recorded through {@code audit} once it is written, best effort: the audit log being down must
     * not keep anyone from a backup.
     */
    static BackupChannel open(DataSource database, Consumer<AuditEvent> audit, Path data) {
        return open(database, audit, data, READ_LIMIT);
    }

    /** As {@link #open(DataSource, Consumer, Path)}, giving each client {@code readLimit} to send its request. */
    static BackupChannel open(DataSource database, Consumer<AuditEvent> audit, Path data, Duration readLimit) {
        Path folder = data.toAbsolutePath().normalize().resolve(FOLDER);
        Path socket = folder.resolve(SOCKET);
        try {
            privateFolder(folder);
            Files.deleteIfExists(socket); // left by a process that was killed
            ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
            server.bind(UnixDomainSocketAddress.of(socket));
            BackupChannel channel = new BackupChannel(database, audit, socket, server, readLimit);
            channel.acceptor.start();
            return channel;
        } catch (IOException | RuntimeException e) {
            boolean tooLong = socket.toString().getBytes(StandardCharsets.UTF_8).length > MAX_SOCKET_PATH;
            LOG.warn("Online backup is not available: cannot open the local socket {} ({}){}", socket, e.toString(),
                    tooLong ? "; socket paths are limited to about 100 bytes: use a shorter data folder path" : "");
            return null;
        }
    }

    private static void privateFolder(Path folder) throws IOException {
        if (!Files.isDirectory(folder)) {
            try {
                Files.createDirectories(folder,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (UnsupportedOperationException e) {
                Files.createDirectories(folder);
            }
        }
        try {
            Files.setPosixFilePermissions(folder, PosixFilePermissions.fromString("rwx------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the folder's own permissions apply
        }
    }

    private void serve() {
        while (server.isOpen()) {
            try (SocketChannel client = server.accept()) {
                current = client;
                if (!server.isOpen()) {
                    break; // closed while this one connected: close() may not have seen it
                }
                String line = readLine(client, readLimit);
                client.configureBlocking(true);
                client.write(ByteBuffer.wrap((answer(line) + "\n").getBytes(StandardCharsets.UTF_8)));
            } catch (SocketTimeoutException e) {
                LOG.warn("Online backup: a client connected but sent no request within {} s", readLimit.toSeconds());
            } catch (IOException e) {
                if (server.isOpen()) {
                    LOG.warn("Online backup: a request failed ({})", e.toString());
                }
            } finally {
                current = null;
            }
        }
    }

    private String answer(String line) {
        if (line == null || !line.startsWith("BACKUP ")) {
            return "ERROR expected one line: BACKUP <absolute path>.zip";
        }
        Path target;
        try {
            target = Path.of(line.substring("BACKUP ".length()));
        } catch (RuntimeException e) {
            return "ERROR not a path";
        }
        String problem = unusable(target);
        if (problem != null) {
            return "ERROR " + problem;
        }
        long start = System.nanoTime();
        try {
            long bytes = backUp(target);
            LOG.info("Online backup of the database written to {} ({} bytes, {} ms)", target, bytes,
                    (System.nanoTime() - start) / 1_000_000);
            record(target, "written, " + bytes + " bytes");
            return "OK " + bytes;
        } catch (SQLException | IOException e) {
            LOG.error("Online backup to {} failed: {}", target, ConnectionPool.rootMessage(e));
            record(target, "failed");
            return "ERROR the database could not be backed up: " + ConnectionPool.rootMessage(e);
        }
    }

    private void record(Path target, String outcome) {
        try {
            audit.accept(new AuditEvent(AuditEvent.Actor.system(AUDIT_ACTOR), null, AUDIT_ACTION, target.toString(), outcome, null));
        } catch (RuntimeException e) {
            LOG.warn("The online backup to {} could not be recorded in the audit log: {}", target, e.toString());
        }
    }

    /** Why the server will not write there, or null. */
    static String unusable(Path target) {
        if (!target.isAbsolute() || !target.normalize().equals(target)) {
            return "the path must be absolute and normalized";
        }
        if (!target.getFileName().toString().endsWith(".zip")) {
            return "the file name must end in .zip";
        }
        if (!Files.isDirectory(target.getParent())) {
            return "the folder " + target.getParent()
                    + " does not exist, or the server's user cannot enter it (run the backup as "
                    + "that user)";
        }
        if (Files.exists(target)) {
            return "the file " + target + " exists already";
        }
        return null;
    }

    /**
     * H2's online backup: a transactionally consistent copy of the database file, taken while
     * others keep writing. {@code BACKUP TO} takes no parameter, so the path is a literal with its
     * quotes doubled; {@link #unusable} has checked that it is a plain absolute path.
     */
    private synchronized long backUp(Path target) throws SQLException, IOException {
        try (Connection c = database.getConnection(); Statement s = c.createStatement()) {
            s.execute("BACKUP TO '" + target.toString().replace("'", "''") + "'");
        }
        try {
            // H2 creates the file with the server's umask: the copy of the database is for its user only.
            Files.setPosixFilePermissions(target, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not POSIX: the folder's permissions apply
        }
        return Files.size(target);
    }

    /**
     * The request line, or null if the client ended without one. A client that sends nothing
     * within {@code limit} is given up on (SocketTimeoutException), so that it holds neither the
     * next backup nor close(): blocking reads on a channel have no timeout, hence the selector.
     */
    private static String readLine(SocketChannel client, Duration limit) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(MAX_LINE);
        long deadline = System.nanoTime() + limit.toNanos();
        client.configureBlocking(false);
        try (Selector selector = Selector.open()) {
            client.register(selector, SelectionKey.OP_READ);
            while (buffer.hasRemaining()) {
                long left = (deadline - System.nanoTime()) / 1_000_000;
                if (left <= 0) {
                    throw new SocketTimeoutException("no request line");
                }
                selector.select(Math.min(left, POLL_MILLIS));
                if (!client.isOpen()) {
                    throw new ClosedChannelException();
                }
                selector.selectedKeys().clear();
                if (client.read(buffer) < 0) {
                    break;
                }
                int end = indexOfNewline(buffer);
                if (end >= 0) {
                    return new String(buffer.array(), 0, end, StandardCharsets.UTF_8);
                }
            }
        }
        return null;
    }

    private static int indexOfNewline(ByteBuffer buffer) {
        for (int i = 0; i < buffer.position(); i++) {
            if (buffer.get(i) == '\n') {
                return i;
            }
        }
        return -1;
    }

    /** Whether a connection is being answered (for tests). */
    boolean answering() {
        return current != null;
    }

    /** Whether the thread that answers connections still runs (for tests). */
    boolean serving() {
        return acceptor.isAlive();
    }

    @Override
    public void close() {
        try {
            server.close();
            SocketChannel client = current;
            if (client != null) {
                client.close();
            }
            acceptor.join(5000);
            if (acceptor.isAlive()) {
                LOG.warn("Online backup: the backup being written did not end within 5 s of stopping; it goes on in the "
                        + "background");
            }
            Files.deleteIfExists(socket);
        } catch (IOException e) {
            LOG.debug("Closing the backup socket", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
