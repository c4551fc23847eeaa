package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;

final class ReplicationsTest {
    private static final long SEED = 99;

    /** One replication: the time-average number in an M/M/1 system (ρ = 0.8) over 2,000 time units. */
    private static double meanInSystem(int replication) {
        Simulation sim = new Simulation();
        MM1 model = new MM1(sim, new RandomStreams(SEED, replication), 0.8, 1.0);
        sim.runUntil(2_000);
        return model.meanInSystem();
    }

    @Test
    void resultsDoNotDependOnTheNumberOfThreads() {
        List<Double> one = Replications.run(12, 1, ReplicationsTest::meanInSystem);
        List<Double> two = Replications.run(12, 2, ReplicationsTest::meanInSystem);
        assertThat(two).isEqualTo(one);
    }

    @Test
    void resultsComeBackInIndexOrder() {
        // later indices finish first: index i does (n - i) units of work
        int n = 16;
        IntFunction<Integer> body = i -> {
            Simulation sim = new Simulation();
            new MM1(sim, new RandomStreams(SEED, i), 0.5, 1.0);
            sim.runUntil(500.0 * (n - i));
            return i;
        };
        List<Integer> out = Replications.run(n, 2, body);
        assertThat(out).containsExactly(0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15);
    }

    @Test
    void replicationsDiffer() {
        List<Double> out = Replications.run(4, 2, ReplicationsTest::meanInSystem);
        assertThat(out).doesNotHaveDuplicates();
    }

    @Test
    void aRuntimeExceptionFromAWorkerPropagatesUnchanged() {
        IllegalStateException boom = new IllegalStateException("replication 3 failed");
        IntFunction<Integer> body = i -> {
            if (i == 3) {
                throw boom;
            }
            return i;
        };
        assertThatThrownBy(() -> Replications.run(8, 2, body)).isSameAs(boom);
    }

    @Test
    void aRuntimeExceptionPropagatesOnOneThreadToo() {
        IllegalArgumentException boom = new IllegalArgumentException("bad");
        assertThatThrownBy(() -> Replications.run(3, 1, i -> {
                    throw boom;
                }))
                .isSameAs(boom);
    }

    @Test
    void anErrorFromAWorkerPropagatesUnchanged() {
        AssertionError boom = new AssertionError("invariant broken");
        IntFunction<Integer> body = i -> {
            if (i == 1) {
                throw boom;
            }
            return i;
        };
        assertThatThrownBy(() -> Replications.run(4, 2, body)).isSameAs(boom);
    }

    @Test
    void zeroUnitsGiveAnEmptyList() {
        assertThat(Replications.run(0, 2, i -> i)).isEmpty();
    }
}
