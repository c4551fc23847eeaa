package dev.mastersim.experiment.verdict;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import dev.mastersim.model.topology.Metrics;
import dev.mastersim.scenario.Scenario;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Decides whether a load point is saturated, and names the bottleneck.
 *
 * <p><b>Load index.</b> Every resource gets a load index, 1.0 at its limit, from its own figures
 * only ({@link Verdict#DEFINITION}): a station's utilisation ÷ {@code slo.utilisation}; a lock
 * table's ({@code master.locks:<table>}; with shards, each shard's lock table on it apart, {@code
 * shard-<i>.locks:<table>}, from that shard's figures) larger of its most-held granule's busy
 * fraction ÷ {@code slo.utilisation} (a hot row held 90% of the time is a saturated server) and its
 * blocked fraction β ÷ {@value #THRASHING_BLOCKED} (the onset of data-contention thrashing: Y. C. Tay, N. Goodman, R. Suri, <i>Locking Performance in
 * Centralized Databases</i>, ACM TODS 10(4), 1985, and A. Thomasian, <i>Performance limits of
 * two-phase locking</i>, ICDE 1991, where throughput peaks past a conflict level of about 0.226 with
 * β ≈ 0.3); a pool's connection time spent on work that is not itself queued (in use, minus its
 * holders blocked on locks and queued for the CPU or the disk) ÷ (size × time) ÷ {@code
 * slo.utilisation}, so that a pool whose holders wait for a lock is a symptom and the lock carries
 * the index; the application servers' threads ({@code pool:app}) likewise: threads in use, minus
 * their requests queued downstream (for an app CPU, a connection, a lock, a database CPU or disk), ÷
 * (servers × threads) ÷ {@code slo.utilisation}; replication ({@code replication:lag}): the replicas' mean lag ÷ {@code slo.max_lag}. The <b>bottleneck</b> is the resource with the highest index, ties to the first name:
 * nothing depends on the order of keys in the scenario.
 *
 * <p><b>Saturated</b> when, with 95% confidence (the interval's lower end, not the mean, is past
 * the line): the run was overloaded (requests in flight hit their bound) or unstable (a backlog
 * grew through the measured window faster than 2% of the arrival rate: the commits queued at a
 * group-commit disk with {@code flush_per_commit}, then named; the write queue's, then {@code
 * write_queue} is named; or the requests in flight; or the replicas' lag grew faster than 2% of
 * the time passing, 1.2 s a minute: then the applier is named); a resource's load index exceeds 1; the SLO percentile of response time exceeds its target; or the error rate exceeds its
 * limit. The reasons are checked in that order and the first one found is reported.
 *
 * <p><b>Undecided.</b> When no limit is crossed with confidence but some interval straddles its
 * line, the verdict is marked undecided and follows the means; experiments then add replications
 * (up to a cap) and decide again.
 */
public final class VerdictRule {
    private VerdictRule() {}

    private static final double UNSTABLE_GROWTH = 0.02;

    /** The blocked fraction β at which data-contention thrashing sets in (Tay; Thomasian). */
    static final double THRASHING_BLOCKED = 0.3;

    public static Verdict decide(Scenario scenario, RunResult r) {
        Map<String, Double> indices = indices(scenario, r, false);
        String bottleneck = highest(indices);
        Verdict sure = decideWith(scenario, r, true, bottleneck);
        if (sure.saturated()) {
            return with(sure, indices);
        }
        Verdict byMeans = decideWith(scenario, r, false, bottleneck);
        if (byMeans.saturated()) {
            return new Verdict(
                    true,
                    byMeans.reason() + " (undecided: the 95% interval straddles the limit)",
                    byMeans.bottleneck(),
                    false,
                    indices);
        }
        Verdict optimistic = decideWith(scenario, r, null, bottleneck);
        return new Verdict(false, "", bottleneck, !optimistic.saturated(), indices);
    }

    private static Verdict with(Verdict v, Map<String, Double> indices) {
        return new Verdict(v.saturated(), v.reason(), v.bottleneck(), v.decided(), indices);
    }

