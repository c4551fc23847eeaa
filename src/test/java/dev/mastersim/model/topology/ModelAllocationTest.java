package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.RandomStreams;
import dev.mastersim.engine.Simulation;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.ScenarioLoader;
import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The whole model allocates nothing per event once warmed up: every mechanism (traffic, pools,
 * reads, routing, the cache, the lock loop under each concurrency control, 2PC, the write queue,
 * replication) on pooled jobs and primitive rings.
 *
 * <p>The meter is the JVM's per-thread allocation counter, as in the engine's {@code
 * SimulationAllocationTest}: 0.01 byte per event over 10⁶ events is 10 kB, room for a one-off
 * (a deoptimisation, a ring that doubles once more), but not for anything per event: one 16-byte
 * object every 1,600 events already exceeds it. The warm-up runs long enough for the JIT and for
 * every pool, ring and table to reach its working size. Each scenario is stable (replicas included:
 * an applier that falls behind grows its backlog, and so its ring, without bound).
 */
final class ModelAllocationTest {
    private static final int EVENTS = 1_000_000;

    private static final com.sun.management.ThreadMXBean THREADS =
            (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();

    private static long allocated() {
        return THREADS.getThreadAllocatedBytes(Thread.currentThread().getId());
    }

    private static double bytesPerEvent(Simulation sim, int events) {
        long before = allocated();
        for (int i = 0; i < events; i++) {
            if (!sim.step()) {
                throw new AssertionError("the model ran out of events");
            }
        }
        return (double) (allocated() - before) / events;
    }

    private static final String LOCKING =
            """
            traffic: {rate: 20000}
            tables: {items: {rows: 1_000_000}}
            requests:
              - {name: write, share: 100%, write: {table: items, locks: 6, exclusive: 50%, cpu_per_lock: 20us, apply_cost: 20us}}
            master: {cores: 16, flush: 200us, group_commit: true, lock_wait_timeout: 5s}
            replicas: {count: 4, cores: 8}
            app: {servers: 10, pool: {size: 50, connection_timeout: 5s}}
            """;

    private static final String SHARDS_READS_NO_WAIT =
            """
            traffic: {rate: 3000}
            tables: {a: {rows: 2000, rows_per_page: 10}, b: {rows: 100_000}}
            requests:
              - {name: r, share: 60%, reads: 2, read_cost: 200us}
              - name: w
                share: 40%
                reads: 1
                consistency: read-your-writes
                max_lag: 1ms
                write:
                  steps:
                    - {table: a, locks: 2, exclusive: 70%, granule: page, access: {dist: hotset, fraction: 10%, share: 80%}}
                    - {table: b, locks: 1}
                  cpu_per_lock: 50us
                  roundtrip: 100us
            concurrency: no-wait
            master: {cores: 8, flush: 300us, shards: 3, cross_shard: 50%}
            replicas: {count: 3, cores: 4, appliers: 2, routing: least-loaded}
            cache: {hit_ratio: 20%}
            app: {servers: 4, pool: {size: 30, connection_timeout: 1s}}
            retries: {max: 5, backoff: 1ms}
            """;

    private static final String OPTIMISTIC_CLOSED =
            """
            traffic: {arrivals: closed, users: 200, think: 20ms}
            tables: {items: {rows: 5000}}
            requests:
              - {name: w, share: 100%, reads: 1, write: {table: items, locks: 3, access: {dist: zipf, s: 0.8}, cpu: 50us, apply_cost: 20us}}
            concurrency: optimistic
            master: {cores: 8, flush: 200us, shards: 2}
            replicas: {count: 2, routing: random}
            retries: {max: 5, backoff: 1ms}
            """;

    private static final String WRITE_QUEUE =
            """
            traffic: {rate: 5000}
            tables: {items: {rows: 50_000}}
            requests:
              - {name: w, share: 100%, write: {table: items, locks: 2, exclusive: 50%, access: {dist: zipf, s: 1.0}, apply_cost: 10us}}
            master: {cores: 8, flush: 500us}
            replicas: {count: 1}
            write_queue: {enabled: true, batch: 20, max_delay: 5ms, writers: 3}
            """;

    private static final String APP_TIER =
            """
            traffic: {rate: 8000}
            tables: {items: {rows: 100_000}}
            requests:
              - {name: r, share: 70%, reads: 1, read_cost: 100us, app_cpu: 200us, app_cpu_after: 50us}
              - {name: w, share: 30%, app_cpu: 300us, write: {table: items, locks: 2, cpu_per_lock: 20us, apply_cost: 10us}}
            master: {cores: 8, flush: 200us}
            replicas: {count: 2, cores: 4}
            app: {servers: 3, cores: 1, threads: 4, thread_timeout: 2ms, pool: {size: 10, connection_timeout: 1s}}
            """;

    @ParameterizedTest
    @ValueSource(
            strings = {
                "LOCKING",
                "LOCKING_DEADLOCK_TIMEOUT",
                "LOCKING_WAKEUP_COST",
                "SHARDS_READS_NO_WAIT",
                "OPTIMISTIC_CLOSED",
                "WRITE_QUEUE",
                "APP_TIER"
            })
    void aWarmedUpModelAllocatesNothingPerEvent(String name) throws Exception {
        String body =
                switch (name) {
                    case "LOCKING" -> LOCKING;
                        // 2,000 rows: 12% of transactions wait, one deadlock a second, each wait searched after 1 ms
                    case "LOCKING_DEADLOCK_TIMEOUT" -> LOCKING.replace("rows: 1_000_000", "rows: 2_000")
                            .replace("lock_wait_timeout: 5s", "lock_wait_timeout: 5s, deadlock_timeout: 1ms");
                        // the same contention, each release charged for the waiters it scans (master.wakeup_cost)
                        // and each woken waiter re-fetching on the master CPU (master.refetch_cost)
                    case "LOCKING_WAKEUP_COST" -> LOCKING.replace("rows: 1_000_000", "rows: 2_000")
                            .replace(
                                    "lock_wait_timeout: 5s",
                                    "lock_wait_timeout: 5s, wakeup_cost: 2us, refetch_cost: 5us");
                    case "SHARDS_READS_NO_WAIT" -> SHARDS_READS_NO_WAIT;
                    case "OPTIMISTIC_CLOSED" -> OPTIMISTIC_CLOSED;
                    case "APP_TIER" -> APP_TIER;
                    default -> WRITE_QUEUE;
                };
        var s = ScenarioLoader.parse("version: 1\n" + body, name + ".yaml", List.of());
        DeploymentModel model =
                new DeploymentModel(s, new Load(s.traffic().rate(), false, 0, 1e9, 100_000), new RandomStreams(42, 0));
        model.start();
        Simulation sim = model.simulation();
        // warm-up: the JIT compiles the loops, pools and rings grow to their working size (the write
        // queue's scenario still doubles a structure once, 22 kB, between its 3rd and 4th million)
        bytesPerEvent(sim, 5 * EVENTS);
        long committed = model.commits();

        double perEvent = bytesPerEvent(sim, EVENTS);

        assertThat(model.commits()).as("transactions ran").isGreaterThan(committed);
        assertThat(perEvent).isLessThan(0.01);
    }
}
