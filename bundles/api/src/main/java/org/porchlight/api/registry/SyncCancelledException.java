package org.porchlight.api.registry;

/** The sync must stop: the registry or the provider is going away. What was checkpointed stays. */
public class SyncCancelledException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public SyncCancelledException() {
        super("the sync was cancelled");
    }
}
