package dev.mastersim.experiment;

import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.scenario.Growth;
import dev.mastersim.scenario.Scenario;

/**
 * Walks the growth curve at each month's peak hour and finds the first saturated month.
 *
 * <p>When the growth multiplier never falls over the horizon, load grows monotonically, so the
 * first saturated month is found by searching upwards from month 0: months 0, 1, 3, 7, 15, ... (each
 * step twice the last, the last month of the horizon at most) until one saturates, then bisection
 * between the last month that held and it. Saturated months cost the most to simulate, so the search
 * meets as few as it can, and the deepest only when nothing earlier saturates. The two months before
 * the first saturated one are run too, and one after it unless the search already ran a later one,
 * so the report shows the approach. Otherwise every
 * month is walked in order until one saturates. Every month uses the same seed and stream indices
 * (common random numbers), so differences between months come from the load, not the noise.
 * Undecided verdicts get more replications, up to four times the scenario's.
 */
public final class Forecast {
    private Forecast() {}

    public static ForecastResult run(Scenario s, RunSettings settings) {
        int horizon = Math.max(1, s.forecast().months());
        Probes probes = new Probes(s, settings);
        int first = firstSaturated(probes, horizon);
        if (first >= 0 && monotone(s.traffic().growth(), horizon)) {
            // the approach: two months before, and one after unless the search already ran a later month
            boolean after = probes.months().get(probes.months().size() - 1).index() > first;
            for (int m : new int[] {first - 2, first - 1, after ? -1 : first + 1}) {
                if (m >= 0 && m < horizon) {
                    probes.month(m);
                }
            }
        }
        MonthPoint saturation = first >= 0 ? probes.month(first) : null;
        return new ForecastResult(s.name(), saturation, probes.months(), horizon);
    }

    /**
     * The first saturated month below {@code horizon}, or -1 when none is: by the upward search and
     * bisection of the class comment when growth is monotone over the horizon, else month by month.
     */
    static int firstSaturated(Probes probes, int horizon) {
        if (!monotone(probes.scenario().traffic().growth(), horizon)) {
            for (int m = 0; m < horizon; m++) {
                if (probes.month(m).saturated()) {
                    return m;
                }
            }
            return -1;
        }
        int good = -1; // the highest month known not saturated
        int probe = 0;
        int step = 1;
        while (!probes.month(probe).saturated()) {
            good = probe;
            if (probe == horizon - 1) {
                return -1;
            }
            probe = (int) Math.min(horizon - 1L, (long) probe + step);
            step *= 2;
        }
        int bad = probe;
        while (bad - good > 1) {
            int mid = (good + bad) >>> 1;
            if (probes.month(mid).saturated()) {
                bad = mid;
            } else {
                good = mid;
            }
        }
        return bad;
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
