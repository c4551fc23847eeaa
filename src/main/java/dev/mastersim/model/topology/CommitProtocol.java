package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.Distributions;
import dev.mastersim.model.station.FlushDisk;
import dev.mastersim.scenario.Master;

/**
 * Makes a transaction durable: a commit-log flush on its shard's disk, or, when it spans shards,
 * two-phase commit: a prepare flush on every participant, and once all are prepared, the commit flush
 * on every participant. Group commit (flushes waiting together done as one) is the disk's own
 * business ({@link FlushDisk}). With {@code flush: 0ms} a commit is durable at once.
 */
final class CommitProtocol {
    private final Jobs jobs;
    private final FlushDisk[] disks;
    private final boolean noFlush;
    private final boolean ceiling; // group commit with flush_per_commit: a batch server with a ceiling
    private final int[] queuedAtReset;
    private final Durable durable;

    /** Hears that a transaction's commit is durable on every participant. */
    interface Durable {
        void durable(Job j);
    }

    CommitProtocol(
            Master master, String[] shardNames, Simulation sim, DoubleSampler flushTime, Jobs jobs, Durable durable) {
        this.jobs = jobs;
        this.durable = durable;
        this.noFlush = Distributions.isZero(master.flush());
        this.ceiling = master.groupCommit() && master.flushPerCommit() > 0;
        disks = new FlushDisk[shardNames.length];
        queuedAtReset = new int[shardNames.length];
        for (int s = 0; s < disks.length; s++) {
            disks[s] = new FlushDisk(
                    shardNames[s] + ".disk",
                    sim,
                    flushTime,
                    master.flushPerCommit(),
                    master.groupCommit(),
                    (st, job) -> flushed(job));
        }
    }

    /** Shard {@code s}'s flushes are slowed down by {@code slowdown} (a fault). */
    void slowDown(int s, dev.mastersim.model.station.Slowdown slowdown) {
        disks[s].slowDown(slowdown);
    }

    /** Starts {@code j}'s commit: the first round of flushes, or none. */
    void commit(Job j) {
        if (noFlush) {
            durable.durable(j);
            return;
        }
        j.phase = j.participantCount > 1 ? Job.PREPARE : Job.FLUSH;
        flushAll(j);
    }

    private void flushAll(Job j) {
        j.pendingFlushes = j.participantCount;
        for (int p = 0; p < j.participantCount; p++) {
            disks[j.participants[p]].commit(j.id);
        }
    }

    private void flushed(int id) {
        Job j = jobs.get(id);
        if (--j.pendingFlushes > 0) {
            return;
        }
        if (j.phase == Job.PREPARE) {
            // two-phase commit: every participant prepared; now the commit record on each
            j.phase = Job.FLUSH;
            flushAll(j);
            return;
        }
        durable.durable(j);
    }

    void reset() {
        for (int s = 0; s < disks.length; s++) {
            disks[s].resetStatistics();
            queuedAtReset[s] = disks[s].inSystem();
        }
    }

    /** Shard {@code s}'s disk, in the {@code stations} section. */
    void putDisk(Measurements m, int s, double span) {
        FlushDisk d = disks[s];
        m.put(Metrics.STATION_UTILISATION, d.utilisation(), d.name());
        m.put(Metrics.STATION_QUEUE, d.queueLength(), d.name());
        m.put(Metrics.STATION_WAIT, d.meanWait() * 1e3, d.waited(), d.name());
        m.put(Metrics.STATION_THROUGHPUT, d.flushes() / span, d.name());
        m.put(Metrics.COMMITS_PER_FLUSH, d.flushes() == 0 ? 0 : d.commitsPerFlush(), d.flushes(), d.name());
        if (ceiling) {
            m.put(Metrics.COMMITS_QUEUED_START, queuedAtReset[s], d.name());
            m.put(Metrics.COMMITS_QUEUED_END, d.inSystem(), d.name());
        }
    }
}
