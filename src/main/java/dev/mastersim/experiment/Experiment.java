package dev.mastersim.experiment;

import dev.mastersim.engine.Estimate;
import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.verdict.VerdictRule;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one load point of a scenario as independent replications and turns their measurements into
 * figures with confidence intervals and a verdict. Replication <i>k</i> draws from the <i>k</i>-th
 * jump of the seed, so the result is the same whatever the number of threads.
 */
public final class Experiment {
    private Experiment() {}

    /** The load a command simulates for month {@code month}: that month's peak hour. */
    public static Load peakLoad(Scenario s, int month, RunSettings settings) {
        double rate = s.traffic().rate()
                * s.traffic().growth().multiplier(month)
                * s.traffic().peakDailyMultiplier();
        return new Load(rate, true, s.run().warmup(), s.run().duration(), settings.maxInFlight());
    }

    /** Runs month {@code month}'s peak hour of {@code scenario} with {@code settings}. */
    public static RunResult runMonth(Scenario scenario, int month, RunSettings settings) {
        return run(scenario, peakLoad(scenario, month, settings), settings);
    }

    /** Runs {@code load} on {@code scenario} with {@code settings}. */
    public static RunResult run(Scenario scenario, Load load, RunSettings settings) {
        return result(scenario, load, settings, replicate(scenario, load, settings, 0, settings.replications()));
    }

    /**
     * Runs {@code load} and, while the verdict is undecided (an interval straddles a limit), doubles
     * the replications up to {@code cap}. Replication k always draws from the k-th stream, so the
     * added ones extend the first ones and the answer is still a function of scenario and seed.
     */
    public static RunResult runUntilDecided(Scenario scenario, Load load, RunSettings settings, int cap) {
        List<Measurements> reps = new ArrayList<>(replicate(scenario, load, settings, 0, settings.replications()));
        RunResult r = result(scenario, load, settings, reps);
        while (!r.verdict().decided() && reps.size() < cap) {
            int more = Math.min(reps.size(), cap - reps.size());
            reps.addAll(replicate(scenario, load, settings, reps.size(), more));
            r = result(scenario, load, settings, reps);
        }
        return r;
    }

    private static List<Measurements> replicate(Scenario scenario, Load load, RunSettings settings, int from, int n) {
        // as many at once as the heap holds (their figures, from + n of them, are kept until combined)
        int workers = Footprint.of(scenario, load).workers(from + n, settings.threads(), 1);
        Progress progress = settings.progress();
        progress.start(n);
        return Replications.run(n, workers, i -> {
            RandomStreams streams = new RandomStreams(settings.seed(), from + i);
            DeploymentModel model = new DeploymentModel(scenario, load, streams);
            Measurements m = scenario.faults().isEmpty() ? model.run() : FaultedRun.measure(scenario, model);
            progress.finished();
            return m;
        });
    }

    private static RunResult result(Scenario scenario, Load load, RunSettings settings, List<Measurements> reps) {
        Map<List<String>, Figure> figures = aggregate(reps);
        RunResult partial = new RunResult(scenario.name(), settings.seed(), reps.size(), load.rate(), null, figures);
        return new RunResult(
                scenario.name(),
                settings.seed(),
                reps.size(),
                load.rate(),
                VerdictRule.decide(scenario, partial),
                figures);
    }

    /**
     * One figure per path: the Student-t estimate over the replications' values, whatever the
     * figure's kind (see {@link dev.mastersim.engine.Metric}).
     */
    static Map<List<String>, Figure> aggregate(List<Measurements> reps) {
        Map<List<String>, Figure> out = new LinkedHashMap<>();
        for (List<String> path : reps.get(0).asMap().keySet()) {
            double[] values = new double[reps.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = reps.get(k).get(path.toArray(new String[0]));
            }
            out.put(path, figure(Estimate.of(values)));
        }
        return out;
    }

    /** An estimate as users see it: mean and the half-width of its 95% interval. */
    private static Figure figure(Estimate e) {
        return new Figure(e.mean(), e.ci95());
    }
}
