package dev.mastersim.experiment;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntFunction;

/**
 * Runs independent units of work (replications, sweep points) on a fixed number of threads and
 * returns their results in index order. Each unit derives all its randomness from its index, so
 * the results do not depend on the number of threads or on which thread ran which unit.
 */
public final class Replications {
    private Replications() {}

    /** The default worker count: one per available processor. */
    public static int defaultThreads() {
        return Runtime.getRuntime().availableProcessors();
    }

    /** Runs {@code body} for indices 0..n-1 on {@code threads} threads; results in index order. */
    public static <R> List<R> run(int n, int threads, IntFunction<R> body) {
        if (threads <= 1 || n <= 1) {
            List<R> out = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                out.add(body.apply(i));
            }
            return out;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(threads, n), r -> {
            Thread t = new Thread(r, "mastersim-worker");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<R>> futures = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                int index = i;
                futures.add(pool.submit(() -> body.apply(index)));
            }
            List<R> out = new ArrayList<>(n);
            for (Future<R> f : futures) {
                out.add(f.get());
            }
            return out;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while running replications", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        } finally {
            pool.shutdownNow();
        }
    }
}
