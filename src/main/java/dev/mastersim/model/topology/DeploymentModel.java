package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.engine.Samplers;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.Distributions;
import dev.mastersim.model.Load;
import dev.mastersim.model.Streams;
import dev.mastersim.model.station.Slowdown;
import dev.mastersim.model.station.Station;
import dev.mastersim.model.traffic.RateProfile;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import java.util.Arrays;
import java.util.List;

/**
 * One replication of a database deployment: application servers with connection pools, a write
 * master (or {@code S} shards) with CPU, commit-log disk and lock table, read replicas with CPU and
 * appliers, an optional read cache and write queue, driven by open or closed traffic.
 *
 * <p>This class assembles and runs; each mechanism is a class of its own, named after it:
 *
 * <ul>
 *   <li>{@link OpenArrivals}, {@link ClosedPopulation}: where requests come from; the in-flight bound;
 *   <li>{@link AppServers}: each application server's CPU and worker threads;
 *   <li>{@link RequestFlow} on pooled {@link Job}s ({@link Jobs}): a request's steps, arrival to finish;
 *   <li>{@link ReadPath}, {@link ReplicaRouter}: the cache, routing, read-your-writes, a read's work;
 *   <li>{@link LockRequests}, {@link KeyChooser}, {@link ShardMap}: a transaction's granules and shards;
 *   <li>{@link TransactionDriver}, {@link ConcurrencyControl}: connect, attempt, locks, abort, retry;
 *   <li>{@link CommitProtocol}: the commit flush, or two-phase commit across shards;
 *   <li>{@link WriteQueue}: writes acknowledged on enqueue, applied in batches;
 *   <li>{@link ReplicationStream}: the replicas' appliers and their lag;
 *   <li>{@link Connections}, {@link Costs}, {@link LockStats}: the pools, each type's work, lock figures.
 * </ul>
 *
 * <p>Every component handles its own events on the one {@link Simulation}, so the run is still one
 * sequence of events in (time, priority, sequence) order, and each draws from its own streams in the
 * order the request's steps ask: the same scenario, load and streams give the same measurements bit
 * for bit. Nothing here reads files, clocks or threads.
 *
 * <p>Measurements: each component puts the figures of its mechanism; {@link #measure} asks them in
 * the order of the sections ({@code all}, {@code requests}, {@code stations}, {@code locks}, {@code
 * pools}, {@code replication}, {@code write_queue}, {@code run}).
 */
public final class DeploymentModel implements EventHandler, Faults.Judged {
    private static final int WARMUP_END = 1;

    private final Load load;
    private final Simulation sim = new Simulation();
    private final Station[] masterCpu;
    private final Station[] replicaCpu;
    private final Traffic traffic;
    private final RequestFlow flow;
    private final ReadPath reads;
    private final TransactionDriver driver;
    private final WriteQueue writeQueue;
    private final ReplicationStream replication;
    private final Connections connections;
    private final LockStats lockStats;
    private final Faults faults;
    private double measureStart;

    // judging the time outside faults: the window being measured, and whom to tell when one ends
    private WindowObserver judgedWindows;
    // or, in consecutive windows (a day's hours): whom to tell each stretch of one, and which window it is
    private StretchObserver stretches;
    private int window;
    private boolean warm;
    private boolean paused;
    private int windowsJudged;

    /**
     * A model of {@code scenario} under {@code load}, drawing from {@code streams}: open arrivals at its
     * rate (and spikes), or a closed population of its users throughout.
     */
    public DeploymentModel(Scenario scenario, Load load, RandomStreams streams) {
        this(
                scenario,
                load,
                streams,
                scenario.traffic().arrivals() == Arrivals.CLOSED
                        ? RateProfile.constant(
                                load.population(scenario.traffic().users()))
                        : RateProfile.peakHour(
                                load.rate(), load.spikes() ? scenario.traffic().spikes() : List.of()));
    }

    /**
     * A model whose traffic follows {@code profile} instead of {@code load}'s rate and spikes: the open
     * arrival rate, or for a closed population the users logged in (rounded to the nearest user). The
     * faults' {@code at} counts from the run's start.
     */
    public DeploymentModel(Scenario scenario, Load load, RandomStreams streams, RateProfile profile) {
        this(scenario, load, streams, profile, 0);
    }

