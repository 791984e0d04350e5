package org.porchlight.modules;

import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Deactivate;
import org.osgi.service.component.annotations.Reference;
import org.slf4j.MDC;

/**
 * Runs a change that may swap a module (an update, a stop, a configuration change) off the thread of
 * the request that asked for it, one change at a time. A swap waits for the module's requests in
 * flight; if some of them queue behind a reload of the REST runtime, that reload waits for every
 * request in flight, the asking one too: the three would wait for each other. So the asking request
 * waits for the change only until that is seen, then answers while the change completes.
 */
@Component(service = SwapSafeChanges.class)
public class SwapSafeChanges {

    private final SwapGuard swaps;
    private final ExecutorService changes = Executors.newSingleThreadExecutor(r -> {
        Thread thread = new Thread(r, "porchlight-module-changes");
        thread.setDaemon(true);
        return thread;
    });

    @Activate
    public SwapSafeChanges(@Reference SwapGuard swaps) {
        this.swaps = swaps;
    }

    @Deactivate
    void deactivate() {
        changes.shutdown();
    }

    /**
     * The change's outcome; empty if it is still under way because a swap it made waits for requests
     * queued behind a reload of the REST runtime (never for a change that cannot swap, {@code mayAnswerEarly}
     * false). A change's own failure is thrown here.
     */
    public <T> Optional<T> run(Supplier<T> change, boolean mayAnswerEarly) {
        Map<String, String> logContext = MDC.getCopyOfContextMap();
        Future<T> outcome = changes.submit(() -> {
            if (logContext != null) {
                MDC.setContextMap(logContext);
            }
            try {
                return change.get();
            } finally {
                MDC.clear();
            }
        });
        while (true) {
            try {
                return Optional.ofNullable(outcome.get(20, TimeUnit.MILLISECONDS));
            } catch (TimeoutException e) {
                if (mayAnswerEarly && swaps.drainBlocked(100)) {
                    return Optional.empty();
                }
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException failure) {
                    throw failure;
                }
                throw new IllegalStateException(e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted while waiting for a module change", e);
            }
        }
    }
}
