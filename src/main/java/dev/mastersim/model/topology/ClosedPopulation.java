package dev.mastersim.model.topology;

import dev.mastersim.engine.DoubleSampler;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.traffic.RateProfile;
import java.util.Arrays;

/**
 * Closed traffic: a population of users, one job each while logged in, who think, send a request, wait
 * for its answer and think again. Every user is always in flight; a request's arrival is the end of
 * its user's think time.
 *
 * <p><b>A population that changes.</b> How many users are logged in follows a profile over simulated
 * time (its value rounded to the nearest user): constant for a peak hour, the {@code daily} multipliers
 * hour by hour for a day. At each change, users log in or off. A new user starts by thinking. A user
 * logging off while thinking leaves at once; one in the middle of a request finishes it first and
 * leaves then, instead of thinking again (users log off last in, first out). When users log in while
 * others are still due to leave, those stay instead. A think-time end is an event that carries its
 * job's generation, so one whose user has left is recognised and ignored.
 */
final class ClosedPopulation extends Traffic {
    private static final int THINK_DONE = 1;
    private static final int CHANGE = 2;

    private final RateProfile population;
    private final DoubleSampler think;
    /** The jobs of the users logged in, in the order they logged in. */
    private int[] members = new int[16];
    /** Users in a request who leave when it is done. */
    private int leaving;

    /** As many users as {@code population} says at each moment, rounded to the nearest user. */
    ClosedPopulation(Simulation sim, Jobs jobs, RateProfile population, DoubleSampler think) {
        super(sim, jobs);
        this.population = population;
        this.think = think;
    }

    @Override
    void start(RequestFlow flow) {
        this.flow = flow;
        logIn(target(0));
        scheduleChange();
    }

    private int target(double t) {
        return (int) Math.round(population.rateAt(t));
    }

    private void scheduleChange() {
        double next = population.nextChange(sim.now());
        if (next < Double.POSITIVE_INFINITY) {
            sim.scheduleAt(next, 0, this, CHANGE, 0);
        }
    }

    @Override
    public void handle(int type, long arg) {
        if (type == CHANGE) {
            int change = target(sim.now()) - (inFlight - leaving);
            if (change > 0) {
                logIn(change);
                inFlightLevel.set(sim.now(), inFlight);
            } else if (change < 0) {
                logOff(-change);
            }
            scheduleChange();
            return;
        }
        Job j = jobs.get((int) arg);
        if (j.phase != Job.THINK || j.waitGeneration != (int) (arg >>> 32)) {
            return; // its user logged off while thinking
        }
        flow.begin(j);
    }

    /** {@code n} more users: first those due to leave stay, then new ones log in, thinking. */
    private void logIn(int n) {
        int stay = Math.min(n, leaving);
        leaving -= stay;
        for (int u = stay; u < n; u++) {
            Job j = jobs.take(flow);
            if (inFlight == members.length) {
                members = Arrays.copyOf(members, inFlight * 2);
            }
            members[inFlight++] = j.id;
            thinkAgain(j);
        }
    }

    /** {@code n} users log off: thinking ones at once (last logged in first), the rest after their request. */
    private void logOff(int n) {
        for (int i = inFlight - 1; i >= 0 && n > 0; i--) {
            Job j = jobs.get(members[i]);
            if (j.phase == Job.THINK) {
                remove(i);
                jobs.free(j);
                n--;
            }
        }
        leaving += n;
        inFlightLevel.set(sim.now(), inFlight);
    }

    private void remove(int i) {
        System.arraycopy(members, i + 1, members, i, inFlight - i - 1);
        inFlight--;
    }

    private void thinkAgain(Job j) {
        j.phase = Job.THINK;
        sim.schedule(think.sample(), this, THINK_DONE, ((long) j.waitGeneration << 32) | j.id);
    }

    @Override
    void begun(Job j) {
        arrivals++;
        inFlightLevel.set(sim.now(), inFlight);
    }

    @Override
    void finished(Job j) {
        if (leaving > 0) {
            leaving--;
            for (int i = inFlight - 1; i >= 0; i--) {
                if (members[i] == j.id) {
                    remove(i);
                    break;
                }
            }
            jobs.free(j);
            inFlightLevel.set(sim.now(), inFlight);
            return;
        }
        thinkAgain(j);
    }
}
