package dev.mastersim.spark;

import dev.mastersim.experiment.Progress;
import dev.mastersim.experiment.Units;
import dev.mastersim.scenario.Scenario;
import java.io.Serializable;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;

/**
 * Runs a batch of units on a Spark cluster: one task per unit ({@code parallelize(units).map(run)}),
 * the summaries collected back in index order, which is the order the experiment merges them in.
 *
 * <p>Each distinct scenario is encoded once on the driver ({@link ScenarioCodec}) and broadcast; a
 * worker decodes it once per JVM, keyed by the SHA-256 of its bytes, so a unit of work that travels
 * is the scenario's key, the {@link Units.Work} (load, seed, replication index, backlog bound) and
 * the code, and a summary is every figure with its declaration. A search (forecast, capacity, an arm
 * of a comparison) calls this once per step it takes: each call is one Spark job, a round trip.
 */
final class SparkRunner implements Units.Runner {
    private final JavaSparkContext spark;
    private final Map<Scenario, Broadcast<Shipped>> shipped = new IdentityHashMap<>();

    SparkRunner(JavaSparkContext spark) {
        this.spark = spark;
    }

    @Override
    public synchronized List<Units.Summary> run(
            Scenario scenario, List<Units.Work> units, int workers, Progress progress) {
        if (units.isEmpty()) {
            return List.of();
        }
        Broadcast<Shipped> b = shipped.computeIfAbsent(scenario, s -> spark.broadcast(Shipped.of(s)));
        List<Units.Summary> out = spark.parallelize(units, units.size())
                .map(work -> work.run(b.value().scenario()))
                .collect();
        for (int i = 0; i < out.size(); i++) {
            progress.finished();
        }
        return out;
    }

    /** A scenario as it travels: its bytes and their hash, the key it is decoded under on a worker. */
    record Shipped(byte[] bytes, String hash) implements Serializable {
        private static final Map<String, Scenario> DECODED = new ConcurrentHashMap<>();

        static Shipped of(Scenario s) {
            byte[] bytes = ScenarioCodec.encode(s);
            return new Shipped(bytes, ScenarioCodec.hash(bytes));
        }

        /** The scenario, decoded once per JVM. */
        Scenario scenario() {
            return DECODED.computeIfAbsent(hash, h -> ScenarioCodec.decode(bytes));
        }
    }
}
