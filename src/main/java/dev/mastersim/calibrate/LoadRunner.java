package dev.mastersim.calibrate;

import com.zaxxer.hikari.HikariDataSource;
import dev.mastersim.experiment.Progress;
import dev.mastersim.experiment.result.MeasuredStep;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.LockSupport;
import org.HdrHistogram.ConcurrentHistogram;
import org.HdrHistogram.Histogram;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.sampling.distribution.RejectionInversionZipfSampler;
import org.apache.commons.rng.simple.RandomSource;

/**
 * Drives the {@link Workload} through a HikariCP pool at one concurrency level for a fixed wall-clock time
 * and measures it.
 *
 * <p>Closed loop: {@code clients} threads each run one transaction after another, no think time.
 * Open loop: a dispatcher draws Poisson arrival times at the workload's rate and hands each transaction
 * to a worker; a transaction's response time runs from its <em>intended</em> start, not from when a
 * worker got to it, so a stalled database cannot hide its backlog (Tene's "coordinated omission";
 * HdrHistogram's documentation). Connections come from a pool of {@code clients}.
 *
 * <p>A transaction that the database aborts as a deadlock victim or on a lock-wait timeout is rolled back
 * and retried after an exponential back-off of mean 10 ms, at most 3 times, as the scenario's
 * {@code retries} say; then it counts as failed. A transaction counts in a step when it ends inside the
 * step's measured window, after a warm-up of a fifth of the step.
 *
 * <p>While the window is open, a sampler thread asks the database's own session view every 20 ms how many
 * of this run's sessions are in a transaction and how many of those wait for a lock; the lock wait share
 * is the ratio of the sums (the model's {@code blocked_fraction}).
 */
final class LoadRunner {
    static final int MAX_RETRIES = 3;
    static final double BACKOFF_MEAN_S = 0.010;
    private static final long SAMPLE_NANOS = 20_000_000L;
    private static final int MAX_OPEN_WORKERS = 256;

    private final Target target;
    private final Workload w;
    private final Tables tables;
    private final StopSignal stop;
    private final Target.CpuAccess cpu;
    private final AtomicLong seeds = new AtomicLong(20261129L);

    LoadRunner(Target target, Workload w, Tables tables, StopSignal stop, Target.CpuAccess cpu) {
        this.target = target;
        this.w = w;
        this.tables = tables;
        this.stop = stop;
        this.cpu = cpu;
    }

    /** Counters of one step, shared by its threads. */
    private static final class Tally {
        final ConcurrentHistogram latencyUs = new ConcurrentHistogram(3);
        final LongAdder committed = new LongAdder();
        final LongAdder failed = new LongAdder();
        final LongAdder deadlocks = new LongAdder();
        final LongAdder timeouts = new LongAdder();
        final LongAdder retries = new LongAdder();
        final LongAdder connWaitNanos = new LongAdder();
        final LongAdder connWaits = new LongAdder();
        volatile long windowStart;
        volatile long windowEnd;

        boolean inWindow(long t) {
            return t >= windowStart && t < windowEnd;
        }
    }

    /** Runs one level: warm-up, then the measured window. Returns null when stopped before any measurement. */
    MeasuredStep step(int clients, Progress progress) throws SQLException, InterruptedException {
        Tally t = new Tally();
        long warm = (long) (w.stepSeconds() * 0.2e9);
        long measure = (long) (w.stepSeconds() * 1e9);
        long start = System.nanoTime();
        t.windowStart = start + warm;
        t.windowEnd = start + warm + measure;
        long dbDeadlocks0;
        try (HikariDataSource pool = target.pool(clients, w.lockTimeoutSeconds());
                Connection monitor = target.connect()) {
            dbDeadlocks0 = target.deadlockCounter(monitor);
            List<Thread> threads = new ArrayList<>();
            ExecutorService open = null;
            if (w.mode() == Workload.Mode.CLOSED) {
                for (int i = 0; i < clients; i++) {
                    Thread th = new Thread(() -> closedLoop(pool, t), "calibrate-client-" + i);
                    th.start();
                    threads.add(th);
                }
            } else {
                open = new ThreadPoolExecutor(
                        MAX_OPEN_WORKERS,
                        MAX_OPEN_WORKERS,
                        1,
                        TimeUnit.SECONDS,
                        new LinkedBlockingQueue<>(),
                        r -> new Thread(r, "calibrate-worker"));
                ExecutorService workers = open;
                Thread d = new Thread(() -> dispatch(pool, t, workers), "calibrate-dispatcher");
                d.start();
                threads.add(d);
            }
            CpuMeter meter = cpu.measurable() ? new CpuMeter(cpu.hz(), cpu.postmaster()) : null;
            double[] lockShare = sample(monitor, t, progress, meter);
            for (Thread th : threads) {
                th.join();
            }
            if (open != null) {
                open.shutdown();
                if (!open.awaitTermination(Math.max(5, (long) (2 * w.stepSeconds())), TimeUnit.SECONDS)) {
                    open.shutdownNow();
                }
            }
            long now = System.nanoTime();
            double seconds = (Math.min(now, t.windowEnd) - t.windowStart) / 1e9;
            if (seconds <= 0) {
                return null;
            }
            long dbDeadlocks1 = target.deadlockCounter(monitor);
            return summarise(clients, seconds, t, lockShare, dbDeadlocks0, dbDeadlocks1, meter);
        }
    }

