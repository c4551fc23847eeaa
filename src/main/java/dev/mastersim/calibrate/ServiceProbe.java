package dev.mastersim.calibrate;

import dev.mastersim.experiment.result.CalibrationResult.ServiceTime;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import org.HdrHistogram.Histogram;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Per-statement service times at concurrency 1: each transaction of the workload is run alone, its
 * statements timed one by one, together with two that isolate the costs the model separates — a trivial
 * {@code SELECT 1} (one round trip and nothing else) and the commit of a transaction that wrote nothing
 * (the commit's work without a log flush: PostgreSQL writes no commit record for a transaction without an
 * xid, the documentation's "WAL Internals" chapter).
 */
final class ServiceProbe {
    private final Target target;
    private final Workload w;
    private final Tables tables;
    private final StopSignal stop;

    ServiceProbe(Target target, Workload w, Tables tables, StopSignal stop) {
        this.target = target;
        this.w = w;
        this.tables = tables;
        this.stop = stop;
    }

    /** The statements' times; {@code total} is a whole transaction, connection borrowing included. */
    record Times(Stat ping, Stat read, Stat update, Stat commit, Stat emptyCommit, Stat total) {
        List<ServiceTime> list() {
            return List.of(
                    ping.as("SELECT 1 (round trip)"),
                    read.as("SELECT by key (read)"),
                    update.as("UPDATE one row (lock)"),
                    commit.as("COMMIT after updates"),
                    emptyCommit.as("COMMIT of a read-only transaction"),
                    total.as("whole transaction"));
        }
    }

    /** Mean, coefficient of variation and median of one statement's times, in ms. */
    record Stat(int n, double meanMs, double cv, double p50Ms) {
        ServiceTime as(String name) {
            return new ServiceTime(name, n, meanMs, cv, p50Ms);
        }
    }

    /** Times in nanoseconds; mean and variance by Welford, the median from a histogram. */
    private static final class Acc {
        final Histogram h = new Histogram(3);
        long n;
        double mean;
        double m2;

        void add(long nanos) {
            n++;
            double d = nanos - mean;
            mean += d / n;
            m2 += d * (nanos - mean);
            h.recordValue(Math.max(0, nanos / 100)); // 0.1 µs units
        }

        Stat stat() {
            double sd = n > 1 ? Math.sqrt(m2 / (n - 1)) : 0.0;
            return new Stat((int) n, mean / 1e6, mean > 0 ? sd / mean : 0.0, h.getValueAtPercentile(50) / 1e4);
        }
    }

    Times run(double seconds) throws SQLException {
        Acc ping = new Acc();
        Acc read = new Acc();
        Acc update = new Acc();
        Acc commit = new Acc();
        Acc empty = new Acc();
        Acc total = new Acc();
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(7L);
        int[] keys = new int[w.bigLocks()];
        var zipf = w.kind() == Workload.Kind.ZIPF
                ? new org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler(
                        rng, w.rows(), w.zipfS())
                : null;
        try (var pool = target.pool(1, w.lockTimeoutSeconds())) {
            long warmEnd = System.nanoTime() + (long) (Math.max(1.0, seconds * 0.2) * 1e9); // the JIT first
            long end = warmEnd + (long) (seconds * 1e9);
            while (!stop.stopped() && System.nanoTime() < end) {
                boolean measure = System.nanoTime() >= warmEnd;
                w.drawKeys(rng, zipf, keys);
                long t0 = System.nanoTime();
                try (Connection c = pool.getConnection();
                        PreparedStatement one = c.prepareStatement("SELECT 1");
                        PreparedStatement sel = c.prepareStatement("SELECT n FROM " + tables.rows() + " WHERE id = ?");
                        PreparedStatement upd =
                                c.prepareStatement("UPDATE " + tables.rows() + " SET n = n + 1 WHERE id = ?");
                        PreparedStatement hot =
                                c.prepareStatement("UPDATE " + tables.hot() + " SET n = n + 1 WHERE id = ?")) {
                    for (int r = 0; r < w.reads(); r++) {
                        long a = System.nanoTime();
                        sel.setInt(1, rng.nextInt(w.rows()));
                        try (ResultSet rs = sel.executeQuery()) {
                            rs.next();
                        }
                        if (measure) {
                            read.add(System.nanoTime() - a);
                        }
                    }
                    // a round trip, then the commit of a transaction that wrote nothing; not part of the workload's
                    // transaction, so their time is taken off its total
                    long x0 = System.nanoTime();
                    try (ResultSet rs = one.executeQuery()) {
                        rs.next();
                    }
                    long x1 = System.nanoTime();
                    c.setAutoCommit(false);
                    try (ResultSet rs = one.executeQuery()) {
                        rs.next();
                    }
                    long e0 = System.nanoTime();
                    c.commit();
                    long e1 = System.nanoTime();
                    if (measure) {
                        ping.add(x1 - x0);
                        empty.add(e1 - e0);
                    }
                    for (int key : keys) {
                        long a = System.nanoTime();
                        upd.setInt(1, key);
                        upd.executeUpdate();
                        if (measure) {
                            update.add(System.nanoTime() - a);
                        }
                    }
                    if (w.kind() == Workload.Kind.HOT_ROW) {
                        long a = System.nanoTime();
                        hot.setInt(1, rng.nextInt(w.hotRows()));
                        hot.executeUpdate();
                        if (measure) {
                            update.add(System.nanoTime() - a);
                        }
                    }
                    long a = System.nanoTime();
                    c.commit();
                    long b = System.nanoTime();
                    if (measure) {
                        commit.add(b - a);
                        total.add(b - t0 - (e1 - x0));
                    }
                    c.setAutoCommit(true);
                }
            }
        }
        return new Times(ping.stat(), read.stat(), update.stat(), commit.stat(), empty.stat(), total.stat());
    }
}
