package dev.mastersim.model.topology;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.station.Slowdown;
import dev.mastersim.scenario.Fault;
import dev.mastersim.scenario.FaultKind;
import dev.mastersim.scenario.Scenario;
import java.util.List;

/**
 * The scenario's fault events (CONTRACT §1, {@code faults}): when each starts and ends, what it does
 * to the mechanisms, and what it costs.
 *
 * <p><b>What a fault does.</b> Slow storage and a cold restart are {@link Slowdown}s, pure functions
 * of time fixed before the run ({@link #slowdowns}), so nothing happens at their start. The others act
 * at their start and end:
 *
 * <ul>
 *   <li>{@code master-restart}: every pool to the shard goes down (connections break; borrowers wait,
 *       and time out after the pool's {@code connection_timeout}); every transaction with the shard as a
 *       participant, and every read on its CPU, is struck: it aborts at its next step (a lock wait at
 *       once), releasing its locks and failing its request. At the end the pools come back up.
 *   <li>{@code replica-loss}: reads are routed around the replica, its pools go down, reads on its
 *       CPU fail, and its commits are held ({@link ReplicationStream#lose}); at the end they reach its
 *       appliers and it serves again (read-your-writes reads only once its lag is under their
 *       {@code max_lag}, which the read path checks per replica).
 *   <li>{@code app-restart}: each round's servers take no new requests, drop their pools (waiting
 *       borrowers give up), their worker threads' queue and their CPU's queue (those requests fail at
 *       once), and every other request on them fails at its next step (a transaction already flushing
 *       its commit still commits). At the round's end the server takes requests again.
 * </ul>
 *
 * Overlapping faults on the same shard, replica or server count: it comes back when the last ends.
 *
 * <p><b>What it costs.</b> From its start until it has recovered (or the run ends), each fault counts
 * the requests that failed, those of them that timed out waiting for a connection, and the
 * transactions aborted, and keeps the peak requests in flight, borrowers waiting for a connection and
 * replica lag (sampled every second). Its recovery time runs from its end to the first tick (one a
 * second from the first fault's start) at which the SLO percentile of the responses of the last minute
 * is within its target and every replica's lag within {@code slo.max_lag}; requests still in flight
 * count with their age so far, so a backlog let in at the fault's end must answer first. Not
 * recovered by the run's end, it is NaN (null in JSON).
 *
 * <p><b>Judged time.</b> The run's verdict judges the time outside every fault's window (from its start
 * until its recovery): the model hears {@link Judged#paused} when the first of overlapping windows
 * opens and {@link Judged#resumed} when the last closes. While a window is open, the in-flight bound
 * sheds arrivals but does not end the run.
 *
 * <p>Everything happens in events of the one simulation, in (time, priority, sequence) order, and
 * draws nothing from any random stream: faults are deterministic under the seed, and a run without
 * faults builds none of this.
 */
final class Faults implements EventHandler {
    /** Hears the run's judged time pause (a fault's window opened) and resume (every window closed). */
    interface Judged {
        void paused();

        void resumed();
    }

    private static final int START = 1;
    private static final int END = 2;
    private static final int TICK = 3;
    private static final int MINUTE = 4;
    private static final int TIMELINE_START = 5;
    private static final double MINUTE_S = 60;
    private static final double TICK_S = 1.0;
    private static final int MINUTE_TICKS = 60;

    private final Fault[] faults;
    /** The simulated time from which the faults' {@code at} counts, and the timeline's minute 0 starts. */
    private final double origin;

    private final Simulation sim;
    private final Jobs jobs;
    private final Traffic traffic;
    private final ShardMap shards;
    private final double quantile;
    private final double target;
    private final double maxLag;
    private RequestFlow flow;
    private TransactionDriver driver;
    private Connections connections;
    private ReplicationStream replication;
    private Judged judged;

    private final int[] shardDown;
    private final int[] replicaDownCount;
    /** Replicas down now: the router reads it. */
    final boolean[] replicaDown;

    private final int[] serverDown;

