package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.Simulation;

/**
 * Closed traffic: a fixed population of users, one job each for the whole run, who think, send a
 * request, wait for its answer and think again. Every user is always in flight; a request's arrival
 * is the end of its user's think time.
 */
final class ClosedPopulation extends Traffic {
    private static final int THINK_DONE = 1;

    private final int users;
    private final DoubleSampler think;

    ClosedPopulation(Simulation sim, Jobs jobs, int users, DoubleSampler think) {
        super(sim, jobs);
        this.users = users;
        this.think = think;
    }

    @Override
    void start(RequestFlow flow) {
        this.flow = flow;
        for (int u = 0; u < users; u++) {
            Job j = jobs.take(flow);
            j.phase = Job.THINK;
            inFlight++;
            sim.schedule(think.sample(), this, THINK_DONE, j.id);
        }
    }

    @Override
    public void handle(int type, long arg) {
        flow.begin(jobs.get((int) arg));
    }

    @Override
    void begun(Job j) {
        arrivals++;
        inFlightLevel.set(sim.now(), inFlight);
    }

    @Override
    void finished(Job j) {
        j.phase = Job.THINK;
        sim.schedule(think.sample(), this, THINK_DONE, j.id);
    }
}
