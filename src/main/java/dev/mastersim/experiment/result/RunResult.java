package dev.mastersim.experiment.result;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The result of one load point: every figure by its path (section, entity, metric), estimated over
 * independent replications, and the verdict.
 *
 * @param scenario the scenario's name
 * @param rate the open arrival rate simulated, requests per second (0 for a closed population)
 * @param stoppedEarly why the run ended before its full length, or null when it ran it all
 */
public record RunResult(
        String scenario,
        long seed,
        int replications,
        double rate,
        Verdict verdict,
        Map<List<String>, Figure> figures,
        StoppedEarly stoppedEarly) {

    public RunResult {
        figures = Collections.unmodifiableMap(new LinkedHashMap<>(figures));
    }

    /**
     * Whether this run's load was a closed population's users rather than an open rate: such a run
     * offers no rate, and its {@code rate} is 0 (open traffic needs a rate above 0).
     */
    public boolean closedPopulation() {
        return rate == 0;
    }

    /** A run that ran its full length. */
    public RunResult(
            String scenario,
            long seed,
            int replications,
            double rate,
            Verdict verdict,
            Map<List<String>, Figure> figures) {
        this(scenario, seed, replications, rate, verdict, figures, null);
    }

    /** The figure at this path, or null. */
    public Figure figure(String... path) {
        return figures.get(List.of(path));
    }

    /** The figure at this path (see {@link FigureNames}), or null. */
    public Figure figure(List<String> path) {
        return figures.get(path);
    }

    /** The mean at this path, or NaN. */
    public double mean(String... path) {
        return mean(List.of(path));
    }

    /** The mean at this path (see {@link FigureNames}), or NaN. */
    public double mean(List<String> path) {
        Figure f = figure(path);
        return f == null ? Double.NaN : f.mean();
    }
}
