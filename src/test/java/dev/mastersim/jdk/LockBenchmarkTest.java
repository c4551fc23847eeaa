package dev.mastersim.jdk;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Every lock of {@link LockBenchmark} (all but the {@code none} baseline) really guards the pair. */
final class LockBenchmarkTest {
    private static final int WRITES = 200_000;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "synchronized",
                "ReentrantLock",
                "ReentrantLock-fair",
                "ReentrantReadWriteLock",
                "StampedLock",
                "AtomicLong",
                "LongAdder"
            })
    void twoWritersLoseNoUpdateAndAReaderNeverSeesHalfAWrite(String impl) throws Exception {
        LockBenchmark.Guard guard = LockBenchmark.Guard.of(impl);
        boolean pair = !impl.equals("AtomicLong") && !impl.equals("LongAdder");
        ExecutorService threads = Executors.newFixedThreadPool(3);
        try {
            Future<?> w1 = threads.submit(() -> write(guard));
            Future<?> w2 = threads.submit(() -> write(guard));
            Future<Long> torn = threads.submit(() -> {
                long odd = 0;
                while (!w1.isDone() || !w2.isDone()) {
                    // a + b is even whenever both counters were read inside one write's gap
                    odd += pair ? guard.read() & 1 : 0;
                }
                return odd;
            });
            w1.get(60, TimeUnit.SECONDS);
            w2.get(60, TimeUnit.SECONDS);

            assertThat(torn.get(60, TimeUnit.SECONDS)).isZero();
            assertThat(guard.read()).isEqualTo(pair ? 4L * WRITES : 2L * WRITES);
        } finally {
            threads.shutdownNow();
        }
    }

    private static void write(LockBenchmark.Guard guard) {
        for (int i = 0; i < WRITES; i++) {
            guard.write();
        }
    }
}
