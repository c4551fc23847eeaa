package dev.mastersim.calibrate;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ctrl-C for a measurement: a shutdown hook that raises the flag every load thread checks, then holds the
 * JVM until the run has dropped its tables and written what it measured ({@link #close}), for at most
 * a minute.
 */
public final class StopSignal implements AutoCloseable {
    private static final long GRACE_SECONDS = 60;

    private volatile boolean stopped;
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private StopSignal(boolean install) {
        if (install) {
            hook = new Thread(this::onShutdown, "calibrate-stop");
            Runtime.getRuntime().addShutdownHook(hook);
        } else {
            hook = null;
        }
    }

    /** A signal raised by Ctrl-C (SIGINT, SIGTERM). */
    public static StopSignal install() {
        return new StopSignal(true);
    }

    /** A signal only {@link #stop} raises (tests). */
    public static StopSignal manual() {
        return new StopSignal(false);
    }

    public boolean stopped() {
        return stopped;
    }

    /** Asks every load thread to stop after its current transaction. */
    public void stop() {
        stopped = true;
    }

    private void onShutdown() {
        stopped = true;
        try {
            finished.await(GRACE_SECONDS, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The run has cleaned up: the JVM may exit. */
    @Override
    public void close() {
        finished.countDown();
        if (hook != null && !stopped) {
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // shutting down already: the hook is running and has just been released
            }
        }
    }
}
