package org.porchlight.modules;

/** A module that the platform will not install or run; the message says why, for the admin. */
final class ModuleRefusedException extends Exception {

    private static final long serialVersionUID = 1L;

    ModuleRefusedException(String reason) {
        super(reason);
    }

    ModuleRefusedException(String reason, Throwable cause) {
        super(reason, cause);
    }
}
