package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.rng.JumpableUniformRandomProvider;
import org.apache.commons.rng.LongJumpableUniformRandomProvider;
import org.apache.commons.rng.UniformRandomProvider;
import org.apache.commons.rng.simple.RandomSource;
import org.junit.jupiter.api.Test;

final class RandomStreamsTest {
    private static final long SEED = 20261123L;

    private static long[] draw(UniformRandomProvider rng, int n) {
        long[] out = new long[n];
        for (int i = 0; i < n; i++) {
            out[i] = rng.nextLong();
        }
        return out;
    }

    @Test
    void sameSeedReplicationAndIndexGiveTheSameNumbers() {
        long[] a = draw(new RandomStreams(SEED, 3).stream(2), 1000);
        long[] b = draw(new RandomStreams(SEED, 3).stream(2), 1000);
        assertThat(a).isEqualTo(b);
    }

    @Test
    void differentReplicationsGiveDifferentNumbers() {
        long[] a = draw(new RandomStreams(SEED, 0).stream(0), 100);
        long[] b = draw(new RandomStreams(SEED, 1).stream(0), 100);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void differentIndicesGiveDifferentNumbers() {
        RandomStreams streams = new RandomStreams(SEED, 0);
        long[] a = draw(streams.stream(0), 100);
        long[] b = draw(streams.stream(1), 100);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void differentSeedsGiveDifferentNumbers() {
        long[] a = draw(new RandomStreams(SEED, 0).stream(0), 100);
        long[] b = draw(new RandomStreams(SEED + 1, 0).stream(0), 100);
        assertThat(a).isNotEqualTo(b);
    }

    @Test
    void aStreamDoesNotDependOnWhichStreamsWereRequestedOrUsedBefore() {
        RandomStreams direct = new RandomStreams(SEED, 2);
        long[] expected = draw(direct.stream(5), 1000);

        RandomStreams busy = new RandomStreams(SEED, 2);
        draw(busy.stream(0), 777);
        draw(busy.stream(3), 5);
        long[] actual = draw(busy.stream(5), 1000);

        assertThat(actual).isEqualTo(expected);
    }

    @Test
    void askingForAStreamAgainReturnsTheSameGeneratorNotAFreshCopy() {
        RandomStreams streams = new RandomStreams(SEED, 0);
        assertThat(streams.stream(1)).isSameAs(streams.stream(1));
    }

    @Test
    void streamIIsTheReplicationStateAdvancedByIJumps() {
        int replication = 2;
        int index = 3;
        LongJumpableUniformRandomProvider reference =
                (LongJumpableUniformRandomProvider) RandomSource.XO_SHI_RO_256_PP.create(SEED);
        for (int k = 0; k < replication; k++) {
            reference.longJump();
        }
        JumpableUniformRandomProvider cursor = reference;
        for (int i = 0; i < index; i++) {
            cursor.jump();
        }

        long[] actual = draw(new RandomStreams(SEED, replication).stream(index), 100);

        assertThat(actual).isEqualTo(draw(cursor, 100));
    }

    @Test
    void numbersDoNotDependOnTheThread() throws Exception {
        long[] here = draw(new RandomStreams(SEED, 4).stream(1), 1000);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            long[] there = CompletableFuture.supplyAsync(() -> draw(new RandomStreams(SEED, 4).stream(1), 1000), pool)
                    .get();
            assertThat(there).isEqualTo(here);
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void reportsItsSeedAndReplication() {
        RandomStreams streams = new RandomStreams(SEED, 7);
        assertThat(streams.seed()).isEqualTo(SEED);
        assertThat(streams.replication()).isEqualTo(7);
    }

    @Test
    void rejectsNegativeReplicationsAndIndices() {
        assertThatThrownBy(() -> new RandomStreams(SEED, -1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RandomStreams(SEED, 0).stream(-1)).isInstanceOf(IllegalArgumentException.class);
    }
}
