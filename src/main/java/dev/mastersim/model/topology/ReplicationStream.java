package dev.mastersim.model.topology;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.replication.LagTracker;
import dev.mastersim.model.station.Station;
import dev.mastersim.model.station.StationListener;
import dev.mastersim.scenario.Replicas;

/**
 * The commit stream to the replicas: every committed transaction is applied by each replica's
 * appliers, and the lag is the age of the oldest commit not yet applied.
 *
 * <p>Every replica applies the same commit stream, in commit order, with the same appliers and the
 * same apply cost per transaction (one draw per commit): their applier queues are identical, so one
 * station and one lag tracker stand for all of them and each replica reports their figures. Nothing
 * waits on an applier (only the lag bookkeeping hears of it), so its completions stay off the event
 * list ({@link Station#deferred}). With no replicas nothing is applied and the lag is 0.
 */
final class ReplicationStream implements StationListener {
    private final Simulation sim;
    private final int replicas;
    private final LagTracker lag = new LagTracker();
    private final Station applier;
    private double lagAtReset;

    ReplicationStream(Replicas spec, Simulation sim) {
        this.sim = sim;
        this.replicas = spec.count();
        this.applier = Station.deferred("replica.applier", spec.appliers(), sim, this);
    }

    /** A transaction committed at {@code now}; each replica applies it with {@code apply} seconds of work. */
    void committed(double now, double apply) {
        if (replicas > 0) {
            long seq = lagNow().committed(now);
            applier.arrive((int) (seq & 0x7fffffff), apply);
        }
    }

    /** Hears the replicas' applier finish a transaction. */
    @Override
    public void served(Station station, int job) {
        lag.applied(lag.sequenceFromLowBits(job), station.clock());
    }

    /** The replicas' lag now, seconds. */
    double lag() {
        return lagNow().lag(sim.now());
    }

    /** The lag tracker, brought up to now: the applier's completions so far replayed first. */
    private LagTracker lagNow() {
        applier.catchUp(sim.now());
        return lag;
    }

    /** The apply delays since the last reset (empty with no replicas). */
    LatencyHistogram applyDelayHistogram() {
        return lag.applyDelays();
    }

    /** Committed transactions not yet applied. */
    long backlog() {
        return replicas > 0 ? lagNow().backlog() : 0;
    }

    void reset(double now) {
        applier.resetStatistics();
        lagNow().reset(now);
        lagAtReset = replicas > 0 ? lag.lag(now) : 0;
    }

    /** Replica {@code r}'s applier, in the {@code stations} section. */
    void putApplier(Measurements m, int r, double span) {
        Figures.putStation(m, "replica-" + (r + 1) + ".applier", applier, span);
    }

    /** The {@code replication} section's lag figures at {@code now}. */
    void put(Measurements m, double now) {
        LagTracker l = replicas > 0 ? lagNow() : null;
        m.put(Metrics.LAG, l == null ? 0 : l.meanLag(now) * 1e3);
        m.put(Metrics.LAG_MAX, l == null ? 0 : l.maxLag(now) * 1e3);
        m.put(Metrics.APPLY_DELAY, l == null ? 0 : l.meanApplyDelay() * 1e3, l == null ? 0 : l.appliedCount());
        for (Metric q : Metrics.APPLY_DELAY_QUANTILES) {
            m.put(q, l == null ? 0 : q.of(l.applyDelays()));
        }
        m.put(Metrics.LAG_START, lagAtReset * 1e3);
        m.put(Metrics.LAG_END, l == null ? 0 : l.lag(now) * 1e3);
    }
}
