package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.engine.Samplers;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.Tally;
import dev.mastersim.engine.TimeWeighted;
import dev.mastersim.model.Distributions;
import dev.mastersim.model.Load;
import dev.mastersim.model.Streams;
import dev.mastersim.model.lock.LockManager;
import dev.mastersim.model.pool.ConnectionCap;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.replication.LagTracker;
import dev.mastersim.model.station.FlushDisk;
import dev.mastersim.model.station.Station;
import dev.mastersim.model.station.StationListener;
import dev.mastersim.model.traffic.RateProfile;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.Concurrency;
import dev.mastersim.scenario.Consistency;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Routing;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Step;
import dev.mastersim.scenario.Table;
import dev.mastersim.scenario.Write;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * One replication of a database deployment: application servers with connection pools, a write
 * master (or {@code S} shards) with CPU, commit-log disk and lock manager, read replicas with CPU
 * and appliers, an optional read cache and write queue, driven by open or closed traffic.
 *
 * <p><b>The request life cycle</b> (CONTRACT §1, "Semantics"). A request arrives, is given a type
 * from the mix and an application server round-robin. It runs its reads one after another: each
 * read may be answered by the cache; otherwise it goes to a replica chosen by the routing policy
 * (or to the master when there are no replicas, or when it needs read-your-writes and the replica
 * lags more than allowed), borrows a connection from its server's pool for that database, is
 * served by the database's CPU, and gives the connection back. Then the write transaction, if any:
 * it borrows a master connection (one per shard it touches, in shard order), does its CPU work,
 * takes its locks one by one under the scenario's concurrency control (CPU and one round trip
 * after each), commits (a prepare flush on every participant first when it spans shards, then the
 * commit flush, batched by group commit), releases its locks and is replicated to every replica's
 * applier. A deadlock, lock-wait timeout or validation failure aborts the attempt: its locks are
 * released and it retries the same lock requests after a back-off, up to {@code retries.max}, then
 * the request fails. A pool timeout fails the request at once. Response time runs from arrival to
 * the end of the last step.
 *
 * <p><b>Re-entrancy.</b> Mechanisms wake waiters while they release (a pool hands a connection on,
 * the lock manager grants queued requests). The woken job continues in a zero-delay event, never
 * inside the releasing call, so no mechanism is re-entered while its grant loop runs; zero-delay
 * events are ordered by sequence, so this stays deterministic.
 *
 * <p><b>Bounded.</b> At most {@link Load#maxInFlight()} requests are in the system; an arrival
 * beyond that is shed, counted, and ends the run as overloaded, so an unstable configuration ends
 * quickly in bounded memory with that verdict instead of running out of memory.
 *
 * <p>Nothing here reads files, clocks or threads; the same scenario, load and streams give the
 * same measurements bit for bit.
 */
public final class DeploymentModel implements EventHandler, StationListener, ConnectionPool.Listener {
    private static final int EV_ARRIVAL = 1;
    private static final int EV_THINK_DONE = 2;
    private static final int EV_ROUNDTRIP_DONE = 3;
    private static final int EV_LOCK_TIMEOUT = 4;
    private static final int EV_BACKOFF_DONE = 5;
    private static final int EV_LOCK_GRANTED = 6;
    private static final int EV_CONNECTED = 7;
    private static final int EV_WARMUP_END = 8;
    private static final int EV_WRITE_QUEUE_TIMER = 9;
    private static final int EV_CONNECT_TIMEOUT = 10;

    private static final int MASTER_DB = -1;

    private final Scenario scenario;
    private final Load load;
    private final RateProfile arrivalRate;
    private final Simulation sim = new Simulation();
    private final int shards;
    private final int replicaCount;
    private final Concurrency concurrency;
    private final RequestType[] types;
    private final double[] cumulativeShare;
    private final String[] tableNames;

    // samplers, one stream per source of randomness
    private final UniformRandomProvider arrivalRng;
    private final UniformRandomProvider mixRng;
    private final UniformRandomProvider modeRng;
    private final UniformRandomProvider routingRng;
    private final UniformRandomProvider cacheRng;
    private final UniformRandomProvider shardingRng;
    private final DoubleSampler interArrival;
    private final DoubleSampler think;
    private final DoubleSampler backoff;
    private final DoubleSampler[] readCost;
    private final DoubleSampler[] txnCpu;
    private final DoubleSampler[] cpuPerLock;
    private final DoubleSampler[] roundtrip;
    private final DoubleSampler[] applyCost;
    private final DoubleSampler flushTime;
    private final boolean noFlush;
    private final KeyChooser[][] keys;
    private final double[][] exclusive;

    // resources
    private final Station[] masterCpu;
    private final FlushDisk[] masterDisk;
    private final LockManager[] lockManagers;
    private final Station[] replicaCpu;
    private final Station applier; // shared by every replica (see the constructor)
    private final LagTracker lag;
    private final ConnectionPool[][] masterPools;
    private final ConnectionPool[][] replicaPools;
    private final ConnectionPool[] writerPools;
    private final LastWrites lastWrites;

    // jobs
    private Job[] jobs;
    private int[] freeJobs;
    private int freeCount;
    private int nextServer;
    private int nextReplica;
    private int inFlight;
    private boolean overloaded;

    // write queue (acknowledged writes waiting for a writer)
    private int[] wqType = new int[64];
    private double[] wqSince = new double[64];
    private int wqHead;
    private int wqSize;
    private Job[] writers;
    private int idleWriters;
    private boolean wqTimerPending;

    // statistics (reset at the end of warm-up)
    private final LatencyHistogram allResponse = new LatencyHistogram();
    private final LatencyHistogram[] typeResponse;
    private final long[] typeDone;
    private final long[] typeErrors;
    private final Tally[] typeLockWait;
    private final long[] typeLockRequests;
    private final long[] typeLockWaits;
    private long shed;
    private long arrivals;
    private int inFlightAtWarmup;
    private final TimeWeighted inFlightLevel = new TimeWeighted();
    private final long[] tableAttempts;
    private final long[] tableAttemptsWaited;
    private final Tally[] tableWait;
    private final long[] tableDeadlocks;
    private final long[] tableTimeouts;
    private final long[] tableConflicts;
    private final long[] tableRetries;
    private final TimeWeighted[] tableHeld;
    private final TimeWeighted[] tableHeldWaiting; // locks held by transactions that are waiting
    private final TimeWeighted[] tableActive;
    private final TimeWeighted[] tableBlocked;
    private long readsRyw;
    private long readsFallback;
    private final Tally writeQueueDelay = new Tally();
    private final TimeWeighted writeQueueLength = new TimeWeighted();
    private long writeQueueFailed;
    private long commits;
    private double measureStart;

    /** A model of {@code scenario} under {@code load}, drawing from {@code streams}. */
    public DeploymentModel(Scenario scenario, Load load, RandomStreams streams) {
        this(
                scenario,
                load,
                streams,
                RateProfile.peakHour(
                        load.rate(), load.spikes() ? scenario.traffic().spikes() : List.of()));
    }

    /** A model whose open arrivals follow {@code arrivalRate} instead of {@code load}'s rate and spikes. */
    public DeploymentModel(Scenario scenario, Load load, RandomStreams streams, RateProfile arrivalRate) {
        this.scenario = scenario;
        this.load = load;
        this.arrivalRate = arrivalRate;
        this.shards = Math.max(1, scenario.master().shards());
        this.replicaCount = scenario.replicas().count();
        this.concurrency = scenario.concurrency();
        this.types = scenario.requests().toArray(new RequestType[0]);
        this.tableNames = scenario.tables().keySet().toArray(new String[0]);
        int n = types.length;
        int tables = tableNames.length;

        cumulativeShare = new double[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += types[i].share();
            cumulativeShare[i] = c;
        }

        arrivalRng = streams.stream(Streams.ARRIVALS);
        mixRng = streams.stream(Streams.MIX);
        modeRng = streams.stream(Streams.MODES);
        routingRng = streams.stream(Streams.ROUTING);
        cacheRng = streams.stream(Streams.CACHE);
        shardingRng = streams.stream(Streams.SHARDING);
        interArrival = Samplers.exponential(arrivalRng, 1.0);
        think = Distributions.sampler(scenario.traffic().think(), streams.stream(Streams.THINK));
        backoff = Samplers.exponential(
                streams.stream(Streams.BACKOFF), scenario.retries().backoff());
        flushTime = Distributions.sampler(scenario.master().flush(), streams.stream(Streams.FLUSH));
        noFlush = Distributions.isZero(scenario.master().flush());

        readCost = new DoubleSampler[n];
        txnCpu = new DoubleSampler[n];
        cpuPerLock = new DoubleSampler[n];
        roundtrip = new DoubleSampler[n];
        applyCost = new DoubleSampler[n];
        keys = new KeyChooser[n][];
        exclusive = new double[n][];
        UniformRandomProvider keyRng = streams.stream(Streams.KEYS);
        for (int i = 0; i < n; i++) {
            RequestType t = types[i];
            readCost[i] = Distributions.sampler(t.readCost(), streams.stream(Streams.READ_COST));
            Write w = t.write();
            if (w == null) {
                keys[i] = new KeyChooser[0];
                exclusive[i] = new double[0];
                continue;
            }
            txnCpu[i] = samplerOrNull(w.cpu(), streams.stream(Streams.CPU));
            cpuPerLock[i] = samplerOrNull(w.cpuPerLock(), streams.stream(Streams.CPU_PER_LOCK));
            roundtrip[i] = samplerOrNull(w.roundtrip(), streams.stream(Streams.ROUNDTRIP));
            applyCost[i] = Distributions.sampler(w.applyCost(), streams.stream(Streams.APPLY));
            List<KeyChooser> k = new ArrayList<>();
            List<Double> x = new ArrayList<>();
            for (Step s : w.steps()) {
                if (s.locks() == 0) {
                    continue;
                }
                Table table = scenario.table(s.table());
                KeyChooser chooser = new KeyChooser(s, table, indexOf(tableNames, s.table()), keyRng);
                for (int l = 0; l < s.locks(); l++) {
                    k.add(chooser);
                    x.add(s.exclusive());
                }
            }
            keys[i] = k.toArray(new KeyChooser[0]);
            exclusive[i] = x.stream().mapToDouble(Double::doubleValue).toArray();
        }

        String prefix = shards > 1 ? "shard-" : "master";
        masterCpu = new Station[shards];
        masterDisk = new FlushDisk[shards];
        lockManagers = new LockManager[shards];
        for (int s = 0; s < shards; s++) {
            String name = shards > 1 ? prefix + (s + 1) : prefix;
            masterCpu[s] = new Station(name + ".cpu", scenario.master().cores(), sim, this);
            masterDisk[s] = new FlushDisk(
                    name + ".disk", sim, flushTime, scenario.master().groupCommit(), (st, job) -> flushed(job));
            lockManagers[s] = new LockManager(1024, 64, this::lockGranted);
        }
        replicaCpu = new Station[replicaCount];
        for (int r = 0; r < replicaCount; r++) {
            replicaCpu[r] = new Station(
                    "replica-" + (r + 1) + ".cpu", scenario.replicas().cores(), sim, this);
        }
        // Every replica applies the same commit stream, in commit order, with the same appliers and
        // the same apply cost per transaction (one draw per commit): their applier queues are
        // identical, so one station and one lag tracker stand for all of them and each replica
        // reports their figures. Nothing waits on an applier (only the lag bookkeeping hears of
        // it), so its completions stay off the event list.
        lag = new LagTracker();
        applier = Station.deferred("replica.applier", scenario.replicas().appliers(), sim, new ApplierListener());

        int servers = Math.max(1, scenario.app().servers());
        int poolSize = scenario.app().pool().size();
        double poolTimeout = scenario.app().pool().connectionTimeout();
        ConnectionCap[] masterCap = new ConnectionCap[shards];
        for (int s = 0; s < shards; s++) {
            masterCap[s] = new ConnectionCap(scenario.master().maxConnections());
        }
        masterPools = new ConnectionPool[servers][shards];
        replicaPools = new ConnectionPool[servers][replicaCount];
        ConnectionCap replicaCap = new ConnectionCap(0);
        for (int a = 0; a < servers; a++) {
            for (int s = 0; s < shards; s++) {
                masterPools[a][s] = new ConnectionPool("master", poolSize, poolTimeout, masterCap[s], sim, this);
            }
            for (int r = 0; r < replicaCount; r++) {
                replicaPools[a][r] = new ConnectionPool("replica", poolSize, poolTimeout, replicaCap, sim, this);
            }
        }

        lastWrites = concurrency == Concurrency.OPTIMISTIC ? new LastWrites() : null;

        typeResponse = new LatencyHistogram[n];
        typeLockWait = new Tally[n];
        for (int i = 0; i < n; i++) {
            typeResponse[i] = new LatencyHistogram();
            typeLockWait[i] = new Tally();
        }
        typeDone = new long[n];
        typeErrors = new long[n];
        typeLockRequests = new long[n];
        typeLockWaits = new long[n];
        tableAttempts = new long[tables];
        tableAttemptsWaited = new long[tables];
        tableWait = new Tally[tables];
        tableDeadlocks = new long[tables];
        tableTimeouts = new long[tables];
        tableConflicts = new long[tables];
        tableRetries = new long[tables];
        tableHeld = new TimeWeighted[tables];
        tableHeldWaiting = new TimeWeighted[tables];
        tableActive = new TimeWeighted[tables];
        tableBlocked = new TimeWeighted[tables];
        for (int t = 0; t < tables; t++) {
            tableWait[t] = new Tally();
            tableHeld[t] = new TimeWeighted();
            tableHeldWaiting[t] = new TimeWeighted();
            tableActive[t] = new TimeWeighted();
            tableBlocked[t] = new TimeWeighted();
        }

        jobs = new Job[0];
        freeJobs = new int[0];
        int writerCount = scenario.writeQueue().enabled()
                ? Math.max(1, scenario.writeQueue().writers())
                : 0;
        writers = new Job[writerCount];
        writerPools = new ConnectionPool[shards];
        for (int s = 0; s < shards; s++) {
            writerPools[s] = new ConnectionPool("writer", 0, poolTimeout, masterCap[s], sim, this);
        }
        for (int w = 0; w < writerCount; w++) {
            Job j = newJob();
            j.batch = true;
            j.phase = Job.BATCH_WAIT;
            writers[w] = j;
        }
        idleWriters = writerCount;
    }

    /**
     * A sampler of {@code d}, or null when it is always 0 (CPU, round trips): the hot path then
     * skips the call. A constant draws nothing from its stream, so the draws are unchanged.
     */
    private static DoubleSampler samplerOrNull(Dist d, UniformRandomProvider rng) {
        return d instanceof Dist.Constant && Distributions.isZero(d) ? null : Distributions.sampler(d, rng);
    }

    private static double sample(DoubleSampler s) {
        return s == null ? 0 : s.sample();
    }

    /** Runs warm-up plus measured duration and returns the measurements. */
    public Measurements run() {
        start();
        sim.scheduleAt(load.warmup(), 0, this, EV_WARMUP_END, 0);
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
            observer.windowEnded(measure(), weights(), allResponse, typeResponse);
            ended++;
            if (!going) {
                break;
            }
            resetStatistics();
        }
        return ended;
    }

    /** Write transactions committed since the last statistics reset. */
    long commits() {
        return commits;
    }

    /** The simulation this model runs on (for tests and benchmarks). */
    public Simulation simulation() {
        return sim;
    }

    /** Starts the traffic (package-private: the model benchmark drives a running model by hand). */
    void start() {
        if (scenario.traffic().arrivals() == Arrivals.CLOSED) {
            for (int u = 0; u < scenario.traffic().users(); u++) {
                Job j = newJob();
                j.phase = Job.THINK;
                inFlight++;
                sim.schedule(think.sample(), this, EV_THINK_DONE, j.id);
            }
            return;
        }
        scheduleArrival();
    }

    // ---------------------------------------------------------------- events

    @Override
    public void handle(int type, long arg) {
        int id = (int) arg;
        switch (type) {
            case EV_ARRIVAL -> arrival();
            case EV_THINK_DONE -> begin(jobs[id]);
            case EV_ROUNDTRIP_DONE -> lockNext(jobs[id]);
            case EV_LOCK_TIMEOUT -> lockTimeout(jobs[id], (int) (arg >>> 32));
            case EV_BACKOFF_DONE -> beginAttempt(jobs[id]);
            case EV_LOCK_GRANTED -> lockWaitOver(jobs[id]);
            case EV_CONNECTED -> connected(jobs[id]);
            case EV_CONNECT_TIMEOUT -> connectFailed(jobs[id]);
            case EV_WARMUP_END -> resetStatistics();
            case EV_WRITE_QUEUE_TIMER -> writeQueueTimer();
            default -> throw new IllegalStateException("unknown event type " + type);
        }
    }

    private void arrival() {
        scheduleArrival();
        arrivals++;
        if (inFlight >= load.maxInFlight()) {
            shed++;
            if (!overloaded) {
                overloaded = true;
                sim.stop();
            }
            return;
        }
        inFlight++;
        inFlightLevel.set(sim.now(), inFlight);
        begin(newJob());
    }

    /** The next open arrival, exact under a changing rate (see {@link RateProfile}); none while it stays 0. */
    private void scheduleArrival() {
        double next = arrivalRate.nextArrival(sim.now(), interArrival.sample());
        if (next < Double.POSITIVE_INFINITY) {
            sim.scheduleAt(next, 0, this, EV_ARRIVAL, 0);
        }
    }

    /** A new request starts on {@code j}: type, server, then its first step. */
    private void begin(Job j) {
        if (scenario.traffic().arrivals() == Arrivals.CLOSED) {
            arrivals++;
            inFlightLevel.set(sim.now(), inFlight);
        }
        j.type = pickType();
        j.server = nextServer;
        nextServer = (nextServer + 1) % masterPools.length;
        j.arrival = sim.now();
        j.readsLeft = types[j.type].reads();
        j.writeDone = types[j.type].write() == null;
        j.clearTransaction();
        nextStep(j);
    }

    private int pickType() {
        if (cumulativeShare.length == 1) {
            return 0; // one type: no draw (the mix has its own stream, so nothing else moves)
        }
        double u = mixRng.nextDouble() * cumulativeShare[cumulativeShare.length - 1];
        for (int i = 0; i < cumulativeShare.length - 1; i++) {
            if (u < cumulativeShare[i]) {
                return i;
            }
        }
        return cumulativeShare.length - 1;
    }

    private void nextStep(Job j) {
        while (j.readsLeft > 0) {
            j.readsLeft--;
            if (scenario.cache().hitRatio() > 0
                    && cacheRng.nextDouble() < scenario.cache().hitRatio()) {
                continue;
            }
            startRead(j);
            return;
        }
        if (!j.writeDone) {
            startWrite(j);
            return;
        }
        finish(j, true);
    }

    // ---------------------------------------------------------------- reads

    private void startRead(Job j) {
        RequestType t = types[j.type];
        int db = chooseReplica();
        if (db != MASTER_DB && t.consistency() == Consistency.READ_YOUR_WRITES) {
            readsRyw++;
            if (lagNow().lag(sim.now()) > t.maxLag()) {
                readsFallback++;
                db = MASTER_DB;
            }
        }
        j.readDb = db;
        j.phase = Job.READ_CONNECT;
        if (readPool(j).borrow(j.id)) {
            readConnected(j);
        } else if (scenario.app().pool().connectionTimeout() <= 0) {
            finish(j, false);
        }
    }

    private ConnectionPool readPool(Job j) {
        return j.readDb == MASTER_DB ? masterPools[j.server][readShard(j)] : replicaPools[j.server][j.readDb];
    }

    private int readShard(Job j) {
        return shards == 1 ? 0 : (j.id % shards);
    }

    private int chooseReplica() {
        if (replicaCount == 0) {
            return MASTER_DB;
        }
        Routing routing = scenario.replicas().routing();
        return switch (routing) {
            case ROUND_ROBIN -> {
                int r = nextReplica;
                nextReplica = (nextReplica + 1) % replicaCount;
                yield r;
            }
            case RANDOM -> routingRng.nextInt(replicaCount);
            case LEAST_LOADED -> {
                int best = 0;
                for (int r = 1; r < replicaCount; r++) {
                    if (replicaCpu[r].inSystem() < replicaCpu[best].inSystem()) {
                        best = r;
                    }
                }
                yield best;
            }
        };
    }

    private void readConnected(Job j) {
        j.phase = Job.READ_CPU;
        Station cpu = j.readDb == MASTER_DB ? masterCpu[readShard(j)] : replicaCpu[j.readDb];
        cpu.arrive(j.id, readCost[j.type].sample());
    }

    // ---------------------------------------------------------------- writes

    private void startWrite(Job j) {
        if (writers.length > 0) {
            enqueueWrite(j.type);
            j.writeDone = true;
            finish(j, true);
            return;
        }
        drawLocks(j);
        j.roundtripPerLock = true;
        j.phase = Job.WRITE_CONNECT;
        j.connected = 0;
        connectNext(j);
    }

    /** Draws the transaction's lock requests once; every retry repeats them. */
    private void drawLocks(Job j) {
        KeyChooser[] k = keys[j.type];
        double[] x = exclusive[j.type];
        j.ensureLocks(k.length);
        j.locks = k.length;
        j.participantCount = 0;
        for (int i = 0; i < k.length; i++) {
            long g = k[i].next();
            j.granule[i] = g;
            j.tableOf[i] = k[i].tableIndex();
            j.mode[i] = (x[i] >= 1 || modeRng.nextDouble() < x[i]) ? LockManager.EXCLUSIVE : LockManager.SHARED;
            j.shardOf[i] = shardOf(j.tableOf[i], k[i].lastRow());
        }
        colocate(j, 0, j.locks);
        for (int i = 0; i < j.locks; i++) {
            j.addParticipant(j.shardOf[i]);
        }
        if (j.participantCount == 0) {
            j.addParticipant(shards == 1 ? 0 : j.id % shards);
        }
    }

    /**
     * Unless this transaction is one of the {@code cross_shard} share, moves its lock requests
     * {@code [from, to)} to the shard of the first one: a sharded schema keeps what one transaction
     * touches together.
     */
    private void colocate(Job j, int from, int to) {
        if (shards == 1
                || to <= from
                || shardingRng.nextDouble() < scenario.master().crossShard()) {
            return;
        }
        for (int i = from + 1; i < to; i++) {
            j.shardOf[i] = j.shardOf[from];
        }
    }

    /** The shard that stores a row: rows hash to shards. */
    private int shardOf(int table, long row) {
        if (shards == 1) {
            return 0;
        }
        long h = (row ^ ((long) table << 48)) * 0x9E3779B97F4A7C15L;
        return (int) ((h >>> 33) % shards);
    }

    private ConnectionPool writePool(Job j, int shard) {
        return j.batch ? writerPools[shard] : masterPools[j.server][shard];
    }

    /** Takes the master connections, one per participant shard, in shard order. */
    private void connectNext(Job j) {
        while (j.connected < j.participantCount) {
            if (!writePool(j, j.participants[j.connected]).borrow(j.id)) {
                // without a connection timeout a refused borrow fails now; otherwise the job waits
                // (writers too: they share the master's max_connections with the app pools)
                if (scenario.app().pool().connectionTimeout() <= 0) {
                    connectFailed(j);
                }
                return;
            }
            j.connected++;
        }
        beginAttempt(j);
    }

    private void connected(Job j) {
        if (j.phase == Job.READ_CONNECT) {
            readConnected(j);
        } else {
            j.connected++;
            connectNext(j);
        }
    }

    @Override
    public void connected(ConnectionPool pool, int job) {
        sim.schedule(0, this, EV_CONNECTED, job);
    }

    @Override
    public void timedOut(ConnectionPool pool, int job) {
        sim.schedule(0, this, EV_CONNECT_TIMEOUT, job);
    }

    private void connectFailed(Job j) {
        if (j.phase == Job.READ_CONNECT) {
            finish(j, false);
            return;
        }
        giveBackConnections(j);
        if (j.batch) {
            writeQueueFailed += j.batchMembers;
            batchDone(j);
            return;
        }
        finish(j, false);
    }

    private void giveBackConnections(Job j) {
        for (int i = 0; i < j.connected; i++) {
            writePool(j, j.participants[i]).giveBack();
        }
        j.connected = 0;
    }

    private void beginAttempt(Job j) {
        j.attempts++;
        j.attemptStart = sim.now();
        j.lockIndex = 0;
        j.waitedThisAttempt = false;
        markAttemptTables(j);
        double cpu = j.batch ? j.batchCpu : sample(txnCpu[j.type]);
        if (cpu > 0) {
            j.phase = Job.TXN_CPU;
            masterCpu[j.participants[0]].arrive(j.id, cpu);
        } else {
            lockNext(j);
        }
    }

    private void markAttemptTables(Job j) {
        for (int i = 0; i < j.locks; i++) {
            int t = j.tableOf[i];
            boolean first = true;
            for (int p = 0; p < i; p++) {
                if (j.tableOf[p] == t) {
                    first = false;
                    break;
                }
            }
            if (first) {
                tableAttempts[t]++;
            }
        }
    }

    private void lockNext(Job j) {
        if (j.lockIndex == j.locks) {
            if (!j.roundtripPerLock && j.phase != Job.ROUNDTRIP) {
                double rt = roundtripOf(j);
                if (rt > 0) {
                    j.phase = Job.ROUNDTRIP;
                    sim.schedule(rt, this, EV_ROUNDTRIP_DONE, j.id);
                    return;
                }
            }
            commit(j);
            return;
        }
        int i = j.lockIndex;
        int t = j.tableOf[i];
        if (!j.batch) {
            typeLockRequests[j.type]++;
        }
        if (concurrency == Concurrency.OPTIMISTIC) {
            granted(j);
            return;
        }
        LockManager lm = lockManagers[j.shardOf[i]];
        int r = concurrency == Concurrency.NO_WAIT
                ? lm.acquireNoWait(j.id, j.granule[i], j.mode[i])
                : lm.acquire(j.id, j.granule[i], j.mode[i]);
        switch (r) {
            case LockManager.GRANTED -> granted(j);
            case LockManager.WAITING -> startWait(j, t);
            case LockManager.DEADLOCK -> {
                tableDeadlocks[t]++;
                abort(j);
            }
            default -> {
                tableConflicts[t]++;
                abort(j);
            }
        }
    }

    private void startWait(Job j, int table) {
        j.phase = Job.LOCK_WAIT;
        j.waitStart = sim.now();
        j.waitingTable = table;
        double now = sim.now();
        if (!j.waitedThisAttempt) {
            j.waitedThisAttempt = true;
            tableAttemptsWaited[table]++;
        }
        if (!j.batch) {
            typeLockWaits[j.type]++;
        }
        if (j.heldOnTable[table] == 0) {
            tableActive[table].add(now, 1);
        }
        tableBlocked[table].add(now, 1);
        for (int t = 0; t < j.heldOnTable.length; t++) {
            if (j.heldOnTable[t] > 0) {
                tableHeldWaiting[t].add(now, j.heldOnTable[t]);
            }
        }
        long arg = ((long) j.waitGeneration << 32) | j.id;
        sim.schedule(scenario.master().lockWaitTimeout(), this, EV_LOCK_TIMEOUT, arg);
    }

    private void lockGranted(int txn) {
        sim.schedule(0, this, EV_LOCK_GRANTED, txn);
    }

    private void lockWaitOver(Job j) {
        if (j.phase != Job.LOCK_WAIT) {
            return;
        }
        endWait(j);
        granted(j);
    }

    private void endWait(Job j) {
        double now = sim.now();
        int table = j.waitingTable;
        double waited = now - j.waitStart;
        j.waitGeneration++;
        j.lockWaitTotal += waited;
        tableWait[table].add(waited);
        tableBlocked[table].add(now, -1);
        if (j.heldOnTable[table] == 0) {
            tableActive[table].add(now, -1);
        }
        for (int t = 0; t < j.heldOnTable.length; t++) {
            if (j.heldOnTable[t] > 0) {
                tableHeldWaiting[t].add(now, -j.heldOnTable[t]);
            }
        }
        j.waitingTable = -1;
    }

    private void lockTimeout(Job j, int generation) {
        if (j.phase != Job.LOCK_WAIT || j.waitGeneration != generation) {
            return;
        }
        int table = j.waitingTable;
        endWait(j);
        tableTimeouts[table]++;
        abort(j);
    }

    private void granted(Job j) {
        int i = j.lockIndex++;
        int t = j.tableOf[i];
        if (concurrency != Concurrency.OPTIMISTIC) {
            double now = sim.now();
            if (j.heldOnTable[t] == 0) {
                tableActive[t].add(now, 1);
            }
            j.heldOnTable[t]++;
            tableHeld[t].add(now, 1);
        }
        double cpu = sample(cpuPerLock[j.type]);
        if (cpu > 0) {
            j.phase = Job.LOCK_CPU;
            masterCpu[j.shardOf[i]].arrive(j.id, cpu);
        } else {
            afterLockCpu(j);
        }
    }

    private void afterLockCpu(Job j) {
        if (j.roundtripPerLock) {
            double rt = roundtripOf(j);
            if (rt > 0) {
                j.phase = Job.ROUNDTRIP;
                sim.schedule(rt, this, EV_ROUNDTRIP_DONE, j.id);
                return;
            }
        }
        j.phase = Job.TXN_CPU;
        lockNext(j);
    }

    private double roundtripOf(Job j) {
        return sample(roundtrip[j.type]);
    }

    @Override
    public void served(Station station, int id) {
        Job j = jobs[id];
        switch (j.phase) {
            case Job.READ_CPU -> {
                readPool(j).giveBack();
                nextStep(j);
            }
            case Job.TXN_CPU -> lockNext(j);
            case Job.LOCK_CPU -> afterLockCpu(j);
            default -> throw new IllegalStateException("job " + id + " served in phase " + j.phase);
        }
    }

    // ---------------------------------------------------------------- commit and abort

    private void commit(Job j) {
        if (lastWrites != null && !lastWrites.validate(j, j.attemptStart)) {
            tableConflicts[j.tableOf[0]]++;
            abort(j);
            return;
        }
        if (noFlush) {
            committed(j);
            return;
        }
        j.phase = j.participantCount > 1 ? Job.PREPARE : Job.FLUSH;
        j.pendingFlushes = j.participantCount;
        for (int p = 0; p < j.participantCount; p++) {
            masterDisk[j.participants[p]].commit(j.id);
        }
    }

    private void flushed(int id) {
        Job j = jobs[id];
        if (--j.pendingFlushes > 0) {
            return;
        }
        if (j.phase == Job.PREPARE) {
            // two-phase commit: every participant prepared; now the commit record on each
            j.phase = Job.FLUSH;
            j.pendingFlushes = j.participantCount;
            for (int p = 0; p < j.participantCount; p++) {
                masterDisk[j.participants[p]].commit(j.id);
            }
            return;
        }
        committed(j);
    }

    private void committed(Job j) {
        double now = sim.now();
        if (lastWrites != null) {
            lastWrites.recordWrites(j, now);
        }
        releaseLocks(j);
        commits++;
        double apply = j.batch ? j.batchApply : applyCost[j.type].sample();
        if (replicaCount > 0) {
            long seq = lagNow().committed(now);
            applier.arrive((int) (seq & 0x7fffffff), apply);
        }
        if (!j.batch) {
            typeLockWait[j.type].add(j.lockWaitTotal);
        }
        giveBackConnections(j);
        if (j.batch) {
            batchDone(j);
            return;
        }
        j.writeDone = true;
        nextStep(j);
    }

    private void releaseLocks(Job j) {
        // a waiting transaction has left its wait (endWait) before it releases anything, so the
        // locks held while waiting are already back out of tableHeldWaiting
        assert j.waitingTable == -1 : "job " + j.id + " released its locks while waiting";
        double now = sim.now();
        for (int t = 0; t < j.heldOnTable.length; t++) {
            int h = j.heldOnTable[t];
            if (h > 0) {
                tableHeld[t].add(now, -h);
                tableActive[t].add(now, -1);
                j.heldOnTable[t] = 0;
            }
        }
        if (concurrency == Concurrency.OPTIMISTIC) {
            return;
        }
        for (int p = 0; p < j.participantCount; p++) {
            lockManagers[j.participants[p]].releaseAll(j.id);
        }
    }

    private void abort(Job j) {
        releaseLocks(j);
        int t = j.locks > 0 ? j.tableOf[Math.min(j.lockIndex, j.locks - 1)] : 0;
        if (j.attempts > scenario.retries().max()) {
            giveBackConnections(j);
            if (j.batch) {
                writeQueueFailed += j.batchMembers;
                batchDone(j);
            } else {
                finish(j, false);
            }
            return;
        }
        if (tableRetries.length > 0) {
            tableRetries[t]++;
        }
        j.phase = Job.BACKOFF;
        sim.schedule(backoff.sample(), this, EV_BACKOFF_DONE, j.id);
    }

    private void finish(Job j, boolean ok) {
        double response = sim.now() - j.arrival;
        if (ok) {
            allResponse.record(response);
            typeResponse[j.type].record(response);
            typeDone[j.type]++;
        } else {
            typeErrors[j.type]++;
        }
        if (scenario.traffic().arrivals() == Arrivals.CLOSED) {
            j.phase = Job.THINK;
            sim.schedule(think.sample(), this, EV_THINK_DONE, j.id);
            return;
        }
        inFlight--;
        inFlightLevel.set(sim.now(), inFlight);
        freeJob(j);
    }

    // ---------------------------------------------------------------- write queue

    private void enqueueWrite(int type) {
        if (wqSize == wqType.length) {
            growWriteQueue();
        }
        int slot = (wqHead + wqSize) & (wqType.length - 1);
        wqType[slot] = type;
        wqSince[slot] = sim.now();
        wqSize++;
        writeQueueLength.set(sim.now(), wqSize);
        if (wqSize > load.maxInFlight() && !overloaded) {
            overloaded = true;
            sim.stop();
        }
        dispatchWriters();
    }

    private void dispatchWriters() {
        int batch = Math.max(1, scenario.writeQueue().batch());
        while (idleWriters > 0 && wqSize > 0) {
            // a full batch goes at once; a partial one when its oldest write reaches max_delay
            double deadline = wqSince[wqHead] + scenario.writeQueue().maxDelay();
            if (wqSize < batch && sim.now() < deadline) {
                if (!wqTimerPending) {
                    wqTimerPending = true;
                    sim.scheduleAt(deadline, 0, this, EV_WRITE_QUEUE_TIMER, 0);
                }
                return;
            }
            startBatch(Math.min(batch, wqSize));
        }
    }

    private void writeQueueTimer() {
        wqTimerPending = false;
        dispatchWriters();
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
        w.type = wqType[wqHead];
        int total = 0;
        for (int m = 0; m < n; m++) {
            int slot = (wqHead + m) & (wqType.length - 1);
            total += keys[wqType[slot]].length;
        }
        w.ensureLocks(total);
        double now = sim.now();
        for (int m = 0; m < n; m++) {
            int type = wqType[wqHead];
            writeQueueDelay.add(now - wqSince[wqHead]);
            wqHead = (wqHead + 1) & (wqType.length - 1);
            wqSize--;
            KeyChooser[] k = keys[type];
            int first = w.locks;
            for (int i = 0; i < k.length; i++) {
                int at = w.locks++;
                w.granule[at] = k[i].next();
                w.tableOf[at] = k[i].tableIndex();
                w.shardOf[at] = shardOf(w.tableOf[at], k[i].lastRow());
                double x = exclusive[type][i];
                w.mode[at] = (x >= 1 || modeRng.nextDouble() < x) ? LockManager.EXCLUSIVE : LockManager.SHARED;
            }
            colocate(w, first, w.locks);
            w.batchCpu += sample(txnCpu[type]);
            w.batchApply += applyCost[type].sample();
        }
        writeQueueLength.set(now, wqSize);
        w.batchMembers = n;
        sortAndMergeLocks(w);
        for (int i = 0; i < w.locks; i++) {
            w.addParticipant(w.shardOf[i]);
        }
        if (w.participantCount == 0) {
            w.addParticipant(0);
        }
        w.phase = Job.WRITE_CONNECT;
        connectNext(w);
    }

    /**
     * Sorts the batch's lock requests by (shard, granule) and merges duplicates into the strongest
     * mode, so writers always lock in the same order and cannot deadlock each other.
     */
    private static void sortAndMergeLocks(Job w) {
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

    private void batchDone(Job w) {
        w.phase = Job.BATCH_WAIT;
        idleWriters++;
        dispatchWriters();
    }

    private void growWriteQueue() {
        int n = wqType.length;
        int[] t = new int[n * 2];
        double[] s = new double[n * 2];
        for (int i = 0; i < wqSize; i++) {
            t[i] = wqType[(wqHead + i) & (n - 1)];
            s[i] = wqSince[(wqHead + i) & (n - 1)];
        }
        wqType = t;
        wqSince = s;
        wqHead = 0;
    }

    // ---------------------------------------------------------------- replication

    /** The replicas' lag tracker, brought up to now: the applier's completions so far replayed first. */
    private LagTracker lagNow() {
        applier.catchUp(sim.now());
        return lag;
    }

    /** Hears the replicas' applier finish a transaction. */
    private final class ApplierListener implements StationListener {
        @Override
        public void served(Station station, int job) {
            lag.applied(lag.sequenceFromLowBits(job), station.clock());
        }
    }

    // ---------------------------------------------------------------- jobs

    private Job newJob() {
        if (freeCount == 0) {
            int old = jobs.length;
            int c = Math.max(64, old * 2);
            jobs = Arrays.copyOf(jobs, c);
            freeJobs = Arrays.copyOf(freeJobs, c);
            for (int i = c - 1; i >= old; i--) {
                jobs[i] = new Job(i, tableNames.length);
                freeJobs[freeCount++] = i;
            }
        }
        Job j = jobs[freeJobs[--freeCount]];
        j.batch = false;
        j.waitGeneration++;
        return j;
    }

    private void freeJob(Job j) {
        j.phase = Job.IDLE;
        freeJobs[freeCount++] = j.id;
    }

    private static int indexOf(String[] names, String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        throw new IllegalArgumentException("unknown table " + name);
    }

    // ---------------------------------------------------------------- statistics

    private void resetStatistics() {
        double now = sim.now();
        measureStart = now;
        allResponse.reset();
        for (int i = 0; i < types.length; i++) {
            typeResponse[i].reset();
            typeLockWait[i].reset();
        }
        Arrays.fill(typeDone, 0);
        Arrays.fill(typeErrors, 0);
        Arrays.fill(typeLockRequests, 0);
        Arrays.fill(typeLockWaits, 0);
        shed = 0;
        arrivals = 0;
        commits = 0;
        inFlightAtWarmup = inFlight;
        inFlightLevel.reset(now);
        Arrays.fill(tableAttempts, 0);
        Arrays.fill(tableAttemptsWaited, 0);
        Arrays.fill(tableDeadlocks, 0);
        Arrays.fill(tableTimeouts, 0);
        Arrays.fill(tableConflicts, 0);
        Arrays.fill(tableRetries, 0);
        for (int t = 0; t < tableNames.length; t++) {
            tableWait[t].reset();
            tableHeld[t].reset(now);
            tableHeldWaiting[t].reset(now);
            tableActive[t].reset(now);
            tableBlocked[t].reset(now);
        }
        for (Station s : masterCpu) {
            s.resetStatistics();
        }
        for (FlushDisk d : masterDisk) {
            d.resetStatistics();
        }
        for (int r = 0; r < replicaCount; r++) {
            replicaCpu[r].resetStatistics();
        }
        applier.resetStatistics();
        lagNow().reset(now);
        for (ConnectionPool[] row : masterPools) {
            for (ConnectionPool p : row) {
                p.resetStatistics();
            }
        }
        for (ConnectionPool[] row : replicaPools) {
            for (ConnectionPool p : row) {
                p.resetStatistics();
            }
        }
        readsRyw = 0;
        readsFallback = 0;
        writeQueueDelay.reset();
        writeQueueLength.reset(now);
        writeQueueFailed = 0;
    }

    private Measurements measure() {
        double now = sim.now();
        // from the end of warm-up, or from the start when an overload stopped the run before it
        double span = Math.max(1e-12, now - measureStart);
        Measurements m = new Measurements();
        long done = 0;
        long errors = shed;
        for (int i = 0; i < types.length; i++) {
            done += typeDone[i];
            errors += typeErrors[i];
        }
        m.put(done / span, "all", "throughput_per_s");
        putResponse(m, allResponse, "all");
        m.put(ratio(errors, done + errors), "all", "error_rate");

        for (int i = 0; i < types.length; i++) {
            String name = types[i].name();
            m.put(typeDone[i] / span, "requests", name, "throughput_per_s");
            putResponse(m, typeResponse[i], "requests", name);
            m.put(ratio(typeErrors[i], typeDone[i] + typeErrors[i]), "requests", name, "error_rate");
            m.put(typeLockWait[i].mean() * 1e3, "requests", name, "lock_wait_ms");
            m.put(ratio(typeLockWaits[i], typeLockRequests[i]), "requests", name, "lock_wait_probability");
        }

        for (int s = 0; s < shards; s++) {
            putStation(m, masterCpu[s], span);
            FlushDisk d = masterDisk[s];
            m.put(d.utilisation(), "stations", d.name(), "utilisation");
            m.put(d.queueLength(), "stations", d.name(), "queue_length");
            m.put(d.meanWait() * 1e3, "stations", d.name(), "wait_ms");
            m.put(d.flushes() / span, "stations", d.name(), "throughput_per_s");
            m.put(d.flushes() == 0 ? 0 : d.commitsPerFlush(), "stations", d.name(), "commits_per_flush");
        }
        for (int r = 0; r < replicaCount; r++) {
            putStation(m, replicaCpu[r], span);
            putStation(m, "replica-" + (r + 1) + ".applier", applier, span);
        }

        for (int t = 0; t < tableNames.length; t++) {
            String name = tableNames[t];
            double active = tableActive[t].mean(now);
            double held = tableHeld[t].mean(now);
            double running = held - tableHeldWaiting[t].mean(now);
            m.put(ratio(tableAttemptsWaited[t], tableAttempts[t]), "locks", name, "wait_probability");
            m.put(tableWait[t].mean() * 1e3, "locks", name, "wait_ms");
            m.put(tableDeadlocks[t] / span, "locks", name, "deadlocks_per_s");
            m.put(tableTimeouts[t] / span, "locks", name, "timeouts_per_s");
            m.put(tableRetries[t] / span, "locks", name, "retries_per_s");
            m.put(held, "locks", name, "held_mean");
            m.put(active, "locks", name, "active_mean");
            m.put(active > 0 ? tableBlocked[t].mean(now) / active : 0, "locks", name, "blocked_fraction");
            m.put(running > 0 ? held / running : 1, "locks", name, "conflict_ratio");
            m.put(tableConflicts[t] / span, "locks", name, "conflicts_per_s");
        }

        putPools(m, "master", masterPools, span);
        if (replicaCount > 0) {
            putPools(m, "replica", replicaPools, span);
        }

        LagTracker l = replicaCount > 0 ? lagNow() : null;
        long backlog = l == null ? 0 : l.backlog();
        m.put(l == null ? 0 : l.meanLag(now) * 1e3, "replication", "lag_ms");
        m.put(l == null ? 0 : l.maxLag(now) * 1e3, "replication", "lag_max_ms");
        m.put(l == null ? 0 : l.meanApplyDelay() * 1e3, "replication", "apply_delay_ms");
        m.put(ratio(readsFallback, readsRyw), "replication", "master_fallback_fraction");

        m.put(writeQueueDelay.mean() * 1e3, "write_queue", "delay_ms");
        m.put(writeQueueLength.mean(now), "write_queue", "length");
        m.put(writeQueueFailed / span, "write_queue", "failed_per_s");

        m.put(arrivals / span, "run", "arrivals_per_s");
        m.put(commits / span, "run", "commits_per_s");
        m.put(shed, "run", "shed");
        m.put(overloaded ? 1 : 0, "run", "overloaded");
        m.put(inFlightAtWarmup, "run", "in_flight_start");
        m.put(inFlight + wqSize, "run", "in_flight_end");
        m.put(inFlightLevel.mean(now), "run", "in_flight_mean");
        m.put(backlog, "run", "replication_backlog_end");
        m.put(span, "run", "measured_s");
        m.put(sim.eventsProcessed(), "run", "events");
        return m;
    }

    /**
     * The denominator behind each figure of {@link #measure} that is a mean per observation or a
     * ratio (see {@link WindowObserver}): what windows are weighted by when they are combined.
     */
    private Measurements weights() {
        double span = sim.now() - measureStart;
        Measurements w = new Measurements();
        long outcomes = shed;
        for (int i = 0; i < types.length; i++) {
            outcomes += typeDone[i] + typeErrors[i];
        }
        w.put(outcomes, "all", "error_rate");
        for (int i = 0; i < types.length; i++) {
            String name = types[i].name();
            w.put(typeDone[i] + typeErrors[i], "requests", name, "error_rate");
            w.put(typeLockWait[i].count(), "requests", name, "lock_wait_ms");
            w.put(typeLockRequests[i], "requests", name, "lock_wait_probability");
        }
        for (int s = 0; s < shards; s++) {
            putStationWeights(w, masterCpu[s]);
            FlushDisk d = masterDisk[s];
            w.put(d.waited(), "stations", d.name(), "wait_ms");
            w.put(d.flushes(), "stations", d.name(), "commits_per_flush");
        }
        for (int r = 0; r < replicaCount; r++) {
            putStationWeights(w, replicaCpu[r]);
            putStationWeights(w, "replica-" + (r + 1) + ".applier", applier);
        }
        double now = sim.now();
        for (int t = 0; t < tableNames.length; t++) {
            String name = tableNames[t];
            w.put(tableAttempts[t], "locks", name, "wait_probability");
            w.put(tableWait[t].count(), "locks", name, "wait_ms");
            w.put(tableActive[t].mean(now) * span, "locks", name, "blocked_fraction");
            w.put((tableHeld[t].mean(now) - tableHeldWaiting[t].mean(now)) * span, "locks", name, "conflict_ratio");
        }
        putPoolWeights(w, "master", masterPools);
        if (replicaCount > 0) {
            putPoolWeights(w, "replica", replicaPools);
        }
        long applied = 0;
        if (replicaCount > 0) {
            applied = lagNow().appliedCount();
        }
        w.put(applied, "replication", "apply_delay_ms");
        w.put(readsRyw, "replication", "master_fallback_fraction");
        w.put(writeQueueDelay.count(), "write_queue", "delay_ms");
        return w;
    }

    private static void putStationWeights(Measurements w, Station s) {
        putStationWeights(w, s.name(), s);
    }

    private static void putStationWeights(Measurements w, String name, Station s) {
        w.put(s.started(), "stations", name, "wait_ms");
        w.put(s.started(), "stations", name, "service_ms");
    }

    private static void putPoolWeights(Measurements w, String kind, ConnectionPool[][] pools) {
        long borrows = 0;
        for (ConnectionPool[] row : pools) {
            for (ConnectionPool p : row) {
                borrows += p.borrows();
            }
        }
        w.put(borrows, "pools", kind, "wait_ms");
    }

    private static void putResponse(Measurements m, LatencyHistogram h, String... at) {
        String[] p = Arrays.copyOf(at, at.length + 2);
        p[at.length] = "response_ms";
        String[][] keys = {{"mean"}, {"p50"}, {"p95"}, {"p99"}, {"p999"}};
        double[] values = {
            h.meanSeconds(),
            h.quantileSeconds(0.50),
            h.quantileSeconds(0.95),
            h.quantileSeconds(0.99),
            h.quantileSeconds(0.999)
        };
        for (int i = 0; i < keys.length; i++) {
            p[at.length + 1] = keys[i][0];
            m.put(values[i] * 1e3, p.clone());
        }
    }

    private static void putStation(Measurements m, Station s, double span) {
        putStation(m, s.name(), s, span);
    }

    private static void putStation(Measurements m, String name, Station s, double span) {
        m.put(s.utilisation(), "stations", name, "utilisation");
        m.put(s.queueLength(), "stations", name, "queue_length");
        m.put(s.meanWait() * 1e3, "stations", name, "wait_ms");
        m.put(s.meanBusy(), "stations", name, "busy_servers");
        m.put(s.meanService() * 1e3, "stations", name, "service_ms");
        m.put(s.started() / span, "stations", name, "throughput_per_s");
    }

    private static void putPools(Measurements m, String kind, ConnectionPool[][] pools, double span) {
        double waitSum = 0;
        long borrows = 0;
        long timeouts = 0;
        double inUse = 0;
        double inUseMax = 0;
        for (ConnectionPool[] row : pools) {
            for (ConnectionPool p : row) {
                inUseMax = Math.max(inUseMax, p.maxInUse());
                waitSum += p.waitSum();
                borrows += p.borrows();
                timeouts += p.timeouts();
                inUse += p.meanInUse();
            }
        }
        m.put(borrows == 0 ? 0 : waitSum / borrows * 1e3, "pools", kind, "wait_ms");
        m.put(timeouts / span, "pools", kind, "timeouts_per_s");
        m.put(inUse, "pools", kind, "in_use");
        m.put(borrows / span, "pools", kind, "borrows_per_s");
        m.put(inUseMax, "pools", kind, "in_use_max");
    }

    private static double ratio(long a, long b) {
        return b == 0 ? 0 : (double) a / b;
    }

    /**
     * Optimistic concurrency's memory of the last commit time of every granule written, for
     * validation at commit (backward validation: abort if a granule this transaction touched was
     * written by a transaction that committed after it started).
     */
    private static final class LastWrites {
        private long[] keys = new long[1024];
        private double[] times = new double[1024];
        private boolean[] used = new boolean[1024];
        private int size;

        boolean validate(Job j, double start) {
            for (int i = 0; i < j.locks; i++) {
                if (lastWrite(j.granule[i]) > start) {
                    return false;
                }
            }
            return true;
        }

        void recordWrites(Job j, double now) {
            for (int i = 0; i < j.locks; i++) {
                if (j.mode[i] == LockManager.EXCLUSIVE) {
                    put(j.granule[i], now);
                }
            }
        }

        private double lastWrite(long key) {
            int mask = keys.length - 1;
            for (int i = mix(key) & mask; used[i]; i = (i + 1) & mask) {
                if (keys[i] == key) {
                    return times[i];
                }
            }
            return Double.NEGATIVE_INFINITY;
        }

        private void put(long key, double t) {
            if (size * 2 >= keys.length) {
                rehash();
            }
            int mask = keys.length - 1;
            int i = mix(key) & mask;
            while (used[i] && keys[i] != key) {
                i = (i + 1) & mask;
            }
            if (!used[i]) {
                used[i] = true;
                keys[i] = key;
                size++;
            }
            times[i] = t;
        }

        private void rehash() {
            long[] k = keys;
            double[] t = times;
            boolean[] u = used;
            keys = new long[k.length * 2];
            times = new double[k.length * 2];
            used = new boolean[k.length * 2];
            size = 0;
            for (int i = 0; i < k.length; i++) {
                if (u[i]) {
                    put(k[i], t[i]);
                }
            }
        }

        private static int mix(long key) {
            long h = key * 0x9E3779B97F4A7C15L;
            return (int) (h ^ (h >>> 32));
        }
    }
}
