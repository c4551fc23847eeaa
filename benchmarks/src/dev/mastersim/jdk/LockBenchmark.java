package dev.mastersim.jdk;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReentrantLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.concurrent.locks.StampedLock;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Group;
import org.openjdk.jmh.annotations.GroupThreads;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;

/**
 * Operations per second on a small shared structure, a pair of counters that writers advance together
 * ({@code a++, b++}) and readers sum ({@code a + b}, which a consistent read always sees even), guarded by
 * each of the JDK's in-process locks:
 *
 * <ul>
 *   <li>{@code none}: no lock at all, the baseline (racy: it is the ceiling, not a choice);
 *   <li>{@code synchronized}; {@code ReentrantLock} unfair (the default) and {@code ReentrantLock-fair};
 *   <li>{@code ReentrantReadWriteLock} (readers share the read lock);
 *   <li>{@code StampedLock}: readers try an optimistic read and fall back to the read lock when a write
 *       intervened (the JDK's {@code Point} example);
 *   <li>{@code AtomicLong} and {@code LongAdder}: where the structure is a single counter, no lock is
 *       needed; reads are {@code get()} / {@code sum()}, writes {@code incrementAndGet()} /
 *       {@code increment()}. They keep one number, not the pair, so they apply only to that case.
 * </ul>
 *
 * <p>Each operation is a read with probability {@code readShare} (r = 1, 0.95, 0.5, 0), drawn from a
 * pre-generated per-thread array (power-of-two length, masked index; each thread its own seed), so the
 * draw costs one load. {@link #oneThread} and {@link #twoThreads} run the same operation on 1 and 2
 * threads (this machine has 2 cores; more threads would measure oversubscription, run with
 * {@code -t N} on {@link #oneThread} for that). The {@code readWrite} group is one writer and one reader
 * thread on the same lock, the write-heavy owner and a reader beside it ({@code -tg 1,3} for more
 * readers, oversubscribed here).
 *
 * <p>Run (see {@code benchmarks/README.md}):
 *
 * <pre>
 * benchmarks/run 'jdk.LockBenchmark' -f 1 -wi 2 -i 3 -w 1s -r 1s
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
public class LockBenchmark {
    static final int SIZE = 1 << 12;
    static final int MASK = SIZE - 1;
    private static final AtomicInteger SEEDS = new AtomicInteger();

    @Param({
        "none",
        "synchronized",
        "ReentrantLock",
        "ReentrantLock-fair",
        "ReentrantReadWriteLock",
        "StampedLock",
        "AtomicLong",
        "LongAdder"
    })
    String impl;

    Guard guard;

    @Setup
    public void setUp() {
        guard = Guard.of(impl);
    }

    /** One thread's pre-generated operations: {@code true} is a read. */
    @State(Scope.Thread)
    public static class Ops {
        @Param({"1", "0.95", "0.5", "0"})
        double readShare;

        final boolean[] reads = new boolean[SIZE];
        int index;

        @Setup
        public void setUp() {
            SplittableRandom random = new SplittableRandom(42 + SEEDS.getAndIncrement());
            for (int i = 0; i < SIZE; i++) {
                reads[i] = random.nextDouble() < readShare;
            }
        }

        boolean nextIsRead() {
            return reads[index++ & MASK];
        }
    }

    @Benchmark
    @Threads(1)
    public long oneThread(Ops ops) {
        return ops.nextIsRead() ? guard.read() : guard.write();
    }

    @Benchmark
    @Threads(2)
    public long twoThreads(Ops ops) {
        return ops.nextIsRead() ? guard.read() : guard.write();
    }

    @Benchmark
    @Group("readWrite")
    @GroupThreads(1)
    public long writer() {
        return guard.write();
    }

    @Benchmark
    @Group("readWrite")
    @GroupThreads(1)
    public long reader() {
        return guard.read();
    }

    /** The guarded pair and its lock; one subclass per implementation. */
    abstract static class Guard {
        long a;
        long b;

        /** A consistent {@code a + b}. */
        abstract long read();

        /** Advances both counters; returns the new {@code a}. */
        abstract long write();

        static Guard of(String impl) {
            return switch (impl) {
                case "none" -> new None();
                case "synchronized" -> new Synchronized();
                case "ReentrantLock" -> new Locked(new ReentrantLock(false));
                case "ReentrantLock-fair" -> new Locked(new ReentrantLock(true));
                case "ReentrantReadWriteLock" -> new ReadWrite();
                case "StampedLock" -> new Stamped();
                case "AtomicLong" -> new Atomic();
                case "LongAdder" -> new Adder();
                default -> throw new IllegalArgumentException("unknown lock: " + impl);
            };
        }
    }

    static final class None extends Guard {
        @Override
        long read() {
            return a + b;
        }

        @Override
        long write() {
            b++;
            return ++a;
        }
    }

    static final class Synchronized extends Guard {
        @Override
        synchronized long read() {
            return a + b;
        }

        @Override
        synchronized long write() {
            b++;
            return ++a;
        }
    }

    static final class Locked extends Guard {
        private final ReentrantLock lock;

        Locked(ReentrantLock lock) {
            this.lock = lock;
        }

        @Override
        long read() {
            lock.lock();
            try {
                return a + b;
            } finally {
                lock.unlock();
            }
        }

        @Override
        long write() {
            lock.lock();
            try {
                b++;
                return ++a;
            } finally {
                lock.unlock();
            }
        }
    }

    static final class ReadWrite extends Guard {
        private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();

        @Override
        long read() {
            lock.readLock().lock();
            try {
                return a + b;
            } finally {
                lock.readLock().unlock();
            }
        }

        @Override
        long write() {
            lock.writeLock().lock();
            try {
                b++;
                return ++a;
            } finally {
                lock.writeLock().unlock();
            }
        }
    }

    static final class Stamped extends Guard {
        private final StampedLock lock = new StampedLock();

        @Override
        long read() {
            long stamp = lock.tryOptimisticRead();
            long x = a;
            long y = b;
            if (!lock.validate(stamp)) {
                stamp = lock.readLock();
                try {
                    x = a;
                    y = b;
                } finally {
                    lock.unlockRead(stamp);
                }
            }
            return x + y;
        }

        @Override
        long write() {
            long stamp = lock.writeLock();
            try {
                b++;
                return ++a;
            } finally {
                lock.unlockWrite(stamp);
            }
        }
    }

    static final class Atomic extends Guard {
        private final AtomicLong count = new AtomicLong();

        @Override
        long read() {
            return count.get();
        }

        @Override
        long write() {
            return count.incrementAndGet();
        }
    }

    static final class Adder extends Guard {
        private final LongAdder count = new LongAdder();

        @Override
        long read() {
            return count.sum();
        }

        @Override
        long write() {
            count.increment();
            return 0;
        }
    }
}
