package org.porchlight.evidence;

import java.io.FilterOutputStream;
import java.io.IOException;
import java.io.OutputStream;

/**
 * The stream an item is handed out on (a download or an export): counts the bytes given to the
 * connection (the last write may have failed part-way, so at most that many reached the client)
 * and remembers whether writing to it failed, so that a hand-out that broke off is recorded
 * as such in the chain of custody, apart from a failure of the item itself.
 */
final class HandOut extends FilterOutputStream {

    private long sent;
    private boolean broken;

    HandOut(OutputStream connection) {
        super(connection);
    }

    @Override
    public void write(int b) throws IOException {
        write(new byte[] {(byte) b}, 0, 1);
    }

    @Override
    public void write(byte[] bytes, int offset, int length) throws IOException {
        sent += length;
        try {
            out.write(bytes, offset, length);
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    @Override
    public void flush() throws IOException {
        try {
            out.flush();
        } catch (IOException e) {
            broken = true;
            throw e;
        }
    }

    /** Bytes given to the connection: at most this many reached the client. */
    long sent() {
        return sent;
    }

    /** Whether writing to the connection failed. */
    boolean broken() {
        return broken;
    }
}
