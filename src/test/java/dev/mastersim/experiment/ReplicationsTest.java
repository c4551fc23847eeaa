package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.mastersim.engine.RandomStreams;
import java.util.List;
import java.util.function.IntFunction;
import org.apache.commons.rng.UniformRandomProvider;
import org.junit.jupiter.api.Test;

/** Replications run on worker threads, come back in index order, and do not depend on the thread count. */
final class ReplicationsTest {
    private static final long SEED = 99;

    /** One replication: the mean of 20,000 draws from the replication's own stream. */
    private static double meanInSystem(int replication) {
        UniformRandomProvider rng = new RandomStreams(SEED, replication).stream(0);
        double sum = 0;
        for (int i = 0; i < 20_000; i++) {
            sum += rng.nextDouble();
        }
        return sum / 20_000;
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
            UniformRandomProvider rng = new RandomStreams(SEED, i).stream(0);
            long sink = 0;
            for (int k = 0; k < 200_000 * (n - i); k++) {
                sink += rng.nextInt(2);
            }
            return sink >= 0 ? i : -1;
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