    /**
     * A model whose traffic follows {@code profile}, and whose faults' {@code at} counts from simulated
     * time {@code faultOrigin} (a day's: the start of hour 0, after the warm-up), where its per-minute
     * timeline starts too.
     */
    public DeploymentModel(
            Scenario scenario, Load load, RandomStreams streams, RateProfile profile, double faultOrigin) {
        this.load = load;
        RequestType[] types = scenario.requests().toArray(new RequestType[0]);
        String[] tableNames = scenario.tables().keySet().toArray(new String[0]);
        ShardMap shards = new ShardMap(scenario.master(), streams.stream(Streams.SHARDING));
        Costs costs = new Costs(types, streams);
        LockRequests lockRequests = new LockRequests(
                scenario, types, tableNames, streams.stream(Streams.KEYS), streams.stream(Streams.MODES), shards);
        String[] shardNames = new String[shards.count()];
        for (int s = 0; s < shardNames.length; s++) {
            shardNames[s] = shards.count() > 1 ? "shard-" + (s + 1) : "master";
        }
        lockStats = new LockStats(tableNames, shardNames);
        Jobs jobs = new Jobs(tableNames.length, lockStats.slots());

        traffic = scenario.traffic().arrivals() == Arrivals.CLOSED
                ? new ClosedPopulation(
                        sim,
                        jobs,
                        profile,
                        Distributions.sampler(scenario.traffic().think(), streams.stream(Streams.THINK)))
                : new OpenArrivals(
                        sim,
                        jobs,
                        profile,
                        Samplers.exponential(streams.stream(Streams.ARRIVALS), 1.0),
                        load.maxInFlight());
        flow = new RequestFlow(
                types, streams.stream(Streams.MIX), sim, jobs, costs, lockRequests, traffic, scenario.app());

        masterCpu = new Station[shards.count()];
        for (int s = 0; s < shardNames.length; s++) {
            masterCpu[s] = new Station(shardNames[s] + ".cpu", scenario.master().cores(), sim, flow);
        }
        replicaCpu = new Station[scenario.replicas().count()];
        for (int r = 0; r < replicaCpu.length; r++) {
            replicaCpu[r] = new Station(
                    "replica-" + (r + 1) + ".cpu", scenario.replicas().cores(), sim, flow);
        }
        Slowdown[] slow = scenario.faults().isEmpty()
                ? null
                : Faults.slowdowns(scenario.faults(), shards.count(), replicaCpu.length, faultOrigin);
        replication = slow == null
                ? new ReplicationStream(scenario.replicas(), sim)
                : new ReplicationStream(
                        scenario.replicas(), sim, Arrays.copyOfRange(slow, 2 * shards.count(), slow.length));
        connections = new Connections(scenario, shards.count(), sim, flow);
        faults = slow == null
                ? null
                : new Faults(
                        scenario,
                        sim,
                        jobs,
                        traffic,
                        shards,
                        connections.servers(),
                        faultOrigin,
                        load.warmup() + load.duration());

        DoubleSampler flushTime = Distributions.sampler(scenario.master().flush(), streams.stream(Streams.FLUSH));
        DoubleSampler backoff = Samplers.exponential(
                streams.stream(Streams.BACKOFF), scenario.retries().backoff());
        driver = new TransactionDriver(
                scenario, sim, jobs, costs, masterCpu, shardNames, flushTime, backoff, replication, lockStats);
        ReplicaRouter router =
                ReplicaRouter.of(scenario.replicas().routing(), replicaCpu, streams.stream(Streams.ROUTING));
        if (faults != null && Faults.losesReplicas(scenario.faults())) {
            router = ReplicaRouter.avoiding(
                    router, faults.replicaDown, scenario.replicas().routing(), replicaCpu);
        }
        reads = new ReadPath(
                types,
                scenario.cache().hitRatio(),
                streams.stream(Streams.CACHE),
                scenario.app().pool().connectionTimeout(),
                costs,
                router,
                replication,
                connections,
                shards,
                masterCpu,
                replicaCpu);
        writeQueue = new WriteQueue(
                scenario.writeQueue(),
                load.maxInFlight(),
                sim,
                jobs,
                costs,
                lockRequests,
                shards,
                connections,
                driver,
                traffic);
        flow.attach(reads, driver, connections, scenario.writeQueue().enabled() ? writeQueue : null);
        if (faults != null) {
            for (int sh = 0; sh < masterCpu.length; sh++) {
                if (slow[sh] != null) {
                    masterCpu[sh].slowDown(slow[sh]);
                }
                if (slow[masterCpu.length + sh] != null) {
                    driver.commitProtocol().slowDown(sh, slow[masterCpu.length + sh]);
                }
            }
            flow.faults(faults);
            driver.faults(faults);
            faults.attach(flow, driver, connections, replication, this);
        }
    }

