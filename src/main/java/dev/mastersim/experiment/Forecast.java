package dev.mastersim.experiment;

import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.Growth;
import dev.mastersim.scenario.Scenario;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.TreeMap;

/**
 * Walks the growth curve at each month's peak hour and finds the first saturated month.
 *
 * <p>When the growth multiplier never falls over the horizon, load grows monotonically, so the
 * first saturated month is found by bisection on the month; the months just before and after it
 * are evaluated too, so the report shows the approach. Otherwise every month is walked in order
 * until one saturates. Every month uses the same seed and stream indices (common random numbers),
 * so differences between months come from the load, not the noise. Undecided verdicts get more
 * replications, up to four times the scenario's.
 */
public final class Forecast {
    private Forecast() {}

    public static ForecastResult run(Scenario s, RunSettings settings) {
        int horizon = Math.max(1, s.forecast().months());
        TreeMap<Integer, MonthPoint> seen = new TreeMap<>();
        int first;
        if (monotone(s.traffic().growth(), horizon)) {
            first = bisect(s, settings, horizon, seen);
            for (int m : new int[] {0, first - 2, first - 1, first + 1}) {
                if (m >= 0 && m < horizon) {
                    evaluate(s, settings, m, seen);
                }
            }
        } else {
            first = -1;
            for (int m = 0; m < horizon && first < 0; m++) {
                if (evaluate(s, settings, m, seen).saturated()) {
                    first = m;
                }
            }
        }
        MonthPoint saturation = first >= 0 && first < horizon ? seen.get(first) : null;
        return new ForecastResult(s.name(), saturation, new ArrayList<>(seen.values()), horizon);
    }

    /** The first saturated month index by bisection, or -1 when the last month is not saturated. */
    private static int bisect(Scenario s, RunSettings settings, int horizon, TreeMap<Integer, MonthPoint> seen) {
        if (!evaluate(s, settings, horizon - 1, seen).saturated()) {
            return -1;
        }
        if (evaluate(s, settings, 0, seen).saturated()) {
            return 0;
        }
        int lo = 0; // not saturated
        int hi = horizon - 1; // saturated
        while (hi - lo > 1) {
            int mid = (lo + hi) >>> 1;
            if (evaluate(s, settings, mid, seen).saturated()) {
                hi = mid;
            } else {
                lo = mid;
            }
        }
        return hi;
    }

    static MonthPoint evaluate(Scenario s, RunSettings settings, int month, TreeMap<Integer, MonthPoint> seen) {
        MonthPoint p = seen.get(month);
        if (p != null) {
            return p;
        }
        Load load = Experiment.peakLoad(s, month, settings);
        YearMonth calendar = s.traffic().growth().month(month);
        RunResult r = Experiment.runUntilDecided(
                s, load, settings.within("forecast " + calendar), 4 * settings.replications());
        p = new MonthPoint(calendar, month, Experiment.level(s, load), r);
        seen.put(month, p);
        return p;
    }

    static boolean monotone(Growth g, int horizon) {
        for (int m = 1; m < horizon; m++) {
            if (g.multiplier(m) < g.multiplier(m - 1)) {
                return false;
            }
        }
        return true;
    }
}