    /**
     * The verdict with each figure judged by its lower end ({@code confident} true), its mean
     * (false) or its upper end (null).
     */
    private static Verdict decideWith(Scenario scenario, RunResult r, Boolean confident, String bottleneck) {
        Figure overloaded = r.figure(Metrics.OVERLOADED.path());
        if (overloaded != null && overloaded.mean() > 0) {
            return new Verdict(
                    true,
                    "overloaded: requests in flight reached their bound (arrivals outrun completions)",
                    bottleneck,
                    true);
        }
        Figure start = r.figure(Metrics.IN_FLIGHT_START.path());
        Figure end = r.figure(Metrics.IN_FLIGHT_END.path());
        Figure span = r.figure(Metrics.MEASURED.path());
        Figure arrivals = r.figure(Metrics.ARRIVALS.path());
        Verdict backlog = growingBacklog(r, confident);
        if (backlog != null) {
            return backlog;
        }
        if (start != null && end != null && arrivals.mean() > 0) {
            double growth = (end.mean() - start.mean()) / span.mean();
            double ci = Double.isNaN(end.ci95()) ? 0 : (end.ci95() + start.ci95()) / span.mean();
            if (pick(growth - ci, growth, growth + ci, confident) > UNSTABLE_GROWTH * arrivals.mean()) {
                return new Verdict(
                        true, String.format("unstable: backlog grows by %.1f requests/s", growth), bottleneck, true);
            }
        }
        Figure lagStart = r.figure(Metrics.LAG_START.path());
        Figure lagEnd = r.figure(Metrics.LAG_END.path());
        if (lagStart != null && lagEnd != null && span != null && span.mean() > 0) {
            // seconds of lag per second: 1 - 1/rho for an applier at rho > 1
            double slope = (lagEnd.mean() - lagStart.mean()) / 1e3 / span.mean();
            double ci = Double.isNaN(lagEnd.ci95()) ? 0 : (lagEnd.ci95() + lagStart.ci95()) / 1e3 / span.mean();
            if (pick(slope - ci, slope, slope + ci, confident) > UNSTABLE_GROWTH) {
                return new Verdict(
                        true,
                        String.format("unstable: replica lag grows by %.1f s per minute", slope * 60),
                        busiestApplier(scenario, r),
                        true);
            }
        }
        Map<String, Double> judged = indices(scenario, r, confident);
        Map<String, Double> means = indices(scenario, r, false);
        String over = null;
        for (Map.Entry<String, Double> e : judged.entrySet()) {
            if (e.getValue() > 1 && (over == null || means.get(e.getKey()) > means.get(over))) {
                over = e.getKey();
            }
        }
        if (over != null) {
            return new Verdict(true, overReason(scenario, r, over, means.get(over)), over, true);
        }
        String key = scenario.slo().percentile().key();
        Figure pct = r.figure(Metrics.response(key).path());
        double target = scenario.slo().target() * 1e3;
        if (pct != null && at(pct, confident) > target) {
            return new Verdict(
                    true,
                    String.format("%s response time %.1f ms is above the %.1f ms target", key, pct.mean(), target),
                    bottleneck,
                    true);
        }
        Figure err = r.figure(Metrics.ERROR_RATE.path());
        if (err != null && at(err, confident) > scenario.slo().errorRate()) {
            return new Verdict(
                    true,
                    String.format(
                            "error rate %.3f%% is above the %.3f%% limit",
                            err.mean() * 100, scenario.slo().errorRate() * 100),
                    bottleneck,
                    true);
        }
        return new Verdict(false, "", bottleneck, true);
    }

