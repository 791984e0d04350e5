package org.porchlight.launcher.backup;

/** A backup or restore that cannot go on; the message says why and what to do, in one line. */
final class BackupFailure extends Exception {

    private static final long serialVersionUID = 1L;

    BackupFailure(String message) {
        super(message);
    }
}
