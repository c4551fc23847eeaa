package dev.mastersim.experiment;

import dev.mastersim.analytic.MMc;
import dev.mastersim.analytic.Mva;
import dev.mastersim.experiment.result.ClosedForm;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Limits;
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
 * For a closed population ({@code traffic.arrivals: closed}) the same requests circulate between the
 * users' think time (a delay station: its distribution does not matter, BCMP) and the master CPU, with,
 * when commits flush one by one ({@code group_commit: false}), the master's log disk as a second
 * station. Exact mean value analysis ({@link Mva}, Reiser &amp; Lavenberg 1980) gives the throughput and
 * each station's utilisation at every population, and the capacity is the largest population at which
 * no station's utilisation passes {@code slo.utilisation}. MVA gives means only, so the response-time
 * percentile is not checked; and it is exact for exponential service, an approximation of the same
 * means otherwise, which the method says.
 *
 * <p>Anything else is reported as "no closed form" with the first reason found. The simulated capacity
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
        if (s.traffic().arrivals() != Arrivals.OPEN) {
            return population(s);
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

    /**
     * A closed population's capacity by exact MVA: the largest number of users at which every station's
     * utilisation is within {@code slo.utilisation}. The populations are solved in doublings until one
     * passes the limit (or {@link Limits#USERS} is reached).
     */
    private static ClosedForm population(Scenario s) {
        double shares = 0;
        double cpu = 0;
        boolean markovian = true;
        double firstMean = s.requests().get(0).write().cpu().mean();
        for (RequestType t : s.requests()) {
            shares += t.share();
            cpu += t.share() * t.write().cpu().mean();
            markovian &= t.write().cpu() instanceof Dist.Exponential
                    && t.write().cpu().mean() == firstMean;
        }
        cpu /= shares;
        boolean disk = s.master().flush().mean() > 0;
        markovian &= !disk || s.master().flush() instanceof Dist.Exponential;
        double[] demands = disk ? new double[] {cpu, s.master().flush().mean()} : new double[] {cpu};
        int[] servers =
                disk ? new int[] {s.master().cores(), 1} : new int[] {s.master().cores()};
        String[] names = {"master.cpu", "master.disk"};
        double think = s.traffic().think().mean();
        double limit = s.slo().utilisation();
        int cap = Limits.USERS;
        Mva.Result r = null;
        for (int n = 64; ; n = (int) Math.min(cap, 2L * n)) {
            r = Mva.solve(demands, servers, think, n);
            if (n >= cap || busiest(r, n) > limit) {
                break;
            }
        }
        int users = 0;
        while (users < r.population() && busiest(r, users + 1) <= limit) {
            users++;
        }
        if (users == 0) {
            return ClosedForm.none(String.format(
                    Locale.ROOT,
                    "a single user already keeps a station above the %.0f%% utilisation limit",
                    100 * limit));
        }
        int at = users;
        int bottleneck = 0;
        for (int k = 1; k < demands.length; k++) {
            if (r.utilisation(at, k) > r.utilisation(at, bottleneck)) {
                bottleneck = k;
            }
        }
        String key = s.slo().percentile().key();
        return new ClosedForm(
                users,
                String.format(
                        Locale.ROOT,
                        "%s over %s with think time %.1f ms: %s at %.1f%% there, the limit %.0f%% at one user more;"
                                + " mean response %.1f ms (MVA gives means: the %s is not checked)",
                        markovian ? "exact MVA" : "MVA with exponential service of the same means (approximate)",
                        disk
                                ? "master.cpu (" + servers[0] + " cores) and master.disk"
                                : "master.cpu (" + servers[0] + " cores)",
                        think * 1e3,
                        names[bottleneck],
                        100 * r.utilisation(at, bottleneck),
                        100 * limit,
                        r.responseTime(at) * 1e3,
                        key),
                names[bottleneck],
                "",
                true,
                r.throughput(at));
    }

    /** The highest utilisation over the stations at population {@code n} (0 users: nothing busy). */
    private static double busiest(Mva.Result r, int n) {
        if (n == 0) {
            return 0;
        }
        double u = 0;
        for (int k = 0; k < r.stations(); k++) {
            u = Math.max(u, r.utilisation(n, k));
        }
        return u;
    }

    /** Why no formula covers {@code s} exactly, or null when one does. */
    private static String uncovered(Scenario s) {
        boolean closed = s.traffic().arrivals() != Arrivals.OPEN;
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
        if (s.master().flush().mean() > 0 && !closed) {
            return "commit flushes (master.flush > 0): a second station in tandem";
        }
        if (s.master().flush().mean() > 0 && s.master().groupCommit()) {
            return "group commit (a flush serves every commit waiting: not a product-form station)";
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
            if (closed && t.appCpu().mean() + t.appCpuAfter().mean() > 0) {
                return "request type " + t.name() + " has app_cpu (a user's cycle passes the app servers too)";
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
