package dev.mastersim.jdk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLongArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The channels of {@link QueueBenchmark} hand every element over once, and the unbounded ones stay bounded. */
final class QueueBenchmarkTest {
    private static final int ELEMENTS = 100_000;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "ArrayBlockingQueue",
                "LinkedBlockingQueue",
                "ConcurrentLinkedQueue",
                "LinkedTransferQueue",
                "SynchronousQueue"
            })
    void oneProducerAndOneConsumerHandOverEveryElement(String impl) throws Exception {
        QueueBenchmark.Channel channel = QueueBenchmark.Channel.of(impl, inFlight());
        QueueBenchmark.Counts producer = counts(0);
        QueueBenchmark.Counts consumer = counts(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<Long> offers = threads.submit(() -> {
                long total = 0;
                while (producer.offered < ELEMENTS) {
                    Integer e = producer.next();
                    total += channel.concurrent().offer(e, producer) ? e : 0;
                }
                return total;
            });
            Future<Long> sum = threads.submit(() -> {
                long total = 0;
                while (consumer.polled < ELEMENTS) {
                    Integer e = channel.concurrent().poll(consumer);
                    total += e == null ? 0 : e;
                }
                return total;
            });
            long offered = offers.get(60, TimeUnit.SECONDS);

            assertThat(sum.get(60, TimeUnit.SECONDS)).isEqualTo(offered);
            assertThat(producer.offered).isEqualTo(ELEMENTS);
            assertThat(channel.poll(consumer)).isNull();
        } finally {
            threads.shutdownNow();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"ConcurrentLinkedQueue", "LinkedTransferQueue"})
    void anUnboundedQueueRefusesOffersOnceCapacityElementsWait(String impl) {
        QueueBenchmark.Channel channel = QueueBenchmark.Channel.of(impl, inFlight());
        QueueBenchmark.Counts producer = counts(0);
        for (int i = 0; i < 4 * QueueBenchmark.CAPACITY; i++) {
            channel.offer(producer.next(), producer);
        }
        assertThat(producer.offered)
                .isGreaterThan(QueueBenchmark.CAPACITY)
                .isLessThanOrEqualTo(QueueBenchmark.CAPACITY + QueueBenchmark.CHECK_EVERY);
        assertThat(producer.full).isEqualTo(4L * QueueBenchmark.CAPACITY - producer.offered);
    }

    @Test
    void arrayDequeIsRefusedToSeveralThreads() {
        QueueBenchmark.Channel channel = QueueBenchmark.Channel.of("ArrayDeque", inFlight());
        assertThatThrownBy(channel::concurrent).isInstanceOf(IllegalStateException.class);
    }

    private static AtomicLongArray inFlight() {
        return new AtomicLongArray(QueueBenchmark.MAX_THREADS * QueueBenchmark.PAD);
    }

    private static QueueBenchmark.Counts counts(int slot) {
        QueueBenchmark.Counts c = new QueueBenchmark.Counts();
        c.slot = slot * QueueBenchmark.PAD;
        return c;
    }
}
