package dev.mastersim.model.topology;

import dev.mastersim.engine.EventHandler;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Simulation;
import dev.mastersim.engine.TimeWeighted;

/**
 * Where requests come from, and the bound on how many are in the system: {@link OpenArrivals} (a
 * Poisson stream under a changing rate) or a {@link ClosedPopulation} (users who think, send, wait for
 * the answer, and think again). Each starts requests on the {@link RequestFlow} and hears them
 * finish; the counts and the in-flight level they keep are the {@code run} section's.
 *
 * <p><b>Bounded.</b> At most {@code maxInFlight} requests are in the system; an open arrival beyond
 * that is shed, counted, and ends the run as overloaded ({@link #overload}), so an unstable
 * configuration ends quickly in bounded memory with that verdict instead of running out of memory.
 * Open traffic may also carry a lower <b>backlog bound</b> ({@link DeploymentModel#stopEarlyAbove}): an
 * arrival that finds that many requests in the system ends the run the same way, but only when the
 * run's {@link StopGate} allows a stop at that moment, and the run is then marked {@linkplain
 * #stoppedEarly() stopped early}.
 */
abstract sealed class Traffic implements EventHandler permits OpenArrivals, ClosedPopulation {
    final Simulation sim;
    final Jobs jobs;
    RequestFlow flow;
    int inFlight;
    long arrivals;
    long shed;
    private boolean overloaded;
    private boolean stoppedEarly;
    /** Requests in flight at which open traffic stops the run early (when the gate allows); off by default. */
    int backlogBound = Integer.MAX_VALUE;

    StopGate gate = StopGate.ALWAYS;
    private boolean faultWindow;
    private int inFlightAtWarmup;
    final TimeWeighted inFlightLevel = new TimeWeighted();

    Traffic(Simulation sim, Jobs jobs) {
        this.sim = sim;
        this.jobs = jobs;
    }

    /** Starts the traffic into {@code flow}. */
    abstract void start(RequestFlow flow);

    /** A request begins on {@code j} (before its type is drawn). */
    abstract void begun(Job j);

    /** {@code j}'s request has finished. */
    abstract void finished(Job j);

    /** Ends the run as overloaded (the first time): too many requests, or writes queued, in the system. */
    void overload() {
        if (!overloaded && !faultWindow) {
            overloaded = true;
            sim.stop();
        }
    }

    /** Ends the run as overloaded because its backlog passed the backlog bound (see the class comment). */
    void stopEarly() {
        if (!overloaded && !faultWindow) {
            stoppedEarly = true;
            overload();
        }
    }

    /** Whether the backlog bound, not the in-flight bound, ended the run. */
    boolean stoppedEarly() {
        return stoppedEarly;
    }

    /**
     * A fault's window is open ({@code open}) or every one has closed: inside one, arrivals over the
     * bound are shed but do not end the run.
     */
    void faultWindow(boolean open) {
        faultWindow = open;
    }

    /** Whether a fault's window is open now. */
    boolean inFaultWindow() {
        return faultWindow;
    }

    /** Requests in the system now. */
    int inFlight() {
        return inFlight;
    }

    long shed() {
        return shed;
    }

    void reset(double now) {
        shed = 0;
        arrivals = 0;
        inFlightAtWarmup = inFlight;
        inFlightLevel.reset(now);
    }

    /** The arrivals rate over {@code span} seconds, the first figure of the {@code run} section. */
    void putArrivals(Measurements m, double span) {
        m.put(Metrics.ARRIVALS, arrivals / span);
    }

    /**
     * The {@code run} section's bound figures; {@code queued} writes acknowledged but not yet applied
     * count as in flight at the end.
     */
    void putBound(Measurements m, int queued, double now) {
        m.put(Metrics.SHED, shed);
        m.put(Metrics.OVERLOADED, overloaded ? 1 : 0);
        m.put(Metrics.IN_FLIGHT_START, inFlightAtWarmup);
        m.put(Metrics.IN_FLIGHT_END, inFlight + queued);
        m.put(Metrics.IN_FLIGHT_MEAN, inFlightLevel.mean(now));
    }
}
