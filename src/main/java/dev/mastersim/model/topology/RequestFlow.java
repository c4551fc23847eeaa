package dev.mastersim.model.topology;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.Tally;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.station.Station;
import dev.mastersim.model.station.StationListener;
import dev.mastersim.scenario.App;
import dev.mastersim.scenario.RequestType;
import java.util.Arrays;
import org.apache.commons.rng.UniformRandomProvider;

/**
 * A request's steps, from arrival to finish (CONTRACT §1, "Semantics"): it is given a type from the
 * mix and an application server round-robin, takes one of the server's worker threads and spends its
 * {@code app_cpu} there ({@link AppServers}), runs its reads one after another on the {@link
 * ReadPath}, then its write transaction, if any, on the {@link TransactionDriver} (or hands it to the
 * {@link WriteQueue}, which acknowledges it at once), spends its {@code app_cpu_after}, and finishes:
 * response time runs from arrival to the end of the last step. A thread or pool timeout, or a
 * transaction out of retries, fails the request.
 *
 * <p>It also routes the news of shared resources by the job's phase: a master CPU serves reads and
 * transactions, a master pool lends to both, so their completions come here and go on to the read
 * path or the driver. A connection handed on, or timed out, continues its job in a zero-delay event
 * (never inside the pool's release).
 *
 * <p>The figures per request type ({@code all} and {@code requests}) are kept here: throughput,
 * response time histograms, errors, and lock waits (which only requests report: a write-queue batch
 * belongs to no type).
 */
final class RequestFlow implements TransactionDriver.Owner, StationListener, ConnectionPool.Listener, EventHandler {
    private static final int CONNECTED = 1;
    private static final int CONNECT_TIMEOUT = 2;

    private final Simulation sim;
    private final Jobs jobs;
    private final RequestType[] types;
    private final double[] cumulativeShare;
    private final boolean[] writes;
    private final UniformRandomProvider mixRng;
    private final Costs costs;
    private final LockRequests lockRequests;
    private final Traffic traffic;
    private final AppServers app;
    private int servers;
    private int nextServer;
    private ReadPath reads;
    private TransactionDriver driver;
    private Connections connections;
    private WriteQueue writeQueue;
    private Faults faults;

    private final LatencyHistogram allResponse = new LatencyHistogram();
    private final LatencyHistogram[] typeResponse;
    private final long[] typeDone;
    private final long[] typeErrors;
    private final Tally[] typeLockWait;
    private final long[] typeLockRequests;
    private final long[] typeLockWaits;

    RequestFlow(
            RequestType[] types,
            UniformRandomProvider mixRng,
            Simulation sim,
            Jobs jobs,
            Costs costs,
            LockRequests lockRequests,
            Traffic traffic,
            App appTier) {
        this.sim = sim;
        this.jobs = jobs;
        this.types = types;
        this.mixRng = mixRng;
        this.costs = costs;
        this.lockRequests = lockRequests;
        this.traffic = traffic;
        this.app = new AppServers(appTier, costs.anyAppCpu(), sim, jobs, this);
        int n = types.length;
        cumulativeShare = new double[n];
        writes = new boolean[n];
        double c = 0;
        for (int i = 0; i < n; i++) {
            c += types[i].share();
            cumulativeShare[i] = c;
            writes[i] = types[i].write() != null;
        }
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
    }

    /**
     * Joins the components that hear of this flow's jobs through it (they are built after it, being
     * its stations' and pools' listener); {@code writeQueue} is null without a write queue.
     */
    void attach(ReadPath reads, TransactionDriver driver, Connections connections, WriteQueue writeQueue) {
        this.reads = reads;
        this.driver = driver;
        this.connections = connections;
        this.servers = connections.servers();
        this.writeQueue = writeQueue;
    }

    /** The faults of the run: they hear each request's outcome, and may take app servers down. */
    void faults(Faults f) {
        this.faults = f;
    }

    // ---------------------------------------------------------------- steps