    /**
     * The verdict "unstable" naming a queue of its own whose backlog grew through the window faster
     * than {@value #UNSTABLE_GROWTH} of the arrival rate: a group-commit disk's commits (the
     * fastest-growing disk), then the write queue; null when neither grew. Either backlog also counts
     * in flight, so they are asked first: the generic rule would name no queue.
     */
    private static Verdict growingBacklog(RunResult r, Boolean confident) {
        Figure span = r.figure(Metrics.MEASURED.path());
        Figure arrivals = r.figure(Metrics.ARRIVALS.path());
        if (span == null || !(span.mean() > 0) || arrivals == null || !(arrivals.mean() > 0)) {
            return null;
        }
        double limit = UNSTABLE_GROWTH * arrivals.mean();
        String disk = null;
        double diskGrowth = 0;
        for (List<String> p : r.figures().keySet()) {
            if (Metrics.COMMITS_QUEUED_END.matches(p)) {
                String name = p.get(1);
                double growth = growth(
                        r,
                        Metrics.COMMITS_QUEUED_START.path(name),
                        Metrics.COMMITS_QUEUED_END.path(name),
                        span,
                        confident);
                if (growth > limit && (disk == null || growth > diskGrowth)) {
                    disk = name;
                    diskGrowth = growth;
                }
            }
        }
        if (disk != null) {
            double slope = growth(
                    r, Metrics.COMMITS_QUEUED_START.path(disk), Metrics.COMMITS_QUEUED_END.path(disk), span, false);
            return new Verdict(
                    true,
                    String.format("unstable: commits queued at %s grow by %.1f commits/s", disk, slope),
                    disk,
                    true);
        }
        if (r.figure(Metrics.WRITE_QUEUE_END.path()) != null
                && growth(r, Metrics.WRITE_QUEUE_START.path(), Metrics.WRITE_QUEUE_END.path(), span, confident)
                        > limit) {
            double slope = growth(r, Metrics.WRITE_QUEUE_START.path(), Metrics.WRITE_QUEUE_END.path(), span, false);
            return new Verdict(
                    true, String.format("unstable: the write queue grows by %.1f writes/s", slope), WRITE_QUEUE, true);
        }
        return null;
    }

    /** How fast a level grew from the window's start to its end, per second, judged as {@code confident} says. */
    private static double growth(RunResult r, String[] startPath, String[] endPath, Figure span, Boolean confident) {
        Figure start = r.figure(startPath);
        Figure end = r.figure(endPath);
        if (start == null || end == null) {
            return 0;
        }
        double growth = (end.mean() - start.mean()) / span.mean();
        double ci = Double.isNaN(end.ci95()) ? 0 : (end.ci95() + start.ci95()) / span.mean();
        return pick(growth - ci, growth, growth + ci, confident);
    }

    /** Why {@code resource}, whose load index is {@code index}, is past its limit. */
    private static String overReason(Scenario scenario, RunResult r, String resource, double index) {
        double limit = scenario.slo().utilisation() * 100;
        if (resource.startsWith(POOL)) {
            String[] share = Numbers.percentAgainst(index * limit / 100, limit / 100);
            return String.format(
                    "load index of %s is %.2f: its %s do work that is not queued %s of the time, above the %s limit",
                    resource, index, resource.equals(POOL + "app") ? "threads" : "connections", share[0], share[1]);
        }
        int locks = resource.indexOf(LOCKS);
        if (locks >= 0) {
            String table = resource.substring(locks + LOCKS.length());
            String shard = resource.substring(0, locks);
            boolean own = shard.equals("master");
            double hot = r.mean(
                    own
                            ? Metrics.LOCK_HOT_GRANULE_BUSY.path(table)
                            : Metrics.SHARD_LOCK_HOT_GRANULE_BUSY.path(table, shard));
            double blocked = r.mean(
                    own
                            ? Metrics.LOCK_BLOCKED_FRACTION.path(table)
                            : Metrics.SHARD_LOCK_BLOCKED_FRACTION.path(table, shard));
            String[] b = Numbers.percentAgainst(blocked, THRASHING_BLOCKED);
            String[] h = Numbers.percentAgainst(hot, scenario.slo().utilisation());
            return blocked / THRASHING_BLOCKED >= hot / scenario.slo().utilisation()
                    ? String.format(
                            "load index of %s is %.2f: %s of its transactions are blocked, past the %s"
                                    + " where data-contention thrashing sets in",
                            resource, index, b[0], b[1])
                    : String.format(
                            "load index of %s is %.2f: its most-held granule is held %s of the time, above the %s"
                                    + " limit",
                            resource, index, h[0], h[1]);
        }
        if (resource.equals(REPLICATION_LAG)) {
            return String.format(
                    "load index of %s is %.2f: replicas lag %.1f s on average, above the %.1f s slo.max_lag",
                    resource,
                    index,
                    r.mean(Metrics.LAG.path()) / 1e3,
                    scenario.slo().maxLag());
        }
        if (isGroupCommitDisk(scenario, resource)) {
            String[] share = Numbers.percentAgainst(index * limit / 100, limit / 100);
            return String.format(
                    "load index of %s is %.2f: its commits use %s of the group-commit ceiling"
                            + " 1/flush_per_commit, above the %s limit",
                    resource, index, share[0], share[1]);
        }
        String[] u = Numbers.percentAgainst(
                r.mean(Metrics.STATION_UTILISATION.path(resource)),
                scenario.slo().utilisation());
        return String.format("utilisation of %s is %s, above the %s limit", resource, u[0], u[1]);
    }

