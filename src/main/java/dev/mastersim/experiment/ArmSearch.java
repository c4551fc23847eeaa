package dev.mastersim.experiment;

import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import dev.mastersim.model.topology.Metrics;
import dev.mastersim.scenario.Scenario;
import java.util.Map;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * One arm of a comparison answered by one search: the month it saturates in and its capacity, from
 * the same runs.
 *
 * <p>With load growing month by month, a month is a rate (its peak hour's), so the forecast's search
 * (upwards from month 0, then bisection: {@link Forecast#firstSaturated}) already brackets the
 * capacity between the last month that holds and the first that saturates. An arm that saturates
 * within the horizon takes that month, exactly as {@code forecast} finds it, and the last month that
 * held as its capacity: no run is added (unless the two months' rates are more than {@value #COARSEST}
 * apart: then the rates between them are searched). An arm that holds to the horizon searches on upwards
 * in rate from the horizon's last month until it brackets its capacity to within one month's growth
 * (never more finely than {@value #PRECISION}, never more coarsely than {@value #COARSEST}), and its month is derived from that capacity and the
 * growth curve ({@link GrowthInversion}): the first month whose peak-hour rate exceeds it, or none
 * when the curve never gets there (0% growth).
 *
 * <p>Above the horizon each next rate is guessed from how close the runs already made are to their
 * limits ({@link #pressure}: the highest load index, the SLO percentile over its target, the error
 * rate over its limit; 1.0 at the limit), by a straight line in log rate and log pressure ({@link
 * #estimate}): upwards, just past the estimated limit (at most twice the rate); inside a bracket, half
 * a bracket below it, so that "holds" there leaves one run to close the bracket; each limit (every
 * resource's index, the percentile, the error rate) by its own line, since the resource nearest its
 * limit at low load is often not the one that gives out. Each guess lies well inside the bracket, so
 * the search ends however the guesses fall; without an estimate the bracket is halved. A rate between
 * months takes the verdict of the scenario's replications (by their means when undecided, without the
 * added replications a month gets): the bracket it narrows is a month's growth wide, wider than the
 * band where the verdict is in doubt, and runs in that band at high rates are the dearest there are.
 */
final class ArmSearch {
    private ArmSearch() {}

    /** The finest bracket a capacity is searched to, as a fraction of the rate (that of {@link Capacity}). */
    static final double PRECISION = 0.02;

    /** The coarsest bracket a capacity is left at, however fast the curve grows in a month. */
    static final double COARSEST = 0.10;

    private static final int MAX_STEPS = 40;

    /** The answer for one arm. {@code month} is empty when the arm never saturates on its growth curve. */
    record Answer(
            ForecastResult forecast, CapacityResult capacity, OptionalInt month, boolean derived, boolean atLeast) {}

    static Answer run(Scenario s, RunSettings settings) {
        int horizon = Math.max(1, s.forecast().months());
        Probes probes = new Probes(s, settings);
        int first = Forecast.firstSaturated(probes, horizon);
        double today = probes.curve().rate(0);
        if (first >= 0) {
            MonthPoint sat = probes.month(first);
            ForecastResult f = new ForecastResult(s.name(), sat, probes.months(), horizon);
            // the highest rate of a month that held below the saturated month's
            MonthPoint held = null;
            for (MonthPoint p : probes.months()) {
                if (!p.saturated() && p.rate() < sat.rate() && (held == null || p.rate() > held.rate())) {
                    held = p;
                }
            }
            boolean lattice = held != null && held.index() == first - 1;
            CapacityResult c = lattice && sat.rate() - held.rate() <= COARSEST * sat.rate()
                    ? new CapacityResult(
                            s.name(), held.rate(), sat.result().verdict(), today, probes.all(), probes.levels())
                    : bracket(
                            probes,
                            held == null ? 0 : held.rate(),
                            sat.rate(),
                            sat.result().verdict(),
                            lattice ? COARSEST : PRECISION,
                            today);
            return new Answer(f, c, OptionalInt.of(first), false, false);
        }
        ForecastResult f = new ForecastResult(s.name(), null, probes.months(), horizon);
        // search upwards from the highest rate that held: the horizon's last month under monotone growth,
        // the peak season under a seasonal curve (whose last month may lie in a quiet season)
        MonthPoint top = probes.month(horizon - 1);
        for (MonthPoint p : probes.months()) {
            if (p.rate() > top.rate()) {
                top = p;
            }
        }
        CapacityResult c = upwards(probes, top.rate(), today);
        // a search that found nothing saturated has only a lower bound on the capacity, and so on the month
        boolean atLeast = !c.limit().saturated();
        return new Answer(f, c, probes.curve().firstMonthAbove(c.capacity()), true, atLeast);
    }

    /** The growth of the curve's rate over the month around {@code rate} (0 when it does not grow there). */
    static double monthlyGrowth(GrowthInversion curve, double rate) {
        OptionalInt m = curve.firstMonthAbove(rate);
        if (m.isEmpty() || m.getAsInt() == 0) {
            return 0;
        }
        double below = curve.rate(m.getAsInt() - 1);
        return below > 0 ? curve.rate(m.getAsInt()) / below - 1 : 0;
    }

    /**
     * From {@code held} (a rate that holds) upwards until a rate saturates, then the bracket narrowed
     * to one month's growth of the scenario's curve there ({@value #PRECISION} to {@value #COARSEST}).
     * Each step aims just past where the runs so far put the limit ({@link #estimate}), and at most
     * doubles the rate. A search that finds no saturated rate within {@value Capacity#MAX_DOUBLINGS}
     * steps returns the highest rate that held, with a verdict that is not saturated.
     */
    private static CapacityResult upwards(Probes probes, double held, double today) {
        Scenario s = probes.scenario();
        double good = held;
        for (int i = 0; i < Capacity.MAX_DOUBLINGS; i++) {
            double width = width(precisionAt(probes.curve(), good));
            double limit = estimate(s, probes, good, Double.POSITIVE_INFINITY);
            double next = Double.isFinite(limit)
                    ? Math.min(2 * good, Math.max(good * Math.exp(width), limit * Math.exp(width / 2)))
                    : 2 * good;
            RunResult r = probes.rate(next, false);
            next = probes.level(r); // a population is run in whole users
            if (r.verdict().saturated()) {
                return bracket(probes, good, next, r.verdict(), precisionAt(probes.curve(), good), today);
            }
            good = next;
        }
        return new CapacityResult(
                s.name(), good, new Verdict(false, "", "", true), today, probes.all(), probes.levels());
    }

    /** The bracket a capacity near {@code rate} is searched to: one month's growth there, within [PRECISION, COARSEST]. */
    private static double precisionAt(GrowthInversion curve, double rate) {
        return Math.min(COARSEST, Math.max(PRECISION, monthlyGrowth(curve, rate)));
    }

    /** A bracket of relative width {@code precision} in log space: ln(1 / (1 - precision)). */
    private static double width(double precision) {
        return -Math.log1p(-precision);
    }

    /**
     * Narrows the bracket between {@code good} (holds; 0 for none yet) and {@code bad} (saturates, with
     * verdict {@code limit}) until they are within {@code precision} of each other (see the class
     * comment). The capacity is the highest rate that held.
     */
    static CapacityResult bracket(
            Probes probes, double good, double bad, Verdict limit, double precision, double today) {
        Scenario s = probes.scenario();
        double width = width(precision);
        for (int i = 0; i < MAX_STEPS && !(good > 0 && Math.log(bad / good) <= width * (1 + 1e-9)); i++) {
            double next = guess(s, probes, good, bad, width);
            RunResult r = probes.rate(next, false);
            next = probes.level(r); // a population is run in whole users
            if (r.verdict().saturated()) {
                bad = next;
                limit = r.verdict();
            } else {
                good = next;
            }
        }
        return new CapacityResult(s.name(), good, limit, today, probes.all(), probes.levels());
    }

    /**
     * The next rate to run inside (good, bad), whose log-width is more than {@code width}: half a
     * bracket below the estimated limit, so that a verdict "holds" there leaves the limit half a
     * bracket above it and one more run can close the bracket; a run that would close it at once
     * when the estimate lies within reach of an end; the geometric middle without an estimate.
     */
    static double guess(Scenario s, Probes runs, double good, double bad, double width) {
        if (good <= 0) {
            return bad / 2;
        }
        double lo = Math.log(good);
        double hi = Math.log(bad);
        double limit = estimate(s, runs, good, bad);
        double at = Double.isFinite(limit) ? Math.log(limit) : (lo + hi) / 2;
        double shade = width * (1 - 1e-6); // closes the bracket, with room for rounding
        if (at + 1.5 * width >= hi) {
            return Math.exp(hi - shade); // the limit is near bad: "holds" here closes the bracket
        }
        if (at - 1.5 * width <= lo) {
            return Math.exp(lo + shade); // near good: "saturates" here closes it, "holds" moves a bracket up
        }
        double x = at - width / 2;
        double margin = 0.1 * (hi - lo);
        return Math.exp(Math.min(hi - margin, Math.max(lo + margin, x)));
    }

    /**
     * The rate at which the runs so far put the limit (pressure 1, {@link #pressure}), or NaN: where
     * the straight line in log rate and log pressure crosses 1, through the runs at {@code good} and
     * {@code bad} when both say how close they are to it, else through the two highest rates that held.
     */
    static double estimate(Scenario s, Probes runs, double good, double bad) {
        RunResult atGood = null;
        RunResult atBad = null;
        RunResult below = null; // the highest rate that held under good
        double belowLevel = 0;
        for (RunResult r : runs.all()) {
            double level = runs.level(r);
            if (level == good) {
                atGood = r;
            } else if (level == bad) {
                atBad = r;
            } else if (level < good && !r.verdict().saturated() && (below == null || level > belowLevel)) {
                below = r;
                belowLevel = level;
            }
        }
        if (atGood == null) {
            return Double.NaN;
        }
        Map<String, Double> pg = pressures(s, atGood);
        Map<String, Double> pb = atBad == null ? Map.of() : pressures(s, atBad);
        Map<String, Double> pl = below == null ? Map.of() : pressures(s, below);
        double limit = Double.NaN;
        // each limit by its own line (the resource nearest its limit at low load is often not the one that gives out)
        for (Map.Entry<String, Double> e : pg.entrySet()) {
            double g = e.getValue();
            Double b = pb.get(e.getKey());
            Double l = pl.get(e.getKey());
            double at = Double.NaN;
            if (b != null && g > 0 && g < 1 && b > 1) {
                at = crossing(good, g, bad, b);
            } else if (l != null && l > 0 && g < 1 && l < g) {
                at = crossing(belowLevel, l, good, g);
            }
            if (at > good && !(at >= limit)) {
                limit = at;
            }
        }
        return limit;
    }

    /**
     * How close a run is to each of its limits, 1.0 at it: each resource's load index, the SLO percentile
     * over its target, the error rate over its limit (means); empty for an overloaded or unstable run,
     * whose figures say nothing about where the limits lie.
     */
    static Map<String, Double> pressures(Scenario s, RunResult r) {
        if (r.mean(Metrics.OVERLOADED.path()) > 0
                || (r.verdict().saturated() && r.verdict().reason().startsWith("unstable"))) {
            return Map.of();
        }
        Map<String, Double> out = new TreeMap<>(r.verdict().indices());
        Figure pct = r.figure(Metrics.response(s.slo().percentile().key()).path());
        if (pct != null && s.slo().target() > 0) {
            out.put("slo:percentile", pct.mean() / (s.slo().target() * 1e3));
        }
        Figure err = r.figure(Metrics.ERROR_RATE.path());
        if (err != null && s.slo().errorRate() > 0) {
            out.put("slo:errors", err.mean() / s.slo().errorRate());
        }
        return out;
    }

    /** Where the line through (ln r1, ln p1) and (ln r2, ln p2) reaches pressure 1. */
    private static double crossing(double r1, double p1, double r2, double p2) {
        double slope = (Math.log(p2) - Math.log(p1)) / (Math.log(r2) - Math.log(r1));
        return slope > 0 ? Math.exp(Math.log(r2) - Math.log(p2) / slope) : Double.NaN;
    }

    /** How close a run is to the nearest of its limits ({@link #pressures}' highest), or NaN when it cannot say. */
    static double pressure(Scenario s, RunResult r) {
        double p = Double.NaN;
        for (double x : pressures(s, r).values()) {
            if (!(x <= p)) {
                p = x;
            }
        }
        return p;
    }
}
