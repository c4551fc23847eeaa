package dev.mastersim.model.topology;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.Ring;
import dev.mastersim.model.replication.LagTracker;
import dev.mastersim.model.station.Slowdown;
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
 *
 * <p><b>A replica of its own.</b> A replica a fault strikes (lost, or with slow storage) stops being
 * identical to the others, so it gets its own applier station and lag tracker from the start of the
 * run: fed the same commits at the same apply cost, it behaves as the shared one until the fault.
 * While it is lost ({@link #lose}) its commits are held, not applied, and its lag grows; on its
 * return ({@link #restore}) they all reach its appliers at once, in commit order, so the backlog
 * drains at the appliers' spare capacity. A transaction in service when the replica was lost still
 * finishes (at most {@code appliers} of them). The others keep the shared fast path.
 */
final class ReplicationStream implements StationListener {
    private final Simulation sim;
    private final int replicas;
    private final LagTracker lag = new LagTracker();
    private final Station applier;
    private double lagAtReset;

    // replicas with their own apply state: own[r] is their index here, or -1 for the shared one
    private final int[] own;
    private final int[] ownReplica;
    private final Station[] ownApplier;
    private final LagTracker[] ownLag;
    private final Ring[] held;
    private final boolean[] lost;
    private final double[] ownLagAtReset;

    ReplicationStream(Replicas spec, Simulation sim) {
        this(spec, sim, new Slowdown[spec.count()]);
    }

    /**
     * The stream to {@code spec}'s replicas; a replica whose {@code slowdowns} entry is not null (a
     * fault strikes it) gets its own apply state, its apply work slowed down by it.
     */
    ReplicationStream(Replicas spec, Simulation sim, Slowdown[] slowdowns) {
        this.sim = sim;
        this.replicas = spec.count();
        this.applier = Station.deferred("replica.applier", spec.appliers(), sim, this);
        own = new int[replicas];
        int n = 0;
        for (int r = 0; r < replicas; r++) {
            own[r] = slowdowns[r] == null ? -1 : n++;
        }
        ownReplica = new int[n];
        ownApplier = new Station[n];
        ownLag = new LagTracker[n];
        held = new Ring[n];
        lost = new boolean[n];
        ownLagAtReset = new double[n];
        for (int r = 0; r < replicas; r++) {
            int k = own[r];
            if (k >= 0) {
                LagTracker tracker = new LagTracker();
                ownReplica[k] = r;
                ownLag[k] = tracker;
                ownApplier[k] = Station.deferred(
                        "replica-" + (r + 1) + ".applier",
                        spec.appliers(),
                        sim,
                        (st, job) -> tracker.applied(tracker.sequenceFromLowBits(job), st.clock()));
                ownApplier[k].slowDown(slowdowns[r]);
                held[k] = new Ring(64, 1);
            }
        }
    }

    /** A transaction committed at {@code now}; each replica applies it with {@code apply} seconds of work. */
    void committed(double now, double apply) {
        if (replicas > 0) {
            long seq = lagNow().committed(now);
            applier.arrive((int) (seq & 0x7fffffff), apply);
        }
        for (int k = 0; k < ownLag.length; k++) {
            long seq = ownLagNow(k).committed(now);
            if (lost[k]) {
                held[k].add((int) (seq & 0x7fffffff), apply);
            } else {
                ownApplier[k].arrive((int) (seq & 0x7fffffff), apply);
            }
        }
    }

    /** Hears the replicas' applier finish a transaction. */
    @Override
    public void served(Station station, int job) {
        lag.applied(lag.sequenceFromLowBits(job), station.clock());
    }

    /** Replica {@code r} (from 0, one with its own apply state) is lost: it applies nothing until restored. */
    void lose(int r) {
        lost[own[r]] = true;
    }

    /** Replica {@code r} is back: the commits held meanwhile reach its appliers, in commit order. */
    void restore(int r) {
        int k = own[r];
        lost[k] = false;
        Ring h = held[k];
        while (h.size() > 0) {
            ownApplier[k].arrive(h.intAt(0), h.firstAt(0));
            h.remove();
        }
    }

    /** The replicas' lag now, seconds (with replicas of their own: the shared replicas'). */
    double lag() {
        return lagNow().lag(sim.now());
    }

    /** Replica {@code r}'s lag now, seconds. */
    double lag(int r) {
        int k = own[r];
        return k < 0 ? lag() : ownLagNow(k).lag(sim.now());
    }

    /** The largest lag of any replica now, seconds (0 with no replicas). */
    double maxLag() {
        double max = replicas > 0 && ownLag.length < replicas ? lag() : 0;
        for (int k = 0; k < ownLag.length; k++) {
            max = Math.max(max, ownLagNow(k).lag(sim.now()));
        }
        return max;
    }

    /** The lag tracker, brought up to now: the applier's completions so far replayed first. */
    private LagTracker lagNow() {
        applier.catchUp(sim.now());
        return lag;
    }

    private LagTracker ownLagNow(int k) {
        ownApplier[k].catchUp(sim.now());
        return ownLag[k];
    }

    /** The apply delays since the last reset (empty with no replicas): the shared replicas'. */
    LatencyHistogram applyDelayHistogram() {
        return ownLag.length == replicas && replicas > 0 ? ownLag[0].applyDelays() : lag.applyDelays();
    }

    /** Committed transactions not yet applied (on the replica furthest behind). */
    long backlog() {
        long b = replicas > 0 ? lagNow().backlog() : 0;
        for (int k = 0; k < ownLag.length; k++) {
            b = Math.max(b, ownLagNow(k).backlog());
        }
        return b;
    }

    void reset(double now) {
        applier.resetStatistics();
        lagNow().reset(now);
        lagAtReset = replicas > 0 ? lag.lag(now) : 0;
        for (int k = 0; k < ownLag.length; k++) {
            ownApplier[k].resetStatistics();
            ownLagNow(k).reset(now);
            ownLagAtReset[k] = ownLag[k].lag(now);
        }
    }

    /** Replica {@code r}'s applier, in the {@code stations} section. */
    void putApplier(Measurements m, int r, double span) {
        int k = own[r];
        Figures.putStation(m, "replica-" + (r + 1) + ".applier", k < 0 ? applier : ownApplier[k], span);
    }

    /**
     * The {@code replication} section's lag figures at {@code now}: with replicas of their own, the
     * lags are the mean over the replicas (the largest for the maximum).
     */
    void put(Measurements m, double now) {
        if (ownLag.length > 0) {
            putMixed(m, now);
            return;
        }
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

    private void putMixed(Measurements m, double now) {
        int shared = replicas - ownLag.length;
        LagTracker s = shared > 0 ? lagNow() : null;
        double mean = 0;
        double max = 0;
        double start = 0;
        double end = 0;
        if (s != null) {
            mean = shared * s.meanLag(now);
            max = s.maxLag(now);
            start = shared * lagAtReset;
            end = shared * s.lag(now);
        }
        for (int k = 0; k < ownLag.length; k++) {
            LagTracker l = ownLagNow(k);
            mean += l.meanLag(now);
            max = Math.max(max, l.maxLag(now));
            start += ownLagAtReset[k];
            end += l.lag(now);
        }
        LagTracker d = s != null ? s : ownLag[0];
        m.put(Metrics.LAG, mean / replicas * 1e3);
        m.put(Metrics.LAG_MAX, max * 1e3);
        m.put(Metrics.APPLY_DELAY, d.meanApplyDelay() * 1e3, d.appliedCount());
        for (Metric q : Metrics.APPLY_DELAY_QUANTILES) {
            m.put(q, q.of(d.applyDelays()));
        }
        m.put(Metrics.LAG_START, start / replicas * 1e3);
        m.put(Metrics.LAG_END, end / replicas * 1e3);
    }
}