    private static double at(Figure f, Boolean confident) {
        return pick(f.lower(), f.mean(), f.upper(), confident);
    }

    private static double pick(double lower, double mean, double upper, Boolean confident) {
        return confident == null ? upper : confident ? lower : mean;
    }

    private static final String LOCKS = ".locks:";
    private static final String POOL = "pool:";
    private static final String APP = "app-";
    private static final String REPLICATION_LAG = "replication:lag";
    private static final String WRITE_QUEUE = "write_queue";

    /** The applier with the highest index (they are alike: every replica applies the same stream). */
    private static String busiestApplier(Scenario scenario, RunResult r) {
        Map<String, Double> appliers = new TreeMap<>();
        indices(scenario, r, false).forEach((name, index) -> {
            if (name.endsWith(".applier")) {
                appliers.put(name, index);
            }
        });
        return highest(appliers);
    }

    /** The resource with the highest index; ties go to the first name; "" when there is none. */
    static String highest(Map<String, Double> indices) {
        String best = "";
        double bestIndex = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> e : new TreeMap<>(indices).entrySet()) {
            if (e.getValue() > bestIndex) {
                best = e.getKey();
                bestIndex = e.getValue();
            }
        }
        return best;
    }

    /**
     * Every resource's load index, by name, with each figure judged by its lower end ({@code
     * confident} true), its mean (false) or its upper end (null); see the class comment.
     */
    public static Map<String, Double> indices(Scenario scenario, RunResult r, Boolean confident) {
        double sloU = scenario.slo().utilisation();
        boolean sharded = scenario.master().shards() > 1;
        Map<String, Double> out = new TreeMap<>();
        double lockBlocked = 0;
        double masterQueued = 0;
        double replicaQueued = 0;
        double appQueued = 0;
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            List<String> p = e.getKey();
            String name = p.get(p.size() - 2);
            if (Metrics.STATION_UTILISATION.matches(p)) {
                out.put(
                        name,
                        isGroupCommitDisk(scenario, name)
                                ? groupCommitIndex(scenario, r, name, confident)
                                : at(e.getValue(), confident) / sloU);
                double queued = r.mean(Metrics.STATION_QUEUE.path(name));
                if (name.startsWith(APP)) {
                    appQueued += queued;
                } else if (name.startsWith("replica-")) {
                    if (name.endsWith(".cpu")) {
                        replicaQueued += queued;
                    }
                } else {
                    masterQueued += queued;
                }
            } else if (Metrics.LOCK_HOT_GRANULE_BUSY.matches(p)) {
                // with shards, each shard's lock table carries its own index (below), not their sum
                if (!sharded) {
                    out.put(
                            "master" + LOCKS + name,
                            lockIndex(
                                    e.getValue(), r.figure(Metrics.LOCK_BLOCKED_FRACTION.path(name)), sloU, confident));
                }
                double blocked = r.mean(Metrics.LOCK_BLOCKED_FRACTION.path(name));
                lockBlocked += blocked * r.mean(Metrics.LOCK_ACTIVE.path(name));
            } else if (sharded && Metrics.SHARD_LOCK_HOT_GRANULE_BUSY.matches(p)) {
                String table = p.get(1);
                out.put(
                        name + LOCKS + table,
                        lockIndex(
                                e.getValue(),
                                r.figure(Metrics.SHARD_LOCK_BLOCKED_FRACTION.path(table, name)),
                                sloU,
                                confident));
            }
        }
        Figure lag = r.figure(Metrics.LAG.path());
        if (lag != null && scenario.replicas().count() > 0 && scenario.slo().maxLag() > 0) {
            out.put(REPLICATION_LAG, at(lag, confident) / (scenario.slo().maxLag() * 1e3));
        }
        int servers = Math.max(1, scenario.app().servers());
        int size = scenario.app().pool().size();
        if (size > 0) {
            pool(
                    out,
                    r,
                    "master",
                    (double) servers * size * scenario.master().shards(),
                    lockBlocked + masterQueued,
                    sloU,
                    confident);
            pool(
                    out,
                    r,
                    "replica",
                    (double) servers * size * scenario.replicas().count(),
                    replicaQueued,
                    sloU,
                    confident);
        }
        if (scenario.app().threads() > 0) {
            // a thread whose request waits downstream (for the app CPU, a connection, a lock, a
            // database CPU or disk) is a symptom of that resource, as a pool's connection is
            double downstream = appQueued
                    + lockBlocked
                    + masterQueued
                    + replicaQueued
                    + poolWaiting(r, "master")
                    + poolWaiting(r, "replica");
            pool(out, r, "app", (double) servers * scenario.app().threads(), downstream, sloU, confident);
        }
        return out;
    }

    /**
     * A lock table's index from its most-held granule's busy fraction {@code hot} and its blocked
     * fraction {@code beta} (absent for a table never measured).
     */
    private static double lockIndex(Figure hot, Figure beta, double sloU, Boolean confident) {
        return Math.max(at(hot, confident) / sloU, (beta == null ? 0 : at(beta, confident)) / THRASHING_BLOCKED);
    }

    /** Borrowers waiting for a connection of pool {@code kind}, time-averaged (Little: borrows/s x wait). */
    private static double poolWaiting(RunResult r, String kind) {
        Figure borrows = r.figure(Metrics.POOL_BORROWS.path(kind));
        Figure wait = r.figure(Metrics.POOL_WAIT.path(kind));
        return borrows == null || wait == null ? 0 : borrows.mean() * wait.mean() / 1e3;
    }

    /** Whether {@code station} is a master's (or shard's) commit-log disk with group commit. */
    private static boolean isGroupCommitDisk(Scenario scenario, String station) {
        return scenario.master().groupCommit() && station.endsWith(".disk");
    }

    /**
     * A group-commit disk's index: commits/s x {@code flush_per_commit} / {@code slo.utilisation}, its
     * distance from the ceiling 1/flush_per_commit (0 when flush_per_commit is 0: no ceiling). Its
     * utilisation is no measure: a busy disk just takes more commits per flush.
     */
    private static double groupCommitIndex(Scenario scenario, RunResult r, String disk, Boolean confident) {
        double perCommit = scenario.master().flushPerCommit();
        Figure flushes = r.figure(Metrics.STATION_THROUGHPUT.path(disk));
        if (!(perCommit > 0) || flushes == null) {
            return 0;
        }
        double commitsPerFlush = r.mean(Metrics.COMMITS_PER_FLUSH.path(disk));
        return at(flushes, confident)
                * commitsPerFlush
                * perCommit
                / scenario.slo().utilisation();
    }

    /** A pool's index: its connections' unqueued work ÷ its size ÷ {@code slo.utilisation}. */
    private static void pool(
            Map<String, Double> out,
            RunResult r,
            String kind,
            double size,
            double queued,
            double sloU,
            Boolean confident) {
        Figure inUse = r.figure(Metrics.POOL_IN_USE.path(kind));
        if (inUse == null || !(size > 0)) {
            return;
        }
        out.put(POOL + kind, Math.max(0, at(inUse, confident) - queued) / size / sloU);
    }
}
