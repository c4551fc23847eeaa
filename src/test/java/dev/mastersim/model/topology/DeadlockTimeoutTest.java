package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.scenario.ScenarioLoader;
import org.junit.jupiter.api.Test;

/**
 * {@code master.deadlock_timeout}: two users who each lock both rows of a two-row table exclusively, in
 * a random order, deadlock each other over and over; with a lock-wait timeout of an hour only the
 * deadlock search can break a cycle. Two users stuck on one cycle would commit nothing more, so commits
 * and deadlocks in the last ten seconds of a minute mean every cycle was broken.
 */
final class DeadlockTimeoutTest {
    private static DeploymentModel model(String deadlockTimeout) throws Exception {
        String yaml =
                """
                version: 1
                traffic: {arrivals: closed, users: 2, think: {dist: constant, value: 1ms}}
                tables: {items: {rows: 2}}
                requests:
                  - {name: w, share: 100%, write: {table: items, locks: 2, exclusive: 100%, cpu_per_lock: 1ms}}
                master: {cores: 0, flush: 0ms, lock_wait_timeout: 1h, deadlock_timeout: TIMEOUT}
                replicas: {count: 0}
                retries: {max: 1000, backoff: 1ms}
                """
                        .replace("TIMEOUT", deadlockTimeout);
        var s = ScenarioLoader.parse(yaml, "two-rows.yaml", java.util.List.of());
        return new DeploymentModel(s, new Load(1, false, 50, 10, 100), new RandomStreams(7, 0));
    }

    private static double count(Measurements m, String... path) {
        return m.get(path) * m.get("run", "measured_s");
    }

    @Test
    void aSearchAfterTheTimeoutBreaksEveryCycleAndItsVictimWaitedThatLong() throws Exception {
        DeploymentModel model = model("100ms");
        Measurements m = model.run();

        assertThat(count(m, "locks", "items", "deadlocks_per_s"))
                .as("deadlocks")
                .isGreaterThan(10);
        assertThat(count(m, "run", "commits_per_s")).as("commits").isGreaterThan(10);
        assertThat(count(m, "locks", "items", "timeouts_per_s")).as("timeouts").isZero();
        assertThat(model.lockStats().shortestVictimWait()).isGreaterThanOrEqualTo(0.1 - 1e-9);
    }

    @Test
    void withoutATimeoutTheVictimIsFoundAsItsWaitBegins() throws Exception {
        DeploymentModel model = model("0ms");
        Measurements m = model.run();

        assertThat(count(m, "locks", "items", "deadlocks_per_s"))
                .as("deadlocks")
                .isGreaterThan(10);
        assertThat(count(m, "locks", "items", "timeouts_per_s")).as("timeouts").isZero();
        assertThat(model.lockStats().shortestVictimWait()).isZero();
        // the search waits for nothing, so the users commit far more in the same ten seconds
        double delayed = count(model("100ms").run(), "run", "commits_per_s");
        assertThat(count(m, "run", "commits_per_s")).isGreaterThan(2 * delayed);
    }
}
