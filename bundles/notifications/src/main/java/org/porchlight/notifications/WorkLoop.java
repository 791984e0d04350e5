package org.porchlight.notifications;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.BooleanSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A thread that repeats {@code step} while it finds work (returns true), and otherwise waits
 * for a signal or the poll interval; every 20 ms for a while after an enqueue on this node.
 */
final class WorkLoop {

    /** The worker's logger: operators look for its lines under one name. */
    private static final Logger LOG = LoggerFactory.getLogger(DeliveryWorker.class);
    /** How long the loop looks often for work after a hurried signal. */
    private static final long HURRY_NANOS = TimeUnit.SECONDS.toNanos(3);
    private static final long HURRY_POLL_MILLIS = 20;

    private final BooleanSupplier step;
    private final long workFrom;
    private final long pollMillis;
    final Thread thread;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition wake = lock.newCondition();
    private boolean signalled;
    private long hurryUntil = System.nanoTime();
    private volatile boolean running = true;

    WorkLoop(String name, BooleanSupplier step, long workFrom, long pollMillis) {
        this.workFrom = workFrom;
        this.pollMillis = pollMillis;
        this.step = step;
        this.thread = new Thread(this::run, name);
        thread.setDaemon(true);
    }

    void signal(boolean hurry) {
        lock.lock();
        try {
            signalled = true;
            if (hurry) {
                hurryUntil = System.nanoTime() + HURRY_NANOS;
            }
            wake.signalAll();
        } finally {
            lock.unlock();
        }
    }

    void stop() throws InterruptedException {
        running = false;
        signal(false);
        // Work in a transaction is finished, not interrupted: interrupting JDBC calls can close H2's file.
        thread.join(TimeUnit.SECONDS.toMillis(10));
    }

    private void run() {
        int failures = 0;
        while (running) {
            boolean more;
            try {
                // Nothing before the start delay: channels of bundles starting alongside are not there yet.
                more = System.nanoTime() - workFrom >= 0 && step.getAsBoolean();
                failures = 0;
            } catch (RuntimeException e) {
                // The database is away or refusing: say so once in a while, and wait longer each time.
                failures++;
                if (failures == 1 || failures % 60 == 0) {
                    LOG.warn("Notification worker ({}) cannot reach the outbox ({}); trying again", thread.getName(), FailureText.describe(e));
                }
                more = false;
                pause(Math.min(30_000, pollMillis << Math.min(failures, 5)));
            }
            if (!more) {
                await();
            }
        }
    }

    private void await() {
        lock.lock();
        try {
            if (!signalled && running) {
                wake.await(System.nanoTime() - hurryUntil < 0 ? HURRY_POLL_MILLIS : pollMillis, TimeUnit.MILLISECONDS);
            }
            signalled = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }

    private void pause(long millis) {
        lock.lock();
        try {
            if (running) {
                wake.await(millis, TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            running = false;
        } finally {
            lock.unlock();
        }
    }
}
