package dev.mastersim.model.topology;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.Tally;
import dev.mastersim.engine.TimeWeighted;
import dev.mastersim.model.Ring;
import dev.mastersim.model.pool.ConnectionPool;

/**
 * An asynchronous write queue: a request's write is acknowledged when it is enqueued, and writer
 * threads apply the queued writes in batches, each batch one transaction run by the {@link
 * TransactionDriver} like any other (this queue is its {@link TransactionDriver.Owner}).
 *
 * <p>A free writer takes a full batch at once, or a partial one when its oldest write has waited
 * {@code max_delay} (a timer event). A batch locks the union of its members' lock requests in
 * (shard, granule) order, duplicates merged into the strongest mode, so writers never deadlock each
 * other; its CPU and apply work are its members' sums, its round trip is paid once at the end (the
 * statements are sent together). A batch that fails loses its writes (counted). More writes queued
 * than the in-flight bound ends the run as overloaded.
 *
 * <p>Queued writes are (type, enqueue time) records in a growable {@link Ring}; nothing is allocated
 * per write in steady state.
 */
final class WriteQueue implements EventHandler, TransactionDriver.Owner {
    private static final int TIMER = 1;

    private final Simulation sim;
    private final Costs costs;
    private final LockRequests lockRequests;
    private final ShardMap shards;
    private final Connections connections;
    private final TransactionDriver driver;
    private final Traffic traffic;
    private final int batch;
    private final double maxDelay;
    private final int maxQueued;

    private final Ring queue = new Ring(64, 1); // (request type, enqueued at)
    private final Job[] writers;
    private int idleWriters;
    private boolean timerPending;

    private final Tally delay = new Tally();
    private final TimeWeighted length = new TimeWeighted();
    private long failed;
    private int queuedAtReset;

    WriteQueue(
            dev.mastersim.scenario.WriteQueue spec,
            int maxQueued,
            Simulation sim,
            Jobs jobs,
            Costs costs,
            LockRequests lockRequests,
            ShardMap shards,
            Connections connections,
            TransactionDriver driver,
            Traffic traffic) {
        this.sim = sim;
        this.costs = costs;
        this.lockRequests = lockRequests;
        this.shards = shards;
        this.connections = connections;
        this.driver = driver;
        this.traffic = traffic;
        this.batch = Math.max(1, spec.batch());
        this.maxDelay = spec.maxDelay();
        this.maxQueued = maxQueued;
        writers = new Job[spec.enabled() ? Math.max(1, spec.writers()) : 0];
        for (int w = 0; w < writers.length; w++) {
            Job j = jobs.take(this);
            j.phase = Job.BATCH_WAIT;
            writers[w] = j;
        }
        idleWriters = writers.length;
    }

    /** Writes queued now. */
    int size() {
        return queue.size();
    }

    /** A request's write of {@code writeType} is queued (and acknowledged). */
    void enqueue(int writeType) {
        queue.add(writeType, sim.now());
        length.set(sim.now(), queue.size());
        if (queue.size() > maxQueued) {
            traffic.overload();
        }
        dispatch();
    }

    private void dispatch() {
        while (idleWriters > 0 && queue.size() > 0) {
            // a full batch goes at once; a partial one when its oldest write reaches max_delay
            double deadline = queue.firstAt(0) + maxDelay;
            if (queue.size() < batch && sim.now() < deadline) {
                if (!timerPending) {
                    timerPending = true;
                    sim.scheduleAt(deadline, 0, this, TIMER, 0);
                }
                return;
            }
            startBatch(Math.min(batch, queue.size()));
        }
    }

    @Override
    public void handle(int eventType, long arg) {
        timerPending = false;
        dispatch();
    }