    private MeasuredStep summarise(
            int clients,
            double seconds,
            Tally t,
            double[] lockShare,
            long dbDeadlocks0,
            long dbDeadlocks1,
            CpuMeter meter) {
        Histogram h = t.latencyUs;
        long done = t.committed.sum();
        long failed = t.failed.sum();
        double deadlocks = dbDeadlocks0 >= 0 && dbDeadlocks1 >= 0
                ? (dbDeadlocks1 - dbDeadlocks0) // the server's own count (pg_stat_database)
                : t.deadlocks.sum();
        CpuMeter.Figures cpuUsed = meter == null ? CpuMeter.Figures.NONE : meter.figures(done / seconds);
        return new MeasuredStep(
                clients,
                seconds,
                done / seconds,
                h.getTotalCount() == 0 ? Double.NaN : h.getMean() / 1e3,
                h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(50) / 1e3,
                h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(95) / 1e3,
                h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(99) / 1e3,
                done + failed == 0 ? 0.0 : (double) failed / (done + failed),
                deadlocks / seconds,
                t.timeouts.sum() / seconds,
                t.retries.sum() / seconds,
                lockShare[1] > 0 ? lockShare[0] / lockShare[1] : Double.NaN,
                t.connWaits.sum() == 0 ? 0.0 : t.connWaitNanos.sum() / 1e6 / t.connWaits.sum(),
                cpuUsed.dbCpuPerTxnUs(),
                cpuUsed.serverCpuPerTxnUs(),
                cpuUsed.machineBusy(),
                cpuUsed.loadCpuPerTxnUs(),
                cpuUsed.dbSleepsPerTxn());
    }

    /**
     * Samples the session view until the window closes; {waiting, in transaction} summed. Ticks progress per
     * second. With a {@code meter}, reads the CPU counters as the window opens and as it closes.
     */
    private double[] sample(Connection monitor, Tally t, Progress progress, CpuMeter meter) {
        double waiting = 0;
        double active = 0;
        String q = target.sessionQuery();
        long nextTick = System.nanoTime() + 1_000_000_000L;
        boolean metered = false;
        progress.start(1);
        try (Statement s = monitor.createStatement()) {
            while (!stop.stopped()) {
                long now = System.nanoTime();
                if (now >= t.windowEnd) {
                    break;
                }
                if (meter != null && !metered && now >= t.windowStart) {
                    metered = true;
                    cpuReading(meter, monitor, true);
                }
                if (now >= nextTick) {
                    progress.finished();
                    progress.start(1);
                    nextTick += 1_000_000_000L;
                }
                if (q != null && now >= t.windowStart) {
                    try (ResultSet rs = s.executeQuery(q)) {
                        if (rs.next()) {
                            waiting += rs.getLong(1);
                            active += rs.getLong(2);
                        }
                    } catch (SQLException e) {
                        q = null; // no session view after all: the share is unknown
                        waiting = 0;
                        active = 0;
                    }
                }
                LockSupport.parkNanos(SAMPLE_NANOS);
            }
        } catch (SQLException e) {
            return new double[] {0, 0};
        } finally {
            progress.finished();
        }
        if (stop.stopped()) {
            t.windowEnd = Math.min(t.windowEnd, System.nanoTime());
        }
        if (metered) {
            cpuReading(meter, monitor, false);
        }
        return new double[] {waiting, q == null ? 0 : active};
    }

    /** Reads the CPU counters at the window's start or end; a failure leaves the level's CPU unknown. */
    private void cpuReading(CpuMeter meter, Connection monitor, boolean start) {
        try {
            List<Long> backends = target.loadBackends(monitor);
            long now = System.nanoTime();
            if (start) {
                meter.start(now, backends);
            } else {
                meter.end(now, backends);
            }
        } catch (SQLException | IOException | RuntimeException e) {
            // the figures stay NaN: never a guess
        }
    }

