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
 *   <li>{@code LinkedTransferQueue}, unbounded;
 *   <li>{@code SynchronousQueue}: no capacity, every offer meets a poll;
 *   <li>{@code ConcurrentLinkedQueue}: lock-free, unbounded, non-blocking only;
 *   <li>{@code ArrayDeque} in {@link #singleThread} only: the single-threaded floor (the baseline; it is
 *       not thread-safe, so the groups refuse it).
 * </ul>
 *
 * <p>Blocking queues are used with timed {@code offer}/{@code poll} ({@value #TIMEOUT_MICROS} µs), as a
 * thread pool does, so that a thread left alone at the end of an iteration returns; the
 * {@code ConcurrentLinkedQueue} uses its non-blocking calls, so its failed polls are fast. Producers on
 * an unbounded queue check its size every {@value #CHECK_EVERY} offers and refuse to offer while more
 * than {@value #CAPACITY} elements wait, so a producer faster than its consumer cannot fill the heap.
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

        Channel channel;

        @Setup
        public void setUp() {
            channel = Channel.of(impl);
        }
    }

    /** A single thread's own queue, for the floor. */
    @State(Scope.Thread)
    public static class Own {
        Channel channel;

        @Setup
        public void setUp(Shared shared) {
            channel = Channel.of(shared.impl);
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

        static Channel of(String impl) {
            return switch (impl) {
                case "ArrayDeque" -> new Plain(new ArrayDeque<>(CAPACITY), false);
                case "ConcurrentLinkedQueue" -> new Plain(new ConcurrentLinkedQueue<>(), true);
                case "ArrayBlockingQueue" -> new Blocking(new ArrayBlockingQueue<>(CAPACITY), false);
                case "LinkedBlockingQueue" -> new Blocking(new LinkedBlockingQueue<>(CAPACITY), false);
                case "LinkedTransferQueue" -> new Blocking(new LinkedTransferQueue<>(), true);
                case "SynchronousQueue" -> new Blocking(new SynchronousQueue<>(), false);
                default -> throw new IllegalArgumentException("unknown queue: " + impl);
            };
        }

        /** For an unbounded queue: whether the producer holds back because too many elements wait. */
        static boolean over(Queue<Integer> queue, Counts counts) {
            if ((counts.index & (CHECK_EVERY - 1)) == 0) {
                counts.over = queue.size() > CAPACITY;
            }
            return counts.over;
        }
    }

    /** Non-blocking {@code offer}/{@code poll}. */
    static final class Plain extends Channel {
        private final Queue<Integer> queue;
        private final boolean unbounded;

        Plain(Queue<Integer> queue, boolean unbounded) {
            this.queue = queue;
            this.unbounded = unbounded;
        }

        @Override
        boolean offer(Integer e, Counts counts) {
            if ((unbounded && over(queue, counts)) || !queue.offer(e)) {
                counts.full++;
                return false;
            }
            counts.offered++;
            return true;
        }

        @Override
        Integer poll(Counts counts) {
            Integer e = queue.poll();
            if (e == null) {
                counts.empty++;
            } else {
                counts.polled++;
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
        private final boolean unbounded;

        Blocking(BlockingQueue<Integer> queue, boolean unbounded) {
            this.queue = queue;
            this.unbounded = unbounded;
        }

        @Override
        boolean offer(Integer e, Counts counts) {
            try {
                if ((unbounded && over(queue, counts)) || !queue.offer(e, TIMEOUT_MICROS, TimeUnit.MICROSECONDS)) {
                    counts.full++;
                    return false;
                }
            } catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                return false;
            }
            counts.offered++;
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
            }
            return e;
        }
    }
}