    /**
     * Runs warm-up plus measured duration, judging only the time outside the faults' windows (from a
     * fault's start until it has recovered; see {@link Faults}): {@code observer} hears each stretch
     * of judged time as a window, with the model's statistics reset between them, to be combined into
     * one. With no judged time at all (a fault from the warm-up to the end), it hears the whole
     * measured run as one window. Returns the number of windows. The faults' own figures are {@link
     * #faultFigures}.
     */
    public int runJudged(WindowObserver observer) {
        judgedWindows = observer;
        start();
        sim.scheduleAt(load.warmup(), 0, this, WARMUP_END, 0);
        sim.runUntil(load.warmup() + load.duration());
        if (!paused || windowsJudged == 0) {
            judgedWindowEnded();
        }
        return windowsJudged;
    }

    /** Each fault's figures ({@code faults} section) at the end of the run; empty without faults. */
    public Measurements faultFigures() {
        Measurements m = new Measurements();
        if (faults != null) {
            faults.put(m);
        }
        return m;
    }

    @Override
    public void paused() {
        paused = true;
        if (warm && stretches != null) {
            stretchEnded(true);
        } else if (warm) {
            judgedWindowEnded();
        }
    }

    @Override
    public void resumed() {
        paused = false;
        if (warm && stretches != null) {
            stretchEnded(false);
        } else if (warm && judgedWindows != null) {
            resetStatistics();
        }
    }

    /**
     * The stretch of the current window since the last reset has ended: {@code judged} when it was
     * outside every fault's window. A stretch of no length (a fault starting as a window does) is not
     * told. The statistics are reset for the next one.
     */
    private void stretchEnded(boolean judged) {
        if (sim.now() > measureStart) {
            Measurements m = measure();
            stretches.stretchEnded(
                    window,
                    judged,
                    m,
                    m.weights(),
                    flow.allResponse(),
                    flow.typeResponse(),
                    replication.applyDelayHistogram());
        }
        resetStatistics();
    }

    private void judgedWindowEnded() {
        if (judgedWindows == null) {
            return;
        }
        Measurements m = measure();
        judgedWindows.windowEnded(
                m, m.weights(), flow.allResponse(), flow.typeResponse(), replication.applyDelayHistogram());
        windowsJudged++;
    }

    /** Runs warm-up plus measured duration and returns the measurements. */
    public Measurements run() {
        start();
        sim.scheduleAt(load.warmup(), 0, this, WARMUP_END, 0);
        sim.runUntil(load.warmup() + load.duration());
        return measure();
    }

    /**
     * Runs the warm-up, then consecutive measured windows ending at the absolute times {@code ends}
     * (ascending, after the warm-up). At each end {@code observer} hears the window's figures, then
     * the statistics are reset; the system itself (queues, locks, connections, replication backlog)
     * carries on, so the windows are parts of one continuous run. Returns how many windows ended:
     * fewer than {@code ends.length} when an overload stopped the run, whose last window is then cut
     * short (or, stopped in the warm-up, holds the warm-up as {@link #run} would).
     */
    public int runWindows(double[] ends, WindowObserver observer) {
        start();
        boolean going = sim.runUntil(load.warmup());
        if (going) {
            resetStatistics();
        }
        int ended = 0;
        while (ended < ends.length) {
            going = going && sim.runUntil(ends[ended]);
            Measurements m = measure();
            observer.windowEnded(
                    m, m.weights(), flow.allResponse(), flow.typeResponse(), replication.applyDelayHistogram());
            ended++;
            if (!going) {
                break;
            }
            resetStatistics();
        }
        return ended;
    }