    private void closedLoop(HikariDataSource pool, Tally t) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.incrementAndGet());
        Keys keys = new Keys(rng);
        while (!stop.stopped() && System.nanoTime() < t.windowEnd) {
            long begin = System.nanoTime();
            transaction(pool, t, keys, begin);
        }
    }

    private void dispatch(HikariDataSource pool, Tally t, ExecutorService workers) {
        UniformRandomProvider rng = RandomSource.XO_RO_SHI_RO_128_PP.create(seeds.incrementAndGet());
        long next = System.nanoTime();
        while (!stop.stopped()) {
            next += (long) (-Math.log1p(-rng.nextDouble()) / w.rate() * 1e9);
            if (next >= t.windowEnd) {
                break;
            }
            long wait = next - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            long intended = next;
            Keys keys = new Keys(RandomSource.XO_RO_SHI_RO_128_PP.create(rng.nextLong()));
            workers.execute(() -> {
                if (!stop.stopped() && System.nanoTime() < t.windowEnd) { // one ending later would not count
                    transaction(pool, t, keys, intended);
                }
            });
        }
    }

    /** The keys of one transaction, drawn once so a retry repeats the same rows in the same order. */
    private final class Keys {
        final UniformRandomProvider rng;
        final RejectionInversionZipfSampler zipf;
        final int[] big = new int[w.bigLocks()];
        final int[] reads = new int[w.reads()];

        Keys(UniformRandomProvider rng) {
            this.rng = rng;
            this.zipf =
                    w.kind() == Workload.Kind.ZIPF ? new RejectionInversionZipfSampler(rng, w.rows(), w.zipfS()) : null;
        }

        int hot;

        void draw() {
            w.drawKeys(rng, zipf, big);
            for (int i = 0; i < reads.length; i++) {
                reads[i] = rng.nextInt(w.rows());
            }
            hot = rng.nextInt(w.hotRows());
        }
    }

    /** One transaction with its retries; records it when it ends inside the window. */
    private void transaction(HikariDataSource pool, Tally t, Keys k, long begin) {
        k.draw();
        boolean ok = false;
        try {
            ok = attempts(pool, t, k);
        } catch (SQLException e) {
            ok = false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        long end = System.nanoTime();
        if (t.inWindow(end)) {
            if (ok) {
                t.committed.increment();
                t.latencyUs.recordValue(Math.max(0, (end - begin) / 1000));
            } else {
                t.failed.increment();
            }
        }
    }

    private boolean attempts(HikariDataSource pool, Tally t, Keys k) throws SQLException, InterruptedException {
        long c0 = System.nanoTime();
        try (Connection c = pool.getConnection()) {
            long waited = System.nanoTime() - c0;
            if (t.inWindow(c0)) {
                t.connWaitNanos.add(waited);
                t.connWaits.increment();
            }
            read(c, k);
            for (int attempt = 0; ; attempt++) {
                try {
                    write(c, k);
                    return true;
                } catch (SQLException e) {
                    safeRollback(c);
                    boolean lockAbort = Target.deadlock(e) || Target.lockTimeout(e);
                    if (Target.deadlock(e)) {
                        t.deadlocks.increment();
                    } else if (Target.lockTimeout(e)) {
                        t.timeouts.increment();
                    }
                    if (!lockAbort || attempt >= MAX_RETRIES || stop.stopped()) {
                        return false;
                    }
                    t.retries.increment();
                    Thread.sleep(Math.round(-Math.log1p(-k.rng.nextDouble()) * BACKOFF_MEAN_S * 1000));
                } finally {
                    c.setAutoCommit(true);
                }
            }
        }
    }

    private void read(Connection c, Keys k) throws SQLException {
        if (k.reads.length == 0) {
            return;
        }
        try (PreparedStatement p = c.prepareStatement("SELECT n FROM " + tables.rows() + " WHERE id = ?")) {
            for (int key : k.reads) {
                p.setInt(1, key);
                try (ResultSet rs = p.executeQuery()) {
                    rs.next();
                }
            }
        }
    }

    private void write(Connection c, Keys k) throws SQLException {
        c.setAutoCommit(false);
        try (PreparedStatement p = c.prepareStatement("UPDATE " + tables.rows() + " SET n = n + 1 WHERE id = ?")) {
            for (int key : k.big) {
                p.setInt(1, key);
                p.executeUpdate();
            }
        }
        if (w.kind() == Workload.Kind.HOT_ROW) {
            try (PreparedStatement p = c.prepareStatement("UPDATE " + tables.hot() + " SET n = n + 1 WHERE id = ?")) {
                p.setInt(1, k.hot);
                p.executeUpdate();
            }
        }
        c.commit();
    }

    private static void safeRollback(Connection c) {
        try {
            c.rollback();
        } catch (SQLException e) {
            // the connection is broken; the pool replaces it
        }
    }

    /** Per-statement service times at concurrency 1, over {@code seconds} of wall-clock time. */
    ServiceProbe.Times probe(double seconds) throws SQLException {
        return new ServiceProbe(target, w, tables, stop).run(seconds);
    }
}