    /** The application servers' CPUs and threads. */
    AppServers app() {
        return app;
    }

    /**
     * A new request starts on {@code j}: type, server, a thread, then its first step. A server a fault has
     * taken down gets none (the next one up does); with every server down the request fails at once.
     */
    void begin(Job j) {
        traffic.begun(j);
        j.type = pickType();
        j.server = nextServer;
        nextServer = (nextServer + 1) % servers;
        j.arrival = sim.now();
        j.readsLeft = types[j.type].reads();
        j.writeDone = !writes[j.type];
        j.clearTransaction();
        j.killed = Job.ALIVE;
        j.timedOut = false;
        if (faults != null && faults.serverDown(j.server)) {
            int tried = 1;
            while (tried < servers && faults.serverDown(j.server)) {
                j.server = nextServer;
                nextServer = (nextServer + 1) % servers;
                tried++;
            }
            if (faults.serverDown(j.server)) {
                finish(j, false);
                return;
            }
        }
        if (app.enter(j)) {
            startOnThread(j);
        }
    }

    /** {@code j} holds its thread (or needs none): its app CPU, then its first database step. */
    private void startOnThread(Job j) {
        double work = costs.appCpu(j.type);
        if (work > 0) {
            app.compute(j, work, Job.APP_CPU);
            return;
        }
        nextStep(j);
    }

    /** {@code j} waited for a thread and has it now. */
    void threadGranted(Job j) {
        startOnThread(j);
    }

    /** {@code j} waited longer than {@code app.thread_timeout} for a thread: it fails. */
    void threadTimedOut(Job j) {
        finish(j, false);
    }

    /** {@code j}'s app CPU is done: before its first step, or after its last (its server restarted meanwhile: it fails). */
    void appCpuDone(Job j) {
        if (j.killed != Job.ALIVE) {
            finish(j, false);
        } else if (j.phase == Job.APP_CPU) {
            nextStep(j);
        } else {
            finish(j, true);
        }
    }

