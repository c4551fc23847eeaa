package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Two users who write the one row of a table at the same moment (t = 1 ms), each transaction one
 * exclusive lock and 1 ms of CPU after it on an unlimited CPU, no flush: what each concurrency
 * control makes of the collision, counted exactly.
 */
final class TransactionDriverTest {
    private static Measurements run(String concurrency, String lockWaitTimeout, double until) throws Exception {
        String yaml =
                """
                version: 1
                traffic: {arrivals: closed, users: 2, think: {dist: constant, value: 1ms}}
                tables: {items: {rows: 1}}
                requests:
                  - {name: w, share: 100%, write: {table: items, locks: 1, cpu_per_lock: {dist: constant, value: 1ms}}}
                master: {cores: 0, flush: 0ms, lock_wait_timeout: TIMEOUT}
                concurrency: CONCURRENCY
                replicas: {count: 0}
                retries: {max: 3, backoff: 1s}
                """
                        .replace("CONCURRENCY", concurrency)
                        .replace("TIMEOUT", lockWaitTimeout);
        var s = ScenarioLoader.parse(yaml, "collide.yaml", List.of());
        // the warm-up ends at t = 0, before the users' first requests at t = 1 ms
        return new DeploymentModel(s, new Load(1, false, 0, until, 100), new RandomStreams(1, 0)).run();
    }

    /** A rate figure times the measured span: how many times it happened. */
    private static double count(Measurements m, String... path) {
        return m.get(path) * m.get("run", "measured_s");
    }

    @Test
    void twoConflictingOptimisticTransactionsGiveOneValidationAbort() throws Exception {
        Measurements m = run("optimistic", "50s", 0.0025);
        assertThat(count(m, "run", "commits_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(count(m, "locks", "items", "conflicts_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(count(m, "locks", "items", "retries_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(m.get("locks", "items", "wait_probability")).isZero();
    }

    @Test
    void underLockingTheSecondWaitsForTheFirstsCommit() throws Exception {
        // at 2 ms the first commits and the second is granted (its commit would come at 3 ms)
        Measurements m = run("locking", "50s", 0.0025);
        assertThat(count(m, "run", "commits_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(m.get("locks", "items", "wait_probability")).isEqualTo(0.5);
        assertThat(m.get("locks", "items", "wait_ms")).isCloseTo(1.0, offset(1e-9));
        assertThat(count(m, "locks", "items", "conflicts_per_s")).isZero();
        assertThat(m.get("requests", "w", "lock_wait_probability")).isEqualTo(0.5);
    }

    @Test
    void underNoWaitTheSecondAbortsAtOnce() throws Exception {
        Measurements m = run("no-wait", "50s", 0.0025);
        assertThat(count(m, "run", "commits_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(count(m, "locks", "items", "conflicts_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(m.get("locks", "items", "wait_probability")).isZero();
    }

    @Test
    void aWaitLongerThanTheLockWaitTimeoutAbortsAndRetries() throws Exception {
        Measurements m = run("locking", "500us", 0.0018);
        assertThat(count(m, "locks", "items", "timeouts_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(count(m, "locks", "items", "retries_per_s")).isCloseTo(1, offset(1e-9));
        assertThat(m.get("locks", "items", "wait_ms")).isCloseTo(0.5, offset(1e-9));
        assertThat(count(m, "run", "commits_per_s")).isZero();
    }
}