    /** A writer takes {@code n} queued writes and runs them as one transaction, locks in granule order. */
    private void startBatch(int n) {
        Job w = null;
        for (Job candidate : writers) {
            if (candidate.phase == Job.BATCH_WAIT) {
                w = candidate;
                break;
            }
        }
        idleWriters--;
        w.clearTransaction();
        w.roundtripPerLock = false;
        w.type = queue.intAt(0);
        int total = 0;
        for (int m = 0; m < n; m++) {
            total += lockRequests.count(queue.intAt(m));
        }
        w.ensureLocks(total);
        double now = sim.now();
        for (int m = 0; m < n; m++) {
            int t = queue.intAt(0);
            delay.add(now - queue.firstAt(0));
            queue.remove();
            int first = w.locks;
            lockRequests.append(w, t);
            shards.colocate(w, first, w.locks);
            w.batchCpu += costs.cpu(t);
            w.batchApply += costs.apply(t);
        }
        length.set(now, queue.size());
        w.batchMembers = n;
        sortAndMergeLocks(w);
        ShardMap.enlist(w, 0);
        driver.start(w);
    }

    /**
     * Sorts the batch's lock requests by (shard, granule) and merges duplicates into the strongest
     * mode, so writers always lock in the same order and cannot deadlock each other.
     */
    static void sortAndMergeLocks(Job w) {
        int n = w.locks;
        for (int i = 1; i < n; i++) {
            long g = w.granule[i];
            int m = w.mode[i];
            int t = w.tableOf[i];
            int sh = w.shardOf[i];
            int k = i - 1;
            while (k >= 0 && (w.shardOf[k] > sh || (w.shardOf[k] == sh && w.granule[k] > g))) {
                w.granule[k + 1] = w.granule[k];
                w.mode[k + 1] = w.mode[k];
                w.tableOf[k + 1] = w.tableOf[k];
                w.shardOf[k + 1] = w.shardOf[k];
                k--;
            }
            w.granule[k + 1] = g;
            w.mode[k + 1] = m;
            w.tableOf[k + 1] = t;
            w.shardOf[k + 1] = sh;
        }
        int out = 0;
        for (int i = 0; i < n; i++) {
            if (out > 0 && w.granule[out - 1] == w.granule[i] && w.shardOf[out - 1] == w.shardOf[i]) {
                w.mode[out - 1] = Math.max(w.mode[out - 1], w.mode[i]);
                continue;
            }
            w.granule[out] = w.granule[i];
            w.mode[out] = w.mode[i];
            w.tableOf[out] = w.tableOf[i];
            w.shardOf[out] = w.shardOf[i];
            out++;
        }
        w.locks = out;
    }

    // ---------------------------------------------------------------- the batch's owner

    @Override
    public ConnectionPool pool(Job j, int shard) {
        return connections.writer(shard);
    }

    @Override
    public double attemptCpu(Job j) {
        return j.batchCpu;
    }

    @Override
    public double applyCost(Job j) {
        return j.batchApply;
    }

    @Override
    public void lockRequested(Job j) {}

    @Override
    public void lockWaited(Job j) {}

    @Override
    public void committed(Job j) {
        done(j);
    }

    @Override
    public void failed(Job j) {
        failed += j.batchMembers;
        done(j);
    }

    private void done(Job w) {
        w.phase = Job.BATCH_WAIT;
        idleWriters++;
        dispatch();
    }

    // ---------------------------------------------------------------- figures

    void reset(double now) {
        delay.reset();
        length.reset(now);
        failed = 0;
        queuedAtReset = queue.size();
    }

    /** The {@code write_queue} section. */
    void put(Measurements m, double span, double now) {
        m.put(Metrics.WRITE_QUEUE_DELAY, delay.mean() * 1e3, delay.count());
        m.put(Metrics.WRITE_QUEUE_LENGTH, length.mean(now));
        m.put(Metrics.WRITE_QUEUE_FAILED, failed / span);
    }

    /** With a write queue, the writes queued at the start and the end of the window (the {@code run} section). */
    void putBacklog(Measurements m) {
        if (writers.length == 0) {
            return;
        }
        m.put(Metrics.WRITE_QUEUE_START, queuedAtReset);
        m.put(Metrics.WRITE_QUEUE_END, queue.size());
    }
}
