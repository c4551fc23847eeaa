package dev.mastersim.model.topology;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.pool.ConnectionCap;
import dev.mastersim.model.pool.ConnectionPool;
import dev.mastersim.model.station.Station;
import dev.mastersim.model.station.StationListener;
import dev.mastersim.scenario.App;

/**
 * The application tier's own capacity (CONTRACT §1, "App servers"): per server, a CPU station
 * {@code app-<i>.cpu} with {@code app.cores} servers (0 = unlimited) that runs each request's {@code
 * app_cpu} before its first database step and {@code app_cpu_after} after its last, and {@code
 * app.threads} worker threads (0 = unlimited). A request takes a thread of its server on arrival and
 * holds it to its finish; with none free it waits first come first served, and gives up as an error
 * after {@code app.thread_timeout} (0: at once, a loss system). The threads are a pool with the
 * semantics of a connection pool ({@link ConnectionPool}: a size, a FIFO wait, a timeout), so the
 * figures are a pool's, under {@code pools/app}, and its load index is {@code pool:app}.
 *
 * <p>All of a server's state is here, indexed by server: its station and its threads, so a server
 * can be taken out and brought back as one. With the defaults (no app CPU, unlimited threads) none
 * of it exists: a request goes straight to its first step, as it did before the tier had capacity,
 * and nothing is measured.
 *
 * <p>A waiting request's thread, handed on by a finishing one, continues its job in a zero-delay
 * event (never inside the finishing request's release), as a connection does in {@link RequestFlow}.
 */
final class AppServers implements StationListener, ConnectionPool.Listener, EventHandler {
    private static final int GRANTED = 1;
    private static final int TIMED_OUT = 2;

    private final Simulation sim;
    private final Jobs jobs;
    private final RequestFlow flow;
    /** Per server; null when no request type spends app CPU. */
    private final Station[] cpu;
    /** Per server (one column: the figures' pool matrix); null when threads are unlimited. */
    private final ConnectionPool[][] threads;

    private final double timeout;

    /**
     * The tier of {@code app}; {@code withCpu} when some request spends CPU on it. Its jobs' news goes
     * to {@code flow}.
     */
    AppServers(App app, boolean withCpu, Simulation sim, Jobs jobs, RequestFlow flow) {
        this.sim = sim;
        this.jobs = jobs;
        this.flow = flow;
        this.timeout = app.threadTimeout();
        int servers = Math.max(1, app.servers());
        cpu = withCpu ? new Station[servers] : null;
        threads = app.threads() > 0 ? new ConnectionPool[servers][1] : null;
        ConnectionCap none = new ConnectionCap(0);
        for (int a = 0; a < servers; a++) {
            if (cpu != null) {
                cpu[a] = new Station(stationName(a), app.cores(), sim, this);
            }
            if (threads != null) {
                threads[a][0] = new ConnectionPool("app", app.threads(), app.threadTimeout(), none, sim, this);
            }
        }
    }

    /** The resource name of server {@code server}'s CPU (from 0): {@code app-1.cpu}, ... */
    static String stationName(int server) {
        return "app-" + (server + 1) + ".cpu";
    }

    // ---------------------------------------------------------------- threads

    /**
     * {@code j} (arrived, its server chosen) asks for a thread: true when it has one now (or threads are
     * unlimited); otherwise it waits, and the flow hears {@link RequestFlow#threadGranted} or {@link
     * RequestFlow#threadTimedOut} later.
     */
    boolean enter(Job j) {
        if (threads == null) {
            return true;
        }
        if (threads[j.server][0].borrow(j.id)) {
            j.holdsThread = true;
            return true;
        }
        j.phase = Job.APP_THREAD;
        if (timeout <= 0) {
            sim.schedule(0, this, TIMED_OUT, j.id); // no wait at all: refused (the pool counted it)
        }
        return false;
    }

    /** {@code j} finishes: its thread, if it holds one, goes to the longest-waiting request. */
    void leave(Job j) {
        if (j.holdsThread) {
            j.holdsThread = false;
            threads[j.server][0].giveBack();
        }
    }

    @Override
    public void connected(ConnectionPool pool, int job) {
        sim.schedule(0, this, GRANTED, job);
    }

    @Override
    public void timedOut(ConnectionPool pool, int job) {
        sim.schedule(0, this, TIMED_OUT, job);
    }

    @Override
    public void handle(int type, long arg) {
        Job j = jobs.get((int) arg);
        switch (type) {
            case GRANTED -> {
                j.holdsThread = true;
                flow.threadGranted(j);
            }
            case TIMED_OUT -> flow.threadTimedOut(j);
            default -> throw new IllegalStateException("unknown event type " + type);
        }
    }

    // ---------------------------------------------------------------- faults

    /**
     * Server {@code server} restarts ({@code down}) or is back. Going down, its threads go down (those in
     * use end with their requests, which the fault has struck), every request waiting for one fails at
     * once (the flow hears it as {@link RequestFlow#threadTimedOut}, in a zero-delay event), and every
     * request queued for its CPU fails now; a request on a core finishes that burst and fails then.
     */
    void restart(int server, boolean down) {
        if (threads != null) {
            ConnectionPool p = threads[server][0];
            if (down) {
                p.down();
                p.dropWaiters();
            } else {
                p.up();
            }
        }
        if (down && cpu != null) {
            cpu[server].dropWaiting(id -> flow.appCpuDropped(jobs.get(id)));
        }
    }

    // ---------------------------------------------------------------- CPU

    /**
     * {@code j} spends {@code work} seconds on its server's CPU in {@code phase} ({@link Job#APP_CPU} or
     * {@link Job#APP_CPU_AFTER}); the flow hears {@link RequestFlow#appCpuDone} when it is done.
     */
    void compute(Job j, double work, int phase) {
        j.phase = phase;
        cpu[j.server].arrive(j.id, work);
    }

    @Override
    public void served(Station station, int id) {
        flow.appCpuDone(jobs.get(id));
    }

    // ---------------------------------------------------------------- figures

    void reset() {
        if (cpu != null) {
            for (Station s : cpu) {
                s.resetStatistics();
            }
        }
        if (threads != null) {
            for (ConnectionPool[] p : threads) {
                p[0].resetStatistics();
            }
        }
    }

    /** Each server's CPU station (when there is app CPU). */
    void putStations(Measurements m, double span) {
        if (cpu != null) {
            for (Station s : cpu) {
                Figures.putStation(m, s, span);
            }
        }
    }

    /** The threads as the pool {@code app} (when they are limited). */
    void putPools(Measurements m, double span) {
        if (threads != null) {
            Figures.putPools(m, "app", threads, span);
        }
    }
}