    private final boolean[] started;
    private final boolean[] ended;
    private final double[] recovery;
    private final boolean[] recovered;
    private final long[] failed;
    private final long[] timedOut;
    private final long[] aborted;
    private final double[] peakInFlight;
    private final double[] peakWaiting;
    private final double[] peakLag;
    private int open;

    private final LatencyHistogram[] minute = new LatencyHistogram[MINUTE_TICKS];
    private final LatencyHistogram lastMinute = new LatencyHistogram();
    private int bucket;

    // the per-minute timeline of the run from the origin (minute k from origin + k x 60 s)
    private final double[] timelineResponse;
    private final long[] timelineErrors;
    private final double[] timelineLag;
    private final LatencyHistogram thisMinute = new LatencyHistogram();
    private long thisMinuteErrors;
    private double thisMinuteLag;
    private int minutesDone;

    /**
     * The faults of {@code scenario}, in a run of {@code end} seconds (warm-up included), their {@code at}
     * counted from simulated time {@code origin}: 0 for a peak hour (the run's start), the warm-up's end for
     * a day (the start of hour 0). The timeline starts at the origin.
     */
    Faults(
            Scenario scenario,
            Simulation sim,
            Jobs jobs,
            Traffic traffic,
            ShardMap shards,
            int servers,
            double origin,
            double end) {
        this.faults = scenario.faults().toArray(new Fault[0]);
        this.origin = origin;
        this.sim = sim;
        this.jobs = jobs;
        this.traffic = traffic;
        this.shards = shards;
        this.quantile = scenario.slo().percentile().quantile();
        this.target = scenario.slo().target();
        this.maxLag = scenario.slo().maxLag();
        shardDown = new int[shards.count()];
        replicaDownCount = new int[scenario.replicas().count()];
        replicaDown = new boolean[scenario.replicas().count()];
        serverDown = new int[servers];
        int n = faults.length;
        started = new boolean[n];
        ended = new boolean[n];
        recovery = new double[n];
        recovered = new boolean[n];
        failed = new long[n];
        timedOut = new long[n];
        aborted = new long[n];
        peakInFlight = new double[n];
        peakWaiting = new double[n];
        peakLag = new double[n];
        java.util.Arrays.fill(recovery, Double.NaN);
        for (int i = 0; i < MINUTE_TICKS; i++) {
            minute[i] = new LatencyHistogram();
        }
        int minutes = (int) Math.ceil((end - origin) / MINUTE_S);
        timelineResponse = new double[minutes];
        timelineErrors = new long[minutes];
        timelineLag = new double[minutes];
    }

    /**
     * The slow-downs the faults put on each station, before the run: {@code [0..shards)} the master
     * CPUs, {@code [shards..2 shards)} their log disks, then one per replica's appliers. An entry is
     * null where no fault slows anything; a replica struck by any fault gets one (possibly of factor 1
     * throughout), which gives it apply state of its own. Each fault's {@code at} counts from simulated
     * time {@code origin}.
     */
    static Slowdown[] slowdowns(List<Fault> faults, int shards, int replicas, double origin) {
        Slowdown[] s = new Slowdown[2 * shards + replicas];
        for (Fault f : faults) {
            switch (f.kind()) {
                case STORAGE_DEGRADED -> {
                    double from = origin + f.at();
                    if (f.target() == 0) {
                        for (int d = 0; d < shards; d++) {
                            at(s, shards + d).constant(from, from + f.length(), f.factor());
                        }
                    } else {
                        at(s, 2 * shards + f.target() - 1).constant(from, from + f.length(), f.factor());
                    }
                }
                case MASTER_RESTART -> {
                    if (f.coldLength() > 0) {
                        double from = origin + f.at() + f.length();
                        for (int d = 0; d < shards; d++) {
                            if (f.shard() == 0 || f.shard() == d + 1) {
                                at(s, d).decaying(from, from + f.coldLength(), f.coldFactor());
                                at(s, shards + d).decaying(from, from + f.coldLength(), f.coldFactor());
                            }
                        }
                    }
                }
                case REPLICA_LOSS -> at(s, 2 * shards + f.replica() - 1);
                case APP_RESTART -> {}
            }
        }
        return s;
    }

