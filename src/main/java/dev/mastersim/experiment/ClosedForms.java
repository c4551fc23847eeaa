package dev.mastersim.experiment;

import dev.mastersim.analytic.MMc;
import dev.mastersim.experiment.result.ClosedForm;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.Scenario;
import java.util.Locale;

/**
 * The closed-form first answer to {@code capacity}, for the scenarios a formula covers exactly:
 * open (Poisson) arrivals whose every request is one visit to the master CPU and nothing else (no
 * locks, reads, flush, round trip, pools, connection cap, write queue, shards or replicas applying
 * writes). The master CPU is then an M/G/c station (CONTRACT §1: closed forms must come out of the
 * simulator there), and the highest rate that is not saturated is the smaller of
 *
 * <ul>
 *   <li>the utilisation bound, {@code slo.utilisation × c ÷ D} (D the mean CPU demand per request),
 *       the rate at which the station's load index reaches 1; and
 *   <li>with exponential service of one mean (M/M/c), the rate at which the SLO percentile of the
 *       response time reaches its target, found by bisection on the Erlang C response-time
 *       distribution ({@link MMc#responseQuantile}); for any other service distribution no formula
 *       gives the percentile, and the method says it was not checked.
 * </ul>
 *
 * Anything else is reported as "no closed form" with the first reason found. The simulated capacity
 * stays the answer; this one says where it should land when the scenario is this simple, and how far
 * the mechanisms the formula leaves out move it.
 */
public final class ClosedForms {
    private ClosedForms() {}

    /** The closed-form capacity of {@code s}'s month-0 topology, or why there is none. */
    public static ClosedForm capacity(Scenario s) {
        String why = uncovered(s);
        if (why != null) {
            return ClosedForm.none(why);
        }
        double shares = 0;
        double demand = 0;
        double firstMean = s.requests().get(0).write().cpu().mean();
        boolean markovian = true;
        for (RequestType t : s.requests()) {
            Dist cpu = t.write().cpu();
            shares += t.share();
            demand += t.share() * cpu.mean();
            // a mix of exponentials of different means is hyperexponential, not M/M/c
            markovian &= cpu instanceof Dist.Exponential && cpu.mean() == firstMean;
        }
        double d = demand / shares;
        int c = s.master().cores();
        double byUtilisation = s.slo().utilisation() * c / d;
        if (!markovian) {
            return new ClosedForm(
                    byUtilisation,
                    "utilisation bound of an M/G/c station (no closed form for the response-time percentile"
                            + " of this service distribution: it is not checked)",
                    "master.cpu",
                    "");
        }
        double q = s.slo().percentile().quantile();
        double target = s.slo().target();
        String key = s.slo().percentile().key();
        double at = new MMc(byUtilisation, d, c).responseQuantile(q);
        if (at <= target) {
            return new ClosedForm(
                    byUtilisation,
                    String.format(
                            Locale.ROOT,
                            "Erlang C (M/M/c): the utilisation bound; %s response time there %.1f ms",
                            key,
                            at * 1e3),
                    "master.cpu",
                    "");
        }
        // the percentile grows with the rate: bisect for the rate at which it meets the target
        double lo = 0;
        double hi = byUtilisation;
        for (int i = 0; i < 100 && hi - lo > 1e-9 * hi; i++) {
            double mid = (lo + hi) / 2;
            if (new MMc(mid, d, c).responseQuantile(q) <= target) {
                lo = mid;
            } else {
                hi = mid;
            }
        }
        return new ClosedForm(
                lo,
                String.format(
                        Locale.ROOT,
                        "Erlang C (M/M/c): the %s response time reaches its %.1f ms target",
                        key,
                        target * 1e3),
                "master.cpu",
                "");
    }

    /** Why no formula covers {@code s} exactly, or null when one does. */
    private static String uncovered(Scenario s) {
        if (s.traffic().arrivals() != Arrivals.OPEN) {
            return "a closed population (capacity is a number of users there)";
        }
        if (s.master().shards() > 1) {
            return "shards (several masters and two-phase commit)";
        }
        if (s.writeQueue().enabled()) {
            return "a write queue";
        }
        if (s.app().pool().size() > 0) {
            return "connection pools (app.pool.size > 0) cap concurrency";
        }
        if (s.master().maxConnections() > 0) {
            return "master.max_connections caps concurrency";
        }
        if (s.master().flush().mean() > 0) {
            return "commit flushes (master.flush > 0): a second station in tandem";
        }
        if (s.master().cores() <= 0) {
            return "an unlimited master CPU queues nothing";
        }
        double demand = 0;
        for (RequestType t : s.requests()) {
            if (t.reads() > 0) {
                return "request type " + t.name() + " reads (a second visit, to a replica or the master)";
            }
            if (t.write() == null) {
                return "request type " + t.name() + " does nothing on the master";
            }
            if (t.write().totalLocks() > 0) {
                return "request type " + t.name() + " takes locks";
            }
            if (t.write().roundtrip().mean() > 0) {
                return "request type " + t.name() + " has a round trip (a delay outside the CPU)";
            }
            if (s.replicas().count() > 0 && t.write().applyCost().mean() > 0) {
                return "replicas apply request type " + t.name() + "'s writes (another station)";
            }
            demand += t.share() * t.write().cpu().mean();
        }
        return demand > 0 ? null : "no request does CPU work on the master";
    }
}
