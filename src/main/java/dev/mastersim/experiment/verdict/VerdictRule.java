package dev.mastersim.experiment.verdict;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import dev.mastersim.model.topology.Metrics;
import dev.mastersim.scenario.Scenario;
import java.util.List;
import java.util.Map;

/**
 * Decides whether a load point is saturated, and names the bottleneck.
 *
 * <p><b>Saturated</b> when, with 95% confidence (the interval's lower end, not the mean, is past
 * the line): the run was overloaded (requests in flight hit their bound) or unstable (the backlog
 * grew through the measured window faster than 2% of the arrival rate); a station's utilisation
 * exceeds {@code slo.utilisation}; the SLO percentile of response time exceeds its target; or the
 * error rate exceeds its limit. The reasons are checked in that order and the first one found is
 * reported.
 *
 * <p><b>Undecided.</b> When no limit is crossed with confidence but some interval straddles its
 * line, the verdict is marked undecided and follows the means; experiments then add replications
 * (up to a cap) and decide again.
 *
 * <p><b>Bottleneck.</b> A resource past its utilisation limit is the bottleneck (the busiest one if
 * several). Otherwise it is the resource where requests spend the most time waiting, per request:
 * a station's wait times its visits per request, a table's lock wait per request, a pool's wait
 * times its borrows per request. With no waiting at all, the busiest station.
 */
public final class VerdictRule {
    private VerdictRule() {}

    private static final double UNSTABLE_GROWTH = 0.02;

    public static Verdict decide(Scenario scenario, RunResult r) {
        Verdict sure = decideWith(scenario, r, true);
        if (sure.saturated()) {
            return sure;
        }
        Verdict byMeans = decideWith(scenario, r, false);
        if (byMeans.saturated()) {
            return new Verdict(
                    true,
                    byMeans.reason() + " (undecided: the 95% interval straddles the limit)",
                    byMeans.bottleneck(),
                    false);
        }
        Verdict optimistic = decideWithUpper(scenario, r);
        return new Verdict(false, "", sure.bottleneck(), !optimistic.saturated());
    }

    /** The verdict judged on the intervals' upper ends: could more replications make it saturated? */
    private static Verdict decideWithUpper(Scenario scenario, RunResult r) {
        return decideWith(scenario, r, null);
    }

    /**
     * The verdict with each figure judged by its lower end ({@code confident} true), its mean
     * (false) or its upper end (null).
     */
    private static Verdict decideWith(Scenario scenario, RunResult r, Boolean confident) {
        String bottleneck = bottleneck(scenario, r);
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
        if (start != null && end != null && arrivals.mean() > 0) {
            double growth = (end.mean() - start.mean()) / span.mean();
            double ci = Double.isNaN(end.ci95()) ? 0 : (end.ci95() + start.ci95()) / span.mean();
            if (pick(growth - ci, growth, growth + ci, confident) > UNSTABLE_GROWTH * arrivals.mean()) {
                return new Verdict(
                        true, String.format("unstable: backlog grows by %.1f requests/s", growth), bottleneck, true);
            }
        }
        String busiest = null;
        double busiestU = -1;
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            List<String> p = e.getKey();
            if (Metrics.STATION_UTILISATION.matches(p)) {
                Figure u = e.getValue();
                if (at(u, confident) > scenario.slo().utilisation() && u.mean() > busiestU) {
                    busiest = p.get(1);
                    busiestU = u.mean();
                }
            }
        }
        if (busiest != null) {
            return new Verdict(
                    true,
                    String.format(
                            "utilisation of %s is %.1f%%, above the %.0f%% limit",
                            busiest, busiestU * 100, scenario.slo().utilisation() * 100),
                    busiest,
                    true);
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

    private static double at(Figure f, Boolean confident) {
        return pick(f.lower(), f.mean(), f.upper(), confident);
    }

    private static double pick(double lower, double mean, double upper, Boolean confident) {
        return confident == null ? upper : confident ? lower : mean;
    }

    /** The resource where a request spends the most waiting time; the busiest station if none. */
    static String bottleneck(Scenario scenario, RunResult r) {
        double perRequest = r.mean(Metrics.THROUGHPUT.path());
        String best = null;
        double bestWait = 0;
        String busiest = null;
        double busiestU = -1;
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            List<String> p = e.getKey();
            String name = p.get(p.size() - 2);
            if (Metrics.STATION_UTILISATION.matches(p)) {
                double u = e.getValue().mean();
                if (u > busiestU) {
                    busiest = name;
                    busiestU = u;
                }
                double w = r.mean(Metrics.STATION_WAIT.path(name)) * r.mean(Metrics.STATION_THROUGHPUT.path(name));
                if (perRequest > 0 && w / perRequest > bestWait) {
                    best = name;
                    bestWait = w / perRequest;
                }
            } else if (Metrics.LOCK_WAIT.matches(p)) {
                double waits = r.mean(Metrics.LOCK_WAIT_PROBABILITY.path(name));
                double w = lockWaitPerRequest(scenario, r, name);
                if (waits > 0 && w > bestWait) {
                    best = "master.locks:" + name;
                    bestWait = w;
                }
            } else if (Metrics.POOL_WAIT.matches(p)) {
                double w = e.getValue().mean() * r.mean(Metrics.POOL_BORROWS.path(name));
                if (perRequest > 0 && w / perRequest > bestWait) {
                    best = "pool:" + name;
                    bestWait = w / perRequest;
                }
            }
        }
        return best != null ? best : busiest == null ? "" : busiest;
    }

    private static double lockWaitPerRequest(Scenario scenario, RunResult r, String table) {
        double all = r.mean(Metrics.THROUGHPUT.path());
        if (!(all > 0)) {
            return 0;
        }
        double sum = 0;
        for (var t : scenario.requests()) {
            if (t.write() == null
                    || t.write().steps().stream().noneMatch(s -> s.table().equals(table))) {
                continue;
            }
            sum += r.mean(Metrics.TYPE_LOCK_WAIT.path(t.name())) * r.mean(Metrics.TYPE_THROUGHPUT.path(t.name()));
        }
        return sum / all;
    }
}