    private static Slowdown at(Slowdown[] s, int i) {
        if (s[i] == null) {
            s[i] = new Slowdown();
        }
        return s[i];
    }

    /** Joins the mechanisms the faults act on (built after this, since they hear of it). */
    void attach(
            RequestFlow flow,
            TransactionDriver driver,
            Connections connections,
            ReplicationStream replication,
            Judged judged) {
        this.flow = flow;
        this.driver = driver;
        this.connections = connections;
        this.replication = replication;
        this.judged = judged;
    }

    /**
     * Schedules every fault's start and end (each round's, for an app restart), the first tick and the
     * timeline's minutes.
     */
    void start() {
        double first = Double.POSITIVE_INFINITY;
        for (int i = 0; i < faults.length; i++) {
            Fault f = faults[i];
            for (int r = 0; r < f.rounds(); r++) {
                long arg = ((long) r << 32) | i;
                sim.scheduleAt(origin + f.at() + r * f.gap(), 0, this, START, arg);
                sim.scheduleAt(origin + f.at() + r * f.gap() + f.length(), 0, this, END, arg);
            }
            first = Math.min(first, origin + f.at());
        }
        sim.scheduleAt(first, 0, this, TICK, 0);
        if (origin > 0) {
            // what happened before the origin (a day's warm-up) is not in the timeline
            sim.scheduleAt(origin, 0, this, TIMELINE_START, 0);
        }
        if (timelineResponse.length > 1) {
            sim.scheduleAt(origin + MINUTE_S, 0, this, MINUTE, 0);
        }
    }

    @Override
    public void handle(int type, long arg) {
        int i = (int) arg;
        int round = (int) (arg >>> 32);
        switch (type) {
            case START -> begin(i, round);
            case END -> end(i, round);
            case TICK -> tick();
            case MINUTE -> {
                closeMinute();
                if (minutesDone < timelineResponse.length - 1) {
                    sim.schedule(MINUTE_S, this, MINUTE, 0);
                }
            }
            case TIMELINE_START -> {
                thisMinute.reset();
                thisMinuteErrors = 0;
                thisMinuteLag = 0;
            }
            default -> throw new IllegalStateException("unknown event type " + type);
        }
    }

    // ---------------------------------------------------------------- start and end

    private void begin(int i, int round) {
        Fault f = faults[i];
        if (round == 0) {
            started[i] = true;
            if (open++ == 0) {
                traffic.faultWindow(true);
                judged.paused();
            }
        }
        switch (f.kind()) {
            case MASTER_RESTART -> {
                for (int s = 0; s < shardDown.length; s++) {
                    if ((f.shard() == 0 || f.shard() == s + 1) && shardDown[s]++ == 0) {
                        strikeShard(s);
                        connections.masterDown(s, true);
                    }
                }
            }
            case REPLICA_LOSS -> {
                int r = f.replica() - 1;
                if (replicaDownCount[r]++ == 0) {
                    replicaDown[r] = true;
                    strikeReplica(r);
                    connections.replicaDown(r, true);
                    replication.lose(r);
                }
            }
            case APP_RESTART -> {
                for (int a = 0; a < serverDown.length; a++) {
                    if (inRound(f, a, round) && serverDown[a]++ == 0) {
                        strikeServer(a);
                        connections.serverDown(a, true);
                        flow.app().restart(a, true);
                    }
                }
            }
            case STORAGE_DEGRADED -> {}
        }
        sample(i);
    }

    private void end(int i, int round) {
        Fault f = faults[i];
        switch (f.kind()) {
            case MASTER_RESTART -> {
                for (int s = 0; s < shardDown.length; s++) {
                    if ((f.shard() == 0 || f.shard() == s + 1) && --shardDown[s] == 0) {
                        connections.masterDown(s, false);
                    }
                }
            }
            case REPLICA_LOSS -> {
                int r = f.replica() - 1;
                if (--replicaDownCount[r] == 0) {
                    replicaDown[r] = false;
                    replication.restore(r);
                    connections.replicaDown(r, false);
                }
            }
            case APP_RESTART -> {
                for (int a = 0; a < serverDown.length; a++) {
                    if (inRound(f, a, round) && --serverDown[a] == 0) {
                        connections.serverDown(a, false);
                        flow.app().restart(a, false);
                    }
                }
            }
            case STORAGE_DEGRADED -> {}
        }
        if (round == f.rounds() - 1) {
            ended[i] = true;
        }
    }

