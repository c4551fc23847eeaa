package dev.mastersim.model.station;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.Tally;
import dev.mastersim.engine.TimeWeighted;
import dev.mastersim.model.Ring;

/**
 * The master's commit-log disk: one flush at a time.
 *
 * <p>Without group commit it is a FIFO single-server queue: each commit waits for its own flush
 * (an M/G/1 queue when commits arrive as a Poisson stream). With group commit, every commit that
 * arrives while a flush is in progress joins the next flush, and that flush makes all of them
 * durable at once, as PostgreSQL's WAL writer and MySQL's binary-log group commit do: under load,
 * flushes per commit fall below one, so the disk saturates much later. A flush of n commits takes
 * the flush time plus n x {@code perCommit} (the log records' own transfer): a batch server whose
 * batches grow as n = λF/(1 − λc), so group commit tops out at 1/c commits a second.
 *
 * <p>Waiting commits are (job, arrival) records in a growable {@link Ring}; nothing is allocated per
 * commit in steady state.
 */
public final class FlushDisk implements EventHandler {
    private final String name;
    private final Simulation sim;
    private final DoubleSampler flushTime;
    private final double perCommit;
    private final boolean groupCommit;
    private final StationListener listener;
    private final Station fifo;
    private Slowdown slowdown;

    // group commit state: the batch being flushed is the oldest `flushing` records of the ring
    private final Ring ring = new Ring(64, 1); // (job, arrival)
    private int flushing;
    private int[] done = new int[64];

    private final TimeWeighted busyLevel = new TimeWeighted();
    private final TimeWeighted waitingLevel = new TimeWeighted();
    private final Tally waits = new Tally();
    private final Tally batch = new Tally();

    public FlushDisk(
            String name, Simulation sim, DoubleSampler flushTime, boolean groupCommit, StationListener listener) {
        this(name, sim, flushTime, 0, groupCommit, listener);
    }

    /** A disk whose flush of n commits takes a draw of {@code flushTime} plus n x {@code perCommit} seconds. */
    public FlushDisk(
            String name,
            Simulation sim,
            DoubleSampler flushTime,
            double perCommit,
            boolean groupCommit,
            StationListener listener) {
        this.name = name;
        this.perCommit = perCommit;
        this.sim = sim;
        this.flushTime = flushTime;
        this.groupCommit = groupCommit;
        this.listener = listener;
        this.fifo = groupCommit ? null : new Station(name, 1, sim, listener);
    }

    public String name() {
        return name;
    }

    /** From now on, a flush takes {@code slowdown} x as long as it would (slow storage, a cold restart). */
    public void slowDown(Slowdown slowdown) {
        this.slowdown = slowdown;
        if (fifo != null) {
            fifo.slowDown(slowdown);
        }
    }

    /** A commit asks for its log records to be made durable. */
    public void commit(int job) {
        if (fifo != null) {
            fifo.arrive(job, flushTime.sample() + perCommit);
            return;
        }
        append(job);
        if (flushing == 0) {
            startFlush();
        }
    }

    @Override
    public void handle(int type, long arg) {
        // flush done: take its commits off the ring, start the next flush for whoever arrived
        // meanwhile, and only then report: a listener may commit again (two-phase commit)
        int n = flushing;
        flushing = 0;
        busyLevel.set(sim.now(), 0);
        if (done.length < n) {
            done = new int[Math.max(n, done.length * 2)];
        }
        for (int i = 0; i < n; i++) {
            done[i] = ring.intAt(0);
            ring.remove();
        }
        waitingLevel.set(sim.now(), ring.size());
        if (ring.size() > 0) {
            startFlush();
        }
        for (int i = 0; i < n; i++) {
            listener.served(null, done[i]);
        }
    }

    private void startFlush() {
        int size = ring.size();
        flushing = size;
        batch.add(size);
        double now = sim.now();
        for (int i = 0; i < size; i++) {
            waits.add(now - ring.firstAt(i));
        }
        busyLevel.set(now, 1);
        waitingLevel.set(now, 0);
        double time = flushTime.sample() + size * perCommit;
        sim.schedule(slowdown == null ? time : time * slowdown.at(now), this, 0, 0);
    }

    private void append(int job) {
        ring.add(job, sim.now());
        if (flushing > 0) {
            waitingLevel.set(sim.now(), ring.size() - flushing);
        }
    }

    public void resetStatistics() {
        if (fifo != null) {
            fifo.resetStatistics();
            return;
        }
        busyLevel.reset(sim.now());
        waitingLevel.reset(sim.now());
        waits.reset();
        batch.reset();
    }

    public double utilisation() {
        return fifo != null ? fifo.utilisation() : busyLevel.mean(sim.now());
    }

    public double queueLength() {
        return fifo != null ? fifo.queueLength() : waitingLevel.mean(sim.now());
    }

    /** Mean time a commit waits before its flush starts, seconds. */
    public double meanWait() {
        return fifo != null ? fifo.meanWait() : waits.mean();
    }

    /** Flushes started since the reset. */
    public long flushes() {
        return fifo != null ? fifo.started() : batch.count();
    }

    /** Commits whose flush started since the reset: the observations behind {@link #meanWait}. */
    public long waited() {
        return fifo != null ? fifo.started() : waits.count();
    }

    /** Commits made durable per flush (1 without group commit). */
    public double commitsPerFlush() {
        return fifo != null ? 1 : batch.mean();
    }

    /** Commits in the disk now (waiting or being flushed). */
    public int inSystem() {
        return fifo != null ? fifo.inSystem() : ring.size();
    }
}
