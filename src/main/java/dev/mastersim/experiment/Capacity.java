package dev.mastersim.experiment;

import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The highest open arrival rate that is not saturated; for a closed population, the largest number
 * of users (the search runs on {@link Experiment#level}, whole users). The search doubles the rate from today's
 * peak until a run saturates, then bisects between the last good and first bad rate until they are
 * within 2% of each other. Verdicts are taken with confidence (undecided ones get more
 * replications), and every rate uses the same random streams.
 */
public final class Capacity {
    private Capacity() {}

    private static final double PRECISION = 0.02;
    static final int MAX_DOUBLINGS = 20;

    public static CapacityResult run(Scenario s, RunSettings settings) {
        double today = Experiment.level(s, Experiment.peakLoad(s, 0, settings));
        double step = Experiment.closed(s) ? 1 : 0; // a population is searched in whole users
        List<RunResult> points = new ArrayList<>();
        List<Double> levels = new ArrayList<>();
        double good = 0;
        double bad = Double.NaN;
        Verdict limit = null;
        double rate = today > 0 ? today : 1;
        for (int i = 0; i < MAX_DOUBLINGS && Double.isNaN(bad); i++) {
            RunResult r = at(s, settings, rate, points, levels);
            if (r.verdict().saturated()) {
                bad = rate;
                limit = r.verdict();
            } else {
                good = rate;
                rate *= 2;
            }
        }
        if (Double.isNaN(bad)) {
            return new CapacityResult(s.name(), good, new Verdict(false, "", "", true), today, points, levels);
        }
        while (bad - good > Math.max(PRECISION * bad, step)) {
            double mid = good == 0 ? bad / 2 : Math.sqrt(good * bad);
            mid = step > 0 ? Math.round(mid) : mid;
            RunResult r = at(s, settings, mid, points, levels);
            if (r.verdict().saturated()) {
                bad = mid;
                limit = r.verdict();
            } else {
                good = mid;
            }
        }
        return new CapacityResult(s.name(), good, limit, today, points, levels);
    }

    /** Runs level {@code rate} and adds it to {@code points}, with the level it offered to {@code levels}. */
    private static RunResult at(
            Scenario s, RunSettings settings, double rate, List<RunResult> points, List<Double> levels) {
        Load load = Experiment.atLevel(s, rate, settings);
        String stage =
                String.format(Locale.ROOT, Experiment.closed(s) ? "capacity %.0f users" : "capacity %.0f/s", rate);
        RunResult r = Experiment.runUntilDecided(s, load, settings.within(stage), 4 * settings.replications());
        points.add(r);
        levels.add(Experiment.level(s, load));
        return r;
    }
}
