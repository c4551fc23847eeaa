package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.traffic.RateProfile;

/**
 * Open traffic: arrivals at the times of a Poisson process under the rate profile (exact under a
 * changing rate, see {@link RateProfile}), each on a new job from the pool; an arrival over the
 * in-flight bound, or over the backlog bound when the run may stop, is shed and ends the run. A finished
 * request's job goes back to the pool.
 */
final class OpenArrivals extends Traffic {
    private static final int ARRIVAL = 1;

    private final RateProfile rate;
    private final DoubleSampler unitExponential;
    private final int maxInFlight;

    OpenArrivals(Simulation sim, Jobs jobs, RateProfile rate, DoubleSampler unitExponential, int maxInFlight) {
        super(sim, jobs);
        this.rate = rate;
        this.unitExponential = unitExponential;
        this.maxInFlight = maxInFlight;
    }

    @Override
    void start(RequestFlow flow) {
        this.flow = flow;
        scheduleArrival();
    }

    @Override
    public void handle(int type, long arg) {
        scheduleArrival();
        arrivals++;
        if (inFlight >= maxInFlight) {
            shed++;
            overload();
            return;
        }
        if (inFlight >= backlogBound && gate.mayStop(sim.now())) {
            shed++;
            stopEarly();
            return;
        }
        inFlight++;
        inFlightLevel.set(sim.now(), inFlight);
        flow.begin(jobs.take(flow));
    }

    /** The next arrival; none while the rate stays 0. */
    private void scheduleArrival() {
        double next = rate.nextArrival(sim.now(), unitExponential.sample());
        if (next < Double.POSITIVE_INFINITY) {
            sim.scheduleAt(next, 0, this, ARRIVAL, 0);
        }
    }

    @Override
    void begun(Job j) {}

    @Override
    void finished(Job j) {
        inFlight--;
        inFlightLevel.set(sim.now(), inFlight);
        jobs.free(j);
    }
}
