package dev.mastersim.jdk;

import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLongArray;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Hand-offs per second between producer and consumer threads through the JDK's queues, written as
 * JCTools' queue throughput benchmarks: producers offer, consumers poll, and per-thread counters
 * ({@code offered}, {@code polled}, and the failures {@code full}, {@code empty}) say how many
 * elements really passed; {@code polled} per second is the hand-off rate.
 *
 * <ul>
 *   <li>{@code ArrayBlockingQueue} and {@code LinkedBlockingQueue}, bounded at {@value #CAPACITY};
 *   <li>{@code LinkedTransferQueue}, unbounded, with its non-blocking calls: on JDK 17 its timed
 *       {@code poll} can spin past its timeout for good (JDK-8301341, fixed in JDK 22 and 21u); a first run
 *       of this benchmark with timed polls had a consumer spin for minutes after its producers stopped;
 *   <li>{@code SynchronousQueue}: no capacity, every offer meets a poll;
 *   <li>{@code ConcurrentLinkedQueue}: lock-free, unbounded, non-blocking only;
 *   <li>{@code ArrayDeque} in {@link #singleThread} only: the single-threaded floor (the baseline; it is
 *       not thread-safe, so the groups refuse it).
 * </ul>
 *
 * <p>Blocking queues are used with timed {@code offer}/{@code poll} ({@value #TIMEOUT_MICROS} µs), as a
 * thread pool does, so that a thread left alone at the end of an iteration returns; the
 * {@code ConcurrentLinkedQueue} and {@code LinkedTransferQueue} use their non-blocking calls, so their failed
 * polls are fast. On an unbounded
 * queue each thread publishes its count of elements offered minus polled in a padded slot of its own (a
 * release store), and producers add the slots up every {@value #CHECK_EVERY} offers and refuse to offer
 * while more than {@value #CAPACITY} elements wait, so a producer faster than its consumer cannot fill the
 * heap ({@code size()} would walk the nodes the consumer is writing).
 * Elements are pre-allocated {@link Integer}s, so nothing is boxed per operation.
 *
 * <p>{@code oneToOne} is 1 producer and 1 consumer, {@code twoToTwo} 2 and 2 (oversubscribed on a 2-core
 * machine: say so beside its numbers). Throughput, and with {@code -bm sample} each call's latency
 * percentiles. Run (see {@code benchmarks/README.md}):
 *
 * <pre>
 * benchmarks/run 'jdk.QueueBenchmark.singleThread' -f 1 -wi 2 -i 3 -w 1s -r 1s
 * benchmarks/run 'jdk.QueueBenchmark.(oneToOne|twoToTwo)' -p impl=ArrayBlockingQueue,LinkedBlockingQueue,\
 *     ConcurrentLinkedQueue,LinkedTransferQueue,SynchronousQueue -f 1 -wi 2 -i 3 -w 1s -r 1s -bm thrpt,sample
 * </pre>
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class QueueBenchmark {
    static final int CAPACITY = 1024;
    static final int CHECK_EVERY = 64;
    static final long TIMEOUT_MICROS = 1000;
    static final int MAX_THREADS = 8;
    static final int PAD = 16;
    static final Integer[] ELEMENTS = new Integer[CAPACITY];

    static {
        for (int i = 0; i < CAPACITY; i++) {
            ELEMENTS[i] = i;
        }
    }

    /** The queue one group of producers and consumers shares. */
    @State(Scope.Group)
    public static class Shared {
        @Param({
            "ArrayDeque",
            "ArrayBlockingQueue",
            "LinkedBlockingQueue",
            "ConcurrentLinkedQueue",
            "LinkedTransferQueue",
            "SynchronousQueue"
        })
        String impl;

        /** Per-thread elements offered minus polled, slot k at index k × {@value #PAD} (one cache line each). */
        final AtomicLongArray inFlight = new AtomicLongArray(MAX_THREADS * PAD);

        final AtomicInteger slots = new AtomicInteger();
        Channel channel;

        @Setup
        public void setUp() {
            channel = Channel.of(impl, inFlight);
        }
    }

    /** A single thread's own queue, for the floor. */
    @State(Scope.Thread)
    public static class Own {
        Channel channel;

        @Setup
        public void setUp(Shared shared) {
            channel = Channel.of(shared.impl, new AtomicLongArray(MAX_THREADS * PAD));
        }
    }

    /** What one producer or consumer did in an iteration, reported per second. */
    @State(Scope.Thread)
    @AuxCounters(AuxCounters.Type.OPERATIONS)
    public static class Counts {
        public long offered;
        public long full;
        public long polled;
        public long empty;
        int index;
        boolean over;
        int slot = -1;
        long net;

        @Setup
        public void claimSlot(Shared shared) {
            slot = shared.slots.getAndIncrement() % MAX_THREADS * PAD;
        }

        @Setup(Level.Iteration)
        public void reset() {
            offered = 0;
            full = 0;
            polled = 0;
            empty = 0;
        }

        Integer next() {
            return ELEMENTS[index++ & (CAPACITY - 1)];
        }
    }

    /** One thread offers then polls its own queue: the single-threaded floor. */
    @Benchmark
    public Integer singleThread(Own own, Counts counts) {
        own.channel.offer(counts.next(), counts);
        return own.channel.poll(counts);
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public boolean offer1(Shared shared, Counts counts) {
        return shared.channel.concurrent().offer(counts.next(), counts);
    }

    @Benchmark
    @Group("oneToOne")
    @GroupThreads(1)
    public Integer poll1(Shared shared, Counts counts) {
        return shared.channel.concurrent().poll(counts);
    }

    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public boolean offer2(Shared shared, Counts counts) {
        return shared.channel.concurrent().offer(counts.next(), counts);
    }

    @Benchmark
    @Group("twoToTwo")
    @GroupThreads(2)
    public Integer poll2(Shared shared, Counts counts) {
        return shared.channel.concurrent().poll(counts);
    }

    /** A queue and the way the benchmark calls it; one subclass per calling style. */
    abstract static class Channel {
        abstract boolean offer(Integer e, Counts counts);

        abstract Integer poll(Counts counts);

        /** This channel, if several threads may share it. */
        Channel concurrent() {
            return this;
        }

        static Channel of(String impl, AtomicLongArray inFlight) {
            return switch (impl) {
                case "ArrayDeque" -> new Plain(new ArrayDeque<>(CAPACITY), null);
                case "ConcurrentLinkedQueue" -> new Plain(new ConcurrentLinkedQueue<>(), inFlight);
                case "ArrayBlockingQueue" -> new Blocking(new ArrayBlockingQueue<>(CAPACITY), null);
                case "LinkedBlockingQueue" -> new Blocking(new LinkedBlockingQueue<>(CAPACITY), null);
                case "LinkedTransferQueue" -> new Plain(new LinkedTransferQueue<>(), inFlight);
                case "SynchronousQueue" -> new Blocking(new SynchronousQueue<>(), null);
                default -> throw new IllegalArgumentException("unknown queue: " + impl);
            };
        }

        /**
         * Whether a producer on an unbounded queue ({@code inFlight} not null) holds back because more than
         * {@value #CAPACITY} elements wait; re-checked every {@value #CHECK_EVERY} calls.
         */
        static boolean over(AtomicLongArray inFlight, Counts counts) {
            if (inFlight == null) {
                return false;
            }
            if ((counts.index & (CHECK_EVERY - 1)) == 0) {
                long waiting = 0;
                for (int i = 0; i < MAX_THREADS * PAD; i += PAD) {
                    waiting += inFlight.get(i);
                }
                counts.over = waiting > CAPACITY;
            }
            return counts.over;
        }

        /** Publishes this thread's offered-minus-polled count after a success on an unbounded queue. */
        static void publish(AtomicLongArray inFlight, Counts counts, int delta) {
            if (inFlight != null) {
                counts.net += delta;
                inFlight.lazySet(counts.slot, counts.net);
            }
        }
    }

    /** Non-blocking {@code offer}/{@code poll}. */
    static final class Plain extends Channel {
        private final Queue<Integer> queue;
        private final AtomicLongArray inFlight;

        Plain(Queue<Integer> queue, AtomicLongArray inFlight) {
            this.queue = queue;
            this.inFlight = inFlight;
        }

        @Override
        boolean offer(Integer e, Counts counts) {
            if (over(inFlight, counts) || !queue.offer(e)) {
                counts.full++;
                return false;
            }
            counts.offered++;
            publish(inFlight, counts, 1);
            return true;
        }

        @Override
        Integer poll(Counts counts) {
            Integer e = queue.poll();
            if (e == null) {
                counts.empty++;
            } else {
                counts.polled++;
                publish(inFlight, counts, -1);
            }
            return e;
        }

        @Override
        Channel concurrent() {
            if (queue instanceof ArrayDeque) {
                throw new IllegalStateException("ArrayDeque is not thread-safe: use it in singleThread only");
            }
            return this;
        }
    }

    /** Timed {@code offer}/{@code poll} on a {@link BlockingQueue}. */
    static final class Blocking extends Channel {
        private final BlockingQueue<Integer> queue;
        private final AtomicLongArray inFlight;

        Blocking(BlockingQueue<Integer> queue, AtomicLongArray inFlight) {
            this.queue = queue;
            this.inFlight = inFlight;
        }

        @Override
        boolean offer(Integer e, Counts counts) {
            try {
                if (over(inFlight, counts) || !queue.offer(e, TIMEOUT_MICROS, TimeUnit.MICROSECONDS)) {
                    counts.full++;
                    return false;
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
            counts.offered++;
            publish(inFlight, counts, 1);
            return true;
        }

        @Override
        Integer poll(Counts counts) {
            Integer e;
            try {
                e = queue.poll(TIMEOUT_MICROS, TimeUnit.MICROSECONDS);
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return null;
            }
            if (e == null) {
                counts.empty++;
            } else {
                counts.polled++;
                publish(inFlight, counts, -1);
            }
            return e;
        }
    }
}