    /** {@code j} was queued for its server's CPU when the server restarted: it fails. */
    void appCpuDropped(Job j) {
        finish(j, false);
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
            if (reads.cached()) {
                continue;
            }
            if (!reads.start(j)) {
                finish(j, false);
            }
            return;
        }
        if (!j.writeDone) {
            startWrite(j);
            return;
        }
        done(j);
    }

    /** Every database step of {@code j} succeeded: its app CPU after them, then it finishes. */
    private void done(Job j) {
        double work = costs.appCpuAfter(j.type);
        if (work > 0) {
            app.compute(j, work, Job.APP_CPU_AFTER);
            return;
        }
        finish(j, true);
    }

    private void startWrite(Job j) {
        if (writeQueue != null) {
            writeQueue.enqueue(j.type);
            j.writeDone = true;
            done(j);
            return;
        }
        lockRequests.draw(j);
        j.roundtripPerLock = true;
        driver.start(j);
    }

    private void finish(Job j, boolean ok) {
        app.leave(j);
        double response = sim.now() - j.arrival;
        if (ok) {
            allResponse.record(response);
            typeResponse[j.type].record(response);
            typeDone[j.type]++;
        } else {
            typeErrors[j.type]++;
        }
        if (faults != null) {
            faults.finished(ok, response, j.timedOut);
        }
        traffic.finished(j);
    }

    /** A fault strikes {@code j}'s read (its database, or its app server, went down): it fails at its next step. */
    void strikeRead(Job j) {
        j.killed = Job.KILLED_BY_SERVER;
    }

    // ---------------------------------------------------------------- the transaction's owner

    @Override
    public ConnectionPool pool(Job j, int shard) {
        return connections.master(j.server, shard);
    }

    @Override
    public double attemptCpu(Job j) {
        return costs.cpu(j.type);
    }

    @Override
    public double applyCost(Job j) {
        return costs.apply(j.type);
    }

    @Override
    public void lockRequested(Job j) {
        typeLockRequests[j.type]++;
    }

    @Override
    public void lockWaited(Job j) {
        typeLockWaits[j.type]++;
    }

    @Override
    public void committed(Job j) {
        typeLockWait[j.type].add(j.lockWaitTotal);
        j.writeDone = true;
        nextStep(j);
    }

    @Override
    public void failed(Job j) {
        finish(j, false);
    }

    // ---------------------------------------------------------------- news of stations and pools

    @Override
    public void served(Station station, int id) {
        Job j = jobs.get(id);
        switch (j.phase) {
            case Job.READ_CPU -> {
                reads.served(j);
                if (j.killed != Job.ALIVE) {
                    finish(j, false);
                    return;
                }
                nextStep(j);
            }
            case Job.TXN_CPU -> driver.lockNext(j);
            case Job.LOCK_CPU -> driver.afterLockCpu(j);
            default -> throw new IllegalStateException("job " + id + " served in phase " + j.phase);
        }
    }

    @Override
    public void connected(ConnectionPool pool, int job) {
        sim.schedule(0, this, CONNECTED, job);
    }

    @Override
    public void timedOut(ConnectionPool pool, int job) {
        sim.schedule(0, this, CONNECT_TIMEOUT, job);
    }

    @Override
    public void handle(int type, long arg) {
        Job j = jobs.get((int) arg);
        boolean read = j.phase == Job.READ_CONNECT;
        switch (type) {
            case CONNECTED -> {
                if (read && j.killed != Job.ALIVE) {
                    reads.served(j); // its connection goes back: the request fails
                    finish(j, false);
                } else if (read) {
                    reads.connected(j);
                } else {
                    driver.connected(j);
                }
            }
            case CONNECT_TIMEOUT -> {
                j.timedOut = j.killed == Job.ALIVE;
                if (read) {
                    finish(j, false);
                } else {
                    driver.connectFailed(j);
                }
            }
            default -> throw new IllegalStateException("unknown event type " + type);
        }
    }

    // ---------------------------------------------------------------- figures

    /** Every request's response times since the reset, and per type (the model's own histograms). */
    LatencyHistogram allResponse() {
        return allResponse;
    }

    LatencyHistogram[] typeResponse() {
        return typeResponse;
    }

    void reset() {
        app.reset();
        allResponse.reset();
        for (int i = 0; i < types.length; i++) {
            typeResponse[i].reset();
            typeLockWait[i].reset();
        }
        Arrays.fill(typeDone, 0);
        Arrays.fill(typeErrors, 0);
        Arrays.fill(typeLockRequests, 0);
        Arrays.fill(typeLockWaits, 0);
    }

    /** The {@code all} and {@code requests} sections over {@code span} seconds; shed arrivals count as errors. */
    void put(Measurements m, double span) {
        long done = 0;
        long errors = traffic.shed();
        for (int i = 0; i < types.length; i++) {
            done += typeDone[i];
            errors += typeErrors[i];
        }
        m.put(Metrics.THROUGHPUT, done / span);
        Figures.putResponse(m, allResponse, Metrics.RESPONSE);
        m.put(Metrics.ERROR_RATE, Figures.ratio(errors, done + errors), done + errors);

        for (int i = 0; i < types.length; i++) {
            String name = types[i].name();
            long outcomes = typeDone[i] + typeErrors[i];
            m.put(Metrics.TYPE_THROUGHPUT, typeDone[i] / span, name);
            Figures.putResponse(m, typeResponse[i], Metrics.TYPE_RESPONSE, name);
            m.put(Metrics.TYPE_ERROR_RATE, Figures.ratio(typeErrors[i], outcomes), outcomes, name);
            m.put(Metrics.TYPE_LOCK_WAIT, typeLockWait[i].mean() * 1e3, typeLockWait[i].count(), name);
            m.put(
                    Metrics.TYPE_LOCK_WAIT_PROBABILITY,
                    Figures.ratio(typeLockWaits[i], typeLockRequests[i]),
                    typeLockRequests[i],
                    name);
        }
    }
}
