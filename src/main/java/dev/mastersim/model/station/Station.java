package dev.mastersim.model.station;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.TimeWeighted;
import dev.mastersim.model.Ring;

/**
 * A FIFO service centre with {@code servers} identical servers (0 = unlimited: every job starts at
 * once, an infinite-server delay). A job brings its own service time; the station queues it while
 * all servers are busy, serves it, then tells the listener.
 *
 * <p>It is a queue of requests plus a grant rule: arrival or completion re-runs the grant (start
 * the head of the queue while a server is free). Waiting jobs are (job, service, arrival) records in
 * a growable {@link Ring}, so nothing is allocated per job once it has grown to the largest backlog
 * seen.
 *
 * <p>Measured: busy servers and jobs waiting (time-weighted), wait before service and service
 * time (their means), completions.
 *
 * <p><b>Deferred completions.</b> A station whose completions nothing waits on (a replica's
 * applier: only the lag bookkeeping hears of them) can keep them off the simulation's event list.
 * Its departure times are known when service starts, so it holds them in a small array (one per
 * server) and replays them, in time order, with their own timestamps, whenever it is next touched:
 * an arrival, a statistic read, or an explicit {@link #catchUp}. The queue, the statistics and the
 * listener's calls are exactly those of the event-driven station; the simulation just handles
 * fewer events. The listener reads the completion's time from {@link #clock}.
 */
public final class Station implements EventHandler {
    private static final int DONE = 1;

    private final String name;
    private final int servers;
    private final Simulation sim;
    private final StationListener listener;

    private int busy;
    private final Ring queue = new Ring(64, 2); // (job, service, arrival)

    // deferred completions: one slot per server in service
    private final boolean deferred;
    private final double[] departAt;
    private final int[] departJob;
    private double clock;
    private Slowdown slowdown;

    private final TimeWeighted busyLevel = new TimeWeighted();
    private final TimeWeighted waitingLevel = new TimeWeighted();
    // means only (plain sums: a station start is on the hot path)
    private long started;
    private double waitSum;
    private double serviceSum;

    public Station(String name, int servers, Simulation sim, StationListener listener) {
        this(name, servers, sim, listener, false);
    }

    private Station(String name, int servers, Simulation sim, StationListener listener, boolean deferred) {
        if (servers < 0 || (deferred && servers == 0)) {
            throw new IllegalArgumentException("servers must be >= 0 (>= 1 when deferred): " + servers);
        }
        this.name = name;
        this.servers = servers;
        this.sim = sim;
        this.listener = listener;
        this.deferred = deferred;
        this.departAt = deferred ? new double[servers] : null;
        this.departJob = deferred ? new int[servers] : null;
    }

    /**
     * A station with {@code servers >= 1} whose completions are replayed when it is next touched
     * instead of being simulation events (see the class comment); only for a station whose
     * listener does nothing but record.
     */
    public static Station deferred(String name, int servers, Simulation sim, StationListener listener) {
        return new Station(name, servers, sim, listener, true);
    }

    /** The time of the completion being reported to the listener (the simulation's clock otherwise). */
    public double clock() {
        return deferred ? clock : sim.now();
    }

    public String name() {
        return name;
    }

    /** The number of servers; 0 means unlimited. */
    public int servers() {
        return servers;
    }

    /** From now on, work arriving is {@code slowdown} x slower (a fault: a cold cache, slow storage). */
    public void slowDown(Slowdown slowdown) {
        this.slowdown = slowdown;
    }

    /** The job id of {@link #work}: work that belongs to no job, whose completion nobody hears of. */
    public static final int NO_JOB = -1;

    /**
     * Work that belongs to no job arrives wanting {@code service} seconds of one server: it queues and
     * occupies a server like a job's (its utilisation, waits and completions count), but its completion is
     * not reported. For work a mechanism does beside the jobs (a woken lock waiter's re-fetch).
     */
    public void work(double service) {
        arrive(NO_JOB, service);
    }

    /** A job arrives wanting {@code service} seconds of one server (times any slowdown at its arrival). */
    public void arrive(int job, double service) {
        double now = sim.now();
        if (slowdown != null) {
            service *= slowdown.at(now);
        }
        if (deferred) {
            catchUp(now);
        }
        if (servers == 0 || busy < servers) {
            start(job, service, 0, now);
        } else {
            enqueue(job, service);
        }
    }

