package dev.mastersim.experiment;

import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/**
 * The load points one search has run on a scenario, each run once: a month is its peak-hour rate, so a
 * month and a rate that coincide share one run. Every point uses the same seed and stream indices
 * (common random numbers), so points differ by their load, not their noise. A month's undecided
 * verdict gets more replications, up to four times the scenario's, as in every forecast.
 */
final class Probes {
    private final Scenario scenario;
    private final RunSettings settings;
    private final GrowthInversion curve;
    private final Map<Double, RunResult> byRate = new HashMap<>(); // by level: rate, or users
    private final Map<RunResult, Double> levelOf = new IdentityHashMap<>();
    private final List<RunResult> inOrder = new ArrayList<>();
    private final TreeMap<Integer, MonthPoint> months = new TreeMap<>();

    Probes(Scenario scenario, RunSettings settings) {
        this.scenario = scenario;
        this.settings = settings;
        this.curve = GrowthInversion.of(scenario);
    }

    Scenario scenario() {
        return scenario;
    }

    GrowthInversion curve() {
        return curve;
    }

    /** Month {@code month}'s peak hour, run once. */
    MonthPoint month(int month) {
        MonthPoint p = months.get(month);
        if (p == null) {
            Load load = Experiment.peakLoad(scenario, month, settings);
            double level = Experiment.level(scenario, load);
            RunResult r = run(load, level, "forecast " + curve.calendar(month), true);
            p = new MonthPoint(curve.calendar(month), month, level, r);
            months.put(month, p);
        }
        return p;
    }

    /**
     * An open arrival rate (requests/s at the peak hour), run once. {@code extend}: an undecided verdict
     * gets more replications (as a month's does); otherwise it follows the means of the scenario's
     * replications.
     */
    RunResult rate(double rate, boolean extend) {
        Load load = Experiment.atLevel(scenario, rate, settings);
        double level = Experiment.level(scenario, load); // a population is a whole number of users
        String unit = Experiment.closed(scenario) ? "capacity %.0f users" : "capacity %.0f/s";
        return run(load, level, String.format(Locale.ROOT, unit, level), extend);
    }

    /**
     * The level (open rate, or closed population: {@link Experiment#level}) run {@code r} offered;
     * {@code r} is one of {@link #all}.
     */
    double level(RunResult r) {
        return levelOf.get(r);
    }

    private RunResult run(Load load, double level, String stage, boolean extend) {
        RunResult r = byRate.get(level);
        if (r == null) {
            int cap = extend ? 4 * settings.replications() : settings.replications();
            r = Experiment.runUntilDecided(scenario, load, settings.within(stage), cap);
            byRate.put(level, r);
            levelOf.put(r, level);
            inOrder.add(r);
        }
        return r;
    }

    /** The months run so far, in calendar order. */
    List<MonthPoint> months() {
        return new ArrayList<>(months.values());
    }

    /** Every distinct load run so far, in the order first run. */
    List<RunResult> all() {
        return List.copyOf(inOrder);
    }

    /** The level ({@link #level}) of each of {@link #all}, in the same order. */
    List<Double> levels() {
        return inOrder.stream().map(levelOf::get).toList();
    }
}
