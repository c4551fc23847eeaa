package dev.mastersim.model.lock;

import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Transaction cycles through the lock table: {@value #TXNS} transactions in rotation, each one, on its
 * turn, releases everything it holds or waits for ({@code releaseAll}) and then asks for its next
 * {@value #LOCKS} locks ({@code acquire}, half of them exclusive) until one waits or deadlocks. Granules
 * and modes are pre-generated into a power-of-two array read through a masked index. {@code uncontended}
 * draws granules from 2^30, so requests practically never meet; {@code contended} from 64, so most
 * transactions wait and some deadlock. {@code LockManager} is ours; {@code HashMap} is the JDK competitor,
 * the test suite's {@link ReferenceLockTable} ({@code HashMap<Long, ...>} of lists, waits-for graph built
 * on demand); {@link #baseline} only reads the inputs.
 *
 * <p>Run (from the project root):
 *
 * <pre>
 * ./mvnw -B -q test-compile dependency:build-classpath -Dmdep.outputFile=target/cp.txt -Dmdep.includeScope=test
 * java -cp target/test-classes:target/classes:$(cat target/cp.txt) org.openjdk.jmh.Main LockTableBenchmark \
 *     -f 1 -wi 3 -i 5 -w 1s -r 1s -prof gc
 * </pre>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class LockTableBenchmark {
    static final int TXNS = 16;
    static final int LOCKS = 6;
    static final int SIZE = 1 << 16;
    static final int MASK = SIZE - 1;

    /** A lock table under test: the two calls a transaction cycle makes. */
    interface Table {
        int acquire(int txn, long granule, int mode);

        void releaseAll(int txn);
    }

    @Param({"LockManager", "HashMap"})
    String impl;

    @Param({"uncontended", "contended"})
    String workload;

    final long[] granules = new long[SIZE];
    final int[] modes = new int[SIZE];
    Table table;
    int index;
    int turn;
    int grants;

    @Setup
    public void setup() {
        long space = workload.equals("contended") ? 64 : 1L << 30;
        SplittableRandom random = new SplittableRandom(42);
        for (int i = 0; i < SIZE; i++) {
            granules[i] = random.nextLong(space);
            modes[i] = random.nextBoolean() ? LockManager.SHARED : LockManager.EXCLUSIVE;
        }
        table = impl.equals("LockManager") ? ours() : competitor();
    }

    /** One transaction's turn: release all, then acquire until the {@value #LOCKS} locks or a wait. */
    @Benchmark
    public int cycle() {
        int txn = turn++ & (TXNS - 1);
        table.releaseAll(txn);
        int granted = 0;
        for (int k = 0; k < LOCKS; k++) {
            int i = index++ & MASK;
            int result = table.acquire(txn, granules[i], modes[i]);
            if (result != LockManager.GRANTED) {
                if (result == LockManager.DEADLOCK) {
                    table.releaseAll(txn);
                }
                break;
            }
            granted++;
        }
        return granted;
    }

    /** The same walk over the inputs, without a lock table. */
    @Benchmark
    public long baseline() {
        turn++;
        long sum = 0;
        for (int k = 0; k < LOCKS; k++) {
            int i = index++ & MASK;
            sum += granules[i] + modes[i];
        }
        return sum;
    }

    private Table ours() {
        LockManager locks = new LockManager(TXNS, 128, txn -> grants++);
        return new Table() {
            @Override
            public int acquire(int txn, long granule, int mode) {
                return locks.acquire(txn, granule, mode);
            }

            @Override
            public void releaseAll(int txn) {
                locks.releaseAll(txn);
            }
        };
    }

    private static Table competitor() {
        ReferenceLockTable reference = new ReferenceLockTable();
        return new Table() {
            @Override
            public int acquire(int txn, long granule, int mode) {
                return reference.acquire(txn, granule, mode);
            }

            @Override
            public void releaseAll(int txn) {
                reference.releaseAll(txn);
                reference.takeGrants();
            }
        };
    }
}