    @Override
    public void handle(int type, long arg) {
        complete((int) arg, sim.now());
    }

    /** Completion at {@code t}: free the server, start the next job, then report the finished one. */
    private void complete(int job, double t) {
        busy--;
        busyLevel.set(t, busy);
        if (queue.size() > 0) {
            int next = queue.intAt(0);
            double service = queue.firstAt(0);
            double arrived = queue.secondAt(0);
            queue.remove();
            waitingLevel.set(t, queue.size());
            start(next, service, t - arrived, t);
        }
        clock = t;
        if (job != NO_JOB) {
            listener.served(this, job);
        }
    }

    private void start(int job, double service, double waited, double t) {
        busy++;
        busyLevel.set(t, busy);
        started++;
        waitSum += waited;
        serviceSum += service;
        if (deferred) {
            // busy already counts this job, so slot busy - 1 is free (slots are kept compact)
            departAt[busy - 1] = t + service;
            departJob[busy - 1] = job;
        } else {
            sim.schedule(service, this, DONE, job);
        }
    }

    /**
     * Replays, in time order, every deferred completion due by {@code t} (a no-op for an
     * event-driven station). Call it before reading anything that completions change.
     */
    public void catchUp(double t) {
        if (!deferred) {
            return;
        }
        while (busy > 0) {
            // the earliest departure (between equal times the order cannot change any statistic:
            // the same jobs start at the same time, and the listener's records are time-stamped)
            int first = 0;
            for (int i = 1; i < busy; i++) {
                if (departAt[i] < departAt[first]) {
                    first = i;
                }
            }
            double d = departAt[first];
            if (d > t) {
                return;
            }
            int job = departJob[first];
            // keep slots compact: the last one fills the hole
            departAt[first] = departAt[busy - 1];
            departJob[first] = departJob[busy - 1];
            complete(job, d);
        }
    }

    private void enqueue(int job, double service) {
        queue.add(job, service, sim.now());
        waitingLevel.set(sim.now(), queue.size());
    }

    /**
     * Every job waiting (not in service) leaves the queue now, in order, each handed to {@code dropped}:
     * its server restarted (a fault), and its work is lost. Jobs in service finish as usual.
     */
    public void dropWaiting(java.util.function.IntConsumer dropped) {
        catchUp(sim.now());
        while (queue.size() > 0) {
            int job = queue.intAt(0);
            queue.remove();
            waitingLevel.set(sim.now(), queue.size());
            if (job != NO_JOB) {
                dropped.accept(job);
            }
        }
    }

    /** Jobs waiting plus jobs in service now. */
    public int inSystem() {
        catchUp(sim.now());
        return queue.size() + busy;
    }

    /** Jobs waiting (not in service) now. */
    public int waiting() {
        catchUp(sim.now());
        return queue.size();
    }

    /** Forgets statistics before now (the end of warm-up). */
    public void resetStatistics() {
        double now = sim.now();
        catchUp(now);
        busyLevel.reset(now);
        waitingLevel.reset(now);
        started = 0;
        waitSum = 0;
        serviceSum = 0;
    }

    /** Time-average busy servers divided by servers (for unlimited servers: the mean busy count). */
    public double utilisation() {
        catchUp(sim.now());
        double b = busyLevel.mean(sim.now());
        return servers == 0 ? 0 : b / servers;
    }

    public double meanBusy() {
        catchUp(sim.now());
        return busyLevel.mean(sim.now());
    }

    /** Time-average number of jobs waiting for a server. */
    public double queueLength() {
        catchUp(sim.now());
        return waitingLevel.mean(sim.now());
    }

    /** Mean wait before service, seconds, over jobs that started service since the reset. */
    public double meanWait() {
        catchUp(sim.now());
        return started == 0 ? 0 : waitSum / started;
    }

    public double meanService() {
        catchUp(sim.now());
        return started == 0 ? 0 : serviceSum / started;
    }

    /** Jobs that started service since the reset. */
    public long started() {
        catchUp(sim.now());
        return started;
    }
}