    /** Whether app server {@code a} (from 0) restarts in round {@code round} of {@code f}: rounds are consecutive groups. */
    private boolean inRound(Fault f, int a, int round) {
        List<Integer> named = f.servers();
        int k;
        int n;
        if (named.isEmpty()) {
            k = a;
            n = serverDown.length;
        } else {
            k = named.indexOf(a + 1);
            n = named.size();
            if (k < 0) {
                return false;
            }
        }
        return (int) ((long) k * f.rounds() / n) == round;
    }

    /** Whether app server {@code a} (from 0) is restarting now. */
    boolean serverDown(int a) {
        return serverDown[a] > 0;
    }

    // ---------------------------------------------------------------- striking jobs

    private void strikeShard(int s) {
        for (int id = 0; id < jobs.size(); id++) {
            Job j = jobs.get(id);
            if (j.phase == Job.READ_CPU) {
                if (j.readDb == ReplicaRouter.MASTER && shards.home(j) == s) {
                    flow.strikeRead(j);
                }
            } else if (inTransaction(j) && participates(j, s, j.participantCount)) {
                driver.strike(j, Job.KILLED_BY_DATABASE);
            } else if (j.phase == Job.WRITE_CONNECT && participates(j, s, j.connected)) {
                driver.strike(j, Job.KILLED_BY_DATABASE);
            }
        }
    }

    private void strikeReplica(int r) {
        for (int id = 0; id < jobs.size(); id++) {
            Job j = jobs.get(id);
            if (j.phase == Job.READ_CPU && j.readDb == r) {
                flow.strikeRead(j);
            }
        }
    }

    private void strikeServer(int a) {
        for (int id = 0; id < jobs.size(); id++) {
            Job j = jobs.get(id);
            if (j.owner != flow || j.server != a || j.phase == Job.IDLE || j.phase == Job.THINK) {
                continue;
            }
            if (j.phase == Job.READ_CONNECT || j.phase == Job.READ_CPU) {
                flow.strikeRead(j);
            } else {
                driver.strike(j, Job.KILLED_BY_SERVER);
            }
        }
    }

    private static boolean inTransaction(Job j) {
        return switch (j.phase) {
            case Job.TXN_CPU, Job.LOCK_WAIT, Job.LOCK_CPU, Job.ROUNDTRIP, Job.PREPARE, Job.FLUSH, Job.BACKOFF -> true;
            default -> false;
        };
    }

