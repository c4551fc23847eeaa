package dev.mastersim.experiment;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.Metric;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.DeploymentModel;
import dev.mastersim.scenario.Scenario;
import java.io.Serial;
import java.io.Serializable;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Where the replications of a load point run: this process's thread pool ({@link #LOCAL}, the
 * default), or a distributed engine installed in its place. A unit of work is one replication of one
 * load point of one scenario; its random streams come from its index, so it gives the same summary
 * wherever it runs, and the caller merges the summaries in index order exactly as it merges local
 * ones. A search that decides its next step from the last (forecast, capacity, an arm of a
 * comparison) hands the runner one step's replications at a time and decides in this process.
 *
 * <p>What travels is plain data: a {@link Work} (the load, seed, replication index and backlog bound)
 * beside its scenario, which the runner ships as it likes, and a {@link Summary} back (every figure
 * with its declared {@link Metric}, its weight, and whether the backlog ended the run). Both are
 * {@link Serializable}, and a summary read back holds the same bits as the one written.
 */
public final class Units {
    private Units() {}

    /** Runs a batch of units of one scenario and returns their summaries in index order. */
    public interface Runner {
        /**
         * Runs every unit of {@code units} on {@code scenario}; at most {@code workers} at once when it
         * runs them in this process; tells {@code progress} of each finished unit.
         */
        List<Summary> run(Scenario scenario, List<Work> units, int workers, Progress progress);
    }

    /** This process's thread pool: the default, and what every other runner must agree with. */
    public static final Runner LOCAL =
            (scenario, units, workers, progress) -> Replications.run(units.size(), workers, i -> {
                Summary s = units.get(i).run(scenario);
                progress.finished();
                return s;
            });

    private static volatile Runner runner = LOCAL;

    /** The runner experiments use now. */
    public static Runner runner() {
        return runner;
    }

    /** Makes {@code r} the runner experiments use, and returns the one it replaces. */
    public static Runner install(Runner r) {
        Runner old = runner;
        runner = Objects.requireNonNull(r, "runner");
        return old;
    }

    /**
     * One replication of one load point, without its scenario: the load ({@link Load}'s components),
     * the seed, the replication index (the jump its random streams come from) and the bound on requests
     * in flight past which it stops early.
     */
    public record Work(
            double rate,
            int users,
            boolean spikes,
            double warmup,
            double duration,
            int maxInFlight,
            long seed,
            int index,
            int bound)
            implements Serializable {

        /** Replication {@code index} of {@code load} with {@code seed}, stopping above {@code bound}. */
        static Work of(Load load, long seed, int index, int bound) {
            return new Work(
                    load.rate(),
                    load.users(),
                    load.spikes(),
                    load.warmup(),
                    load.duration(),
                    load.maxInFlight(),
                    seed,
                    index,
                    bound);
        }

        /** The load this unit simulates. */
        Load load() {
            return new Load(rate, users, spikes, warmup, duration, maxInFlight);
        }

        /** Simulates this replication of {@code scenario}. */
        public Summary run(Scenario scenario) {
            RandomStreams streams = new RandomStreams(seed, index);
            DeploymentModel model = new DeploymentModel(scenario, load(), streams).stopEarlyAbove(bound);
            Measurements m = scenario.faults().isEmpty() ? model.run() : FaultedRun.measure(scenario, model);
            return new Summary(m, model.stoppedEarly());
        }
    }

    /**
     * One replication's measurements, and whether its backlog ended it early. It is serialized as its
     * figures in order (path, value, weight, declaration), from which it is rebuilt figure by figure.
     */
    public record Summary(Measurements measurements, boolean stoppedEarly) implements Serializable {
        @Serial
        private Object writeReplace() {
            Measurements w = measurements.weights();
            List<Figure> figures = new ArrayList<>();
            for (Map.Entry<List<String>, Double> e : measurements.asMap().entrySet()) {
                Metric m = measurements.metric(e.getKey());
                figures.add(new Figure(
                        e.getKey().toArray(new String[0]),
                        e.getValue(),
                        w.get(e.getKey().toArray(new String[0])),
                        m.pattern(),
                        m.unit(),
                        m.kind(),
                        m.quantile()));
            }
            return new Flat(figures.toArray(new Figure[0]), stoppedEarly);
        }
    }

    /** One figure of a summary as it travels; NaN weight when it has none. */
    private record Figure(
            String[] path, double value, double weight, String pattern, String unit, Metric.Kind kind, double quantile)
            implements Serializable {}

    /** A summary's serial form. */
    private record Flat(Figure[] figures, boolean stoppedEarly) implements Serializable {
        @Serial
        private Object readResolve() {
            Measurements m = new Measurements();
            for (Figure f : figures) {
                Metric metric = new Metric(f.pattern(), f.unit(), f.kind(), f.quantile());
                if (f.kind() == Metric.Kind.PER_OBSERVATION) {
                    m.put(
                            metric,
                            f.value(),
                            f.weight(),
                            metric.names(List.of(f.path())).toArray(new String[0]));
                } else {
                    m.putAt(metric, f.value(), List.of(f.path()));
                }
            }
            return new Summary(m, stoppedEarly);
        }
    }
}