    /**
     * {@link #runWindows(double[], WindowObserver)} for a run with faults: each window is cut into
     * stretches where a fault's window (from its start until it has recovered) opens or closes, and
     * {@code observer} hears each stretch with whether it was judged (outside every fault's window),
     * then each window's end. The statistics are reset after every stretch; the system carries on.
     * Returns how many windows ended, as {@link #runWindows(double[], WindowObserver)} does; the
     * faults' own figures are {@link #faultFigures}.
     */
    public int runWindows(double[] ends, StretchObserver observer) {
        stretches = observer;
        start();
        boolean going = sim.runUntil(load.warmup());
        if (going) {
            resetStatistics();
        }
        warm = true;
        int ended = 0;
        while (ended < ends.length) {
            window = ended;
            going = going && sim.runUntil(ends[ended]);
            stretchEnded(!paused);
            observer.windowEnded(ended);
            ended++;
            if (!going) {
                break;
            }
        }
        return ended;
    }

    /**
     * Ends the run early, as overloaded, when an open arrival finds {@code inFlight} requests in the
     * system and {@link #mayStopEarly} allows a stop then (a closed population is bounded by its users
     * and never stops this way). Off unless called; a run that never reaches the bound is unchanged.
     */
    public DeploymentModel stopEarlyAbove(int inFlight) {
        traffic.backlogBound = Math.max(1, inFlight);
        traffic.gate = this::mayStopEarly;
        return this;
    }

    /**
     * "May I stop now?", asked before a run stops early at simulated time {@code now}: no from a fault's
     * start until the run has recovered from it (a master restart, a lost replica), because what the
     * run is for is measured there; yes otherwise.
     */
    public boolean mayStopEarly(double now) {
        return !traffic.inFaultWindow();
    }

    /** Whether the run ended early because its backlog passed {@link #stopEarlyAbove}'s bound. */
    public boolean stoppedEarly() {
        return traffic.stoppedEarly();
    }

    /** The lock figures' books (for tests). */
    LockStats lockStats() {
        return lockStats;
    }

    /** Write transactions committed since the last statistics reset. */
    long commits() {
        return driver.commits();
    }

    /** The simulation this model runs on (for tests and benchmarks). */
    public Simulation simulation() {
        return sim;
    }

    /** Starts the traffic (package-private: the model benchmark drives a running model by hand). */
    void start() {
        traffic.start(flow);
        if (faults != null) {
            faults.start();
        }
    }

    /** The end of the warm-up. */
    @Override
    public void handle(int type, long arg) {
        warm = true;
        resetStatistics();
    }

    // ---------------------------------------------------------------- statistics

    private void resetStatistics() {
        double now = sim.now();
        measureStart = now;
        flow.reset();
        traffic.reset(now);
        driver.reset();
        lockStats.reset(now);
        for (Station s : masterCpu) {
            s.resetStatistics();
        }
        for (Station s : replicaCpu) {
            s.resetStatistics();
        }
        replication.reset(now);
        connections.reset();
        reads.reset();
        writeQueue.reset(now);
    }

    private Measurements measure() {
        double now = sim.now();
        // from the end of warm-up, or from the start when an overload stopped the run before it
        double span = Math.max(1e-12, now - measureStart);
        Measurements m = new Measurements();
        flow.put(m, span);
        CommitProtocol commit = driver.commitProtocol();
        for (int s = 0; s < masterCpu.length; s++) {
            Figures.putStation(m, masterCpu[s], span);
            commit.putDisk(m, s, span);
        }
        for (int r = 0; r < replicaCpu.length; r++) {
            Figures.putStation(m, replicaCpu[r], span);
            replication.putApplier(m, r, span);
        }
        flow.app().putStations(m, span);
        lockStats.put(m, span, now);
        connections.put(m, span);
        flow.app().putPools(m, span);
        replication.put(m, now);
        reads.putFallback(m);
        writeQueue.put(m, span, now);

        traffic.putArrivals(m, span);
        m.put(Metrics.COMMITS, driver.commits() / span);
        traffic.putBound(m, writeQueue.size(), now);
        m.put(Metrics.REPLICATION_BACKLOG_END, replication.backlog());
        writeQueue.putBacklog(m);
        m.put(Metrics.MEASURED, span);
        m.put(Metrics.EVENTS, sim.eventsProcessed());
        return m;
    }
}