    private static boolean participates(Job j, int shard, int among) {
        for (int p = 0; p < among; p++) {
            if (j.participants[p] == shard) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- what it costs

    /** A request finished ({@code ok}) after {@code response} seconds; a failure that {@code timedOut} waiting for a connection. */
    void finished(boolean ok, double response, boolean timedOut) {
        if (ok) {
            minute[bucket].record(response);
            thisMinute.record(response);
            return;
        }
        thisMinuteErrors++;
        for (int i = 0; i < faults.length; i++) {
            if (started[i] && !recovered[i]) {
                failed[i]++;
                if (timedOut) {
                    this.timedOut[i]++;
                }
            }
        }
    }

    /** A fault aborted a transaction. */
    void aborted() {
        for (int i = 0; i < faults.length; i++) {
            if (started[i] && !recovered[i]) {
                aborted[i]++;
            }
        }
    }

    /** Every second from the first fault's start until every fault has recovered: peaks, and recovery. */
    private void tick() {
        boolean pending = false;
        for (int i = 0; i < faults.length; i++) {
            if (started[i] && !recovered[i]) {
                sample(i);
                if (ended[i] && recoveredNow()) {
                    recovered[i] = true;
                    recovery[i] = sim.now() - (origin + faults[i].end());
                    if (--open == 0) {
                        traffic.faultWindow(false);
                        judged.resumed();
                    }
                }
            }
            pending |= !recovered[i];
        }
        bucket = (bucket + 1) % MINUTE_TICKS;
        minute[bucket].reset();
        if (pending) {
            sim.schedule(TICK_S, this, TICK, 0);
        }
    }

    private void sample(int i) {
        double lag = replication.maxLag();
        peakInFlight[i] = Math.max(peakInFlight[i], traffic.inFlight());
        peakWaiting[i] = Math.max(peakWaiting[i], connections.waiting());
        peakLag[i] = Math.max(peakLag[i], lag);
        thisMinuteLag = Math.max(thisMinuteLag, lag);
    }

    /** The minute that ends now (or the run's last, partial one) goes into the timeline. */
    private void closeMinute() {
        int k = minutesDone++;
        timelineResponse[k] = thisMinute.count() > 0 ? thisMinute.quantileSeconds(quantile) * 1e3 : Double.NaN;
        timelineErrors[k] = thisMinuteErrors;
        timelineLag[k] = Math.max(thisMinuteLag, replication.maxLag()) * 1e3;
        thisMinute.reset();
        thisMinuteErrors = 0;
        thisMinuteLag = 0;
    }

    /**
     * Whether the SLO percentile of the last minute's responses (and of the requests in flight, by
     * their age so far) is within target, with some answer in it, and every replica's lag within bounds.
     */
    private boolean recoveredNow() {
        lastMinute.reset();
        for (LatencyHistogram h : minute) {
            lastMinute.add(h);
        }
        // a request still in flight counts with its age so far: a backlog that has not answered yet
        // (borrowers let in at the fault's end) must not pass for a recovery
        double now = sim.now();
        for (int id = 0; id < jobs.size(); id++) {
            Job j = jobs.get(id);
            if (j.owner == flow && j.phase != Job.IDLE && j.phase != Job.THINK) {
                lastMinute.record(now - j.arrival);
            }
        }
        return lastMinute.count() > 0
                && lastMinute.quantileSeconds(quantile) <= target
                && replication.maxLag() <= maxLag;
    }

    /**
     * Each fault's figures, in the {@code faults} section (entity: its number from 1 and its kind), then
     * the run's per-minute {@code timeline} (entity: the minute's number from 0 at the origin), its last
     * minute as far as the run went.
     */
    void put(Measurements m) {
        for (int i = 0; i < faults.length; i++) {
            String name = (i + 1) + "-" + faults[i].kindName();
            m.put(Metrics.FAULT_AT, faults[i].at(), name);
            m.put(Metrics.FAULT_LENGTH, faults[i].length(), name);
            m.put(Metrics.FAULT_END, faults[i].end(), name);
            m.put(Metrics.FAULT_FAILED, failed[i], name);
            m.put(Metrics.FAULT_TIMED_OUT, timedOut[i], name);
            m.put(Metrics.FAULT_ABORTED, aborted[i], name);
            m.put(Metrics.FAULT_PEAK_IN_FLIGHT, peakInFlight[i], name);
            m.put(Metrics.FAULT_PEAK_POOL_QUEUE, peakWaiting[i], name);
            m.put(Metrics.FAULT_PEAK_LAG, peakLag[i] * 1e3, name);
            m.put(Metrics.FAULT_RECOVERY, recovery[i], name);
        }
        if (minutesDone < timelineResponse.length && sim.now() > origin + minutesDone * MINUTE_S) {
            closeMinute();
        }
        for (int k = 0; k < minutesDone; k++) {
            String name = Integer.toString(k);
            m.put(Metrics.TIMELINE_RESPONSE, timelineResponse[k], name);
            m.put(Metrics.TIMELINE_ERRORS, timelineErrors[k], name);
            m.put(Metrics.TIMELINE_LAG, timelineLag[k], name);
        }
    }

    /** Whether any fault removes a replica (the read path must then route around it). */
    static boolean losesReplicas(List<Fault> faults) {
        return faults.stream().anyMatch(f -> f.kind() == FaultKind.REPLICA_LOSS);
    }
}
