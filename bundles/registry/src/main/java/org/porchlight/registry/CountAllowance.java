package org.porchlight.registry;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * How many registry counts each agency user may ask for in a sliding window (by default 60 an
 * hour), so that differencing many areas against each other takes days rather than minutes. Kept
 * in this node's memory: behind a load balancer a user may get this many per node.
 */
final class CountAllowance {

    private final int perWindow;
    private final Duration window;
    private final Clock clock;
    private final Map<UUID, Deque<Instant>> asked = new ConcurrentHashMap<>();

    CountAllowance(int perWindow, Duration window, Clock clock) {
        this.perWindow = Math.max(1, perWindow);
        this.window = window;
        this.clock = clock;
    }

    /**
     * Takes one count from the user's allowance: empty if granted, otherwise how long until the
     * oldest count in the window leaves it.
     */
    Optional<Duration> take(UUID user) {
        Instant now = clock.instant();
        Instant since = now.minus(window);
        Deque<Instant> times = asked.computeIfAbsent(user, u -> new ArrayDeque<>());
        synchronized (times) {
            while (!times.isEmpty() && !times.peekFirst().isAfter(since)) {
                times.pollFirst();
            }
            if (times.size() >= perWindow) {
                return Optional.of(Duration.between(since, times.peekFirst()));
            }
            times.addLast(now);
        }
        if (asked.size() > 10_000) {
            forgetIdle(since);
        }
        return Optional.empty();
    }

    /** Drops users with nothing left in the window, so that the map stays as small as the active users. */
    private void forgetIdle(Instant since) {
        asked.entrySet().removeIf(e -> {
            synchronized (e.getValue()) {
                return e.getValue().isEmpty() || !e.getValue().peekLast().isAfter(since);
            }
        });
    }
}
