package dev.mastersim.model.station;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.Tally;
import dev.mastersim.engine.TimeWeighted;

/**
 * A FIFO service centre with {@code servers} identical servers (0 = unlimited: every job starts at
 * once, an infinite-server delay). A job brings its own service time; the station queues it while
 * all servers are busy, serves it, then tells the listener.
 *
 * <p>It is a queue of requests plus a grant rule: arrival or completion re-runs the grant (start
 * the head of the queue while a server is free). Jobs are ints in a growable ring buffer, so
 * nothing is allocated per job once the buffer has grown to the largest backlog seen.
 *
 * <p>Measured: busy servers and jobs waiting (time-weighted), wait before service and service
 * time (tallies), completions.
 */
public final class Station implements EventHandler {
    private static final int DONE = 1;

    private final String name;
    private final int servers;
    private final Simulation sim;
    private final StationListener listener;

    private int busy;
    private int[] queueJob = new int[64];
    private double[] queueService = new double[64];
    private double[] queueArrival = new double[64];
    private int head;
    private int size;

    private final TimeWeighted busyLevel = new TimeWeighted();
    private final TimeWeighted waitingLevel = new TimeWeighted();
    private final Tally waits = new Tally();
    private final Tally services = new Tally();

    public Station(String name, int servers, Simulation sim, StationListener listener) {
        if (servers < 0) {
            throw new IllegalArgumentException("servers must be >= 0: " + servers);
        }
        this.name = name;
        this.servers = servers;
        this.sim = sim;
        this.listener = listener;
    }

    public String name() {
        return name;
    }

    /** The number of servers; 0 means unlimited. */
    public int servers() {
        return servers;
    }

    /** A job arrives wanting {@code service} seconds of one server. */
    public void arrive(int job, double service) {
        if (servers == 0 || busy < servers) {
            start(job, service, 0);
        } else {
            enqueue(job, service);
        }
    }

    @Override
    public void handle(int type, long arg) {
        // completion: free the server, start the next job, then report the finished one
        busy--;
        busyLevel.set(sim.now(), busy);
        if (size > 0) {
            int slot = head;
            head = (head + 1) & (queueJob.length - 1);
            size--;
            waitingLevel.set(sim.now(), size);
            start(queueJob[slot], queueService[slot], sim.now() - queueArrival[slot]);
        }
        listener.served(this, (int) arg);
    }

    private void start(int job, double service, double waited) {
        busy++;
        busyLevel.set(sim.now(), busy);
        waits.add(waited);
        services.add(service);
        sim.schedule(service, this, DONE, job);
    }

    private void enqueue(int job, double service) {
        if (size == queueJob.length) {
            grow();
        }
        int slot = (head + size) & (queueJob.length - 1);
        queueJob[slot] = job;
        queueService[slot] = service;
        queueArrival[slot] = sim.now();
        size++;
        waitingLevel.set(sim.now(), size);
    }

    private void grow() {
        int n = queueJob.length;
        int[] j = new int[n * 2];
        double[] s = new double[n * 2];
        double[] a = new double[n * 2];
        for (int i = 0; i < size; i++) {
            int from = (head + i) & (n - 1);
            j[i] = queueJob[from];
            s[i] = queueService[from];
            a[i] = queueArrival[from];
        }
        queueJob = j;
        queueService = s;
        queueArrival = a;
        head = 0;
    }

    /** Jobs waiting plus jobs in service now. */
    public int inSystem() {
        return size + busy;
    }

    /** Jobs waiting (not in service) now. */
    public int waiting() {
        return size;
    }

    /** Forgets statistics before now (the end of warm-up). */
    public void resetStatistics() {
        double now = sim.now();
        busyLevel.reset(now);
        waitingLevel.reset(now);
        waits.reset();
        services.reset();
    }

    /** Time-average busy servers divided by servers (for unlimited servers: the mean busy count). */
    public double utilisation() {
        double b = busyLevel.mean(sim.now());
        return servers == 0 ? 0 : b / servers;
    }

    public double meanBusy() {
        return busyLevel.mean(sim.now());
    }

    /** Time-average number of jobs waiting for a server. */
    public double queueLength() {
        return waitingLevel.mean(sim.now());
    }

    /** Mean wait before service, seconds, over jobs that started service since the reset. */
    public double meanWait() {
        return waits.mean();
    }

    public double meanService() {
        return services.mean();
    }

    /** Jobs that started service since the reset. */
    public long started() {
        return services.count();
    }
}
