package dev.mastersim.model.topology;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.offset;

import dev.mastersim.engine.Measurements;
import dev.mastersim.engine.RandomStreams;
import dev.mastersim.model.Load;
import dev.mastersim.model.lock.LockManager;
import dev.mastersim.model.lock.WakeupCost;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@code master.wakeup_cost} against a hand computation. N users without think time update one hot row;
 * each holds it for a constant 1 ms of CPU on an unlimited CPU, with no flush and no round trip. Every
 * other user is queued on the row when a holder releases it, so each release scans N - 1 waiters and
 * the next holder starts {@code (N - 1) x c} later: the row commits {@code 1 / (1 ms + (N - 1) c)} a
 * second. Everything is deterministic, so the simulation must give it to within one transaction over the
 * measured window.
 */
final class WakeupCostTest {
    private static final double HOLD = 1e-3;
    private static final double MEASURED = 10;

    private static double commitsPerSecond(int users, String wakeup) throws Exception {
        String yaml =
                """
                version: 1
                traffic: {arrivals: closed, users: USERS, think: {dist: constant, value: 0ms}}
                tables: {hot: {rows: 1}}
                requests:
                  - {name: w, share: 100%, write: {table: hot, locks: 1, exclusive: 100%, cpu: 0ms,
                     cpu_per_lock: {dist: constant, value: 1ms}, roundtrip: 0ms}}
                master: {cores: 0, flush: 0ms, lock_wait_timeout: 1h, WAKEUP}
                replicas: {count: 0}
                app: {pool: {size: 0}}
                """
                        .replace("USERS", Integer.toString(users))
                        .replace("WAKEUP", wakeup);
        var s = ScenarioLoader.parse(yaml, "hot-row.yaml", List.of());
        Measurements m = new DeploymentModel(s, new Load(0, false, 1, MEASURED, 10_000), new RandomStreams(3, 0)).run();
        return m.get("run", "commits_per_s");
    }

    @Test
    void aHotRowsHandOverGrowsWithItsQueue() throws Exception {
        double c = 100e-6;
        for (int n : new int[] {1, 2, 8, 32}) {
            double expected = 1 / (HOLD + (n - 1) * c);
            assertThat(commitsPerSecond(n, "wakeup_cost: 100us"))
                    .as("%d users", n)
                    .isCloseTo(expected, offset(1 / MEASURED));
        }
    }

    @Test
    void offByDefaultAHotRowsThroughputIsFlat() throws Exception {
        for (int n : new int[] {1, 8, 32}) {
            assertThat(commitsPerSecond(n, "wakeup_cost: 0ms")).isCloseTo(1 / HOLD, offset(1 / MEASURED));
        }
    }

    /** The lock table's count of waiters, and the first granted carrying a release's whole scan. */
    @Test
    void aReleaseChargesItsScanToTheFirstTransactionItGrants() {
        List<Integer> granted = new ArrayList<>();
        WakeupCost w = new WakeupCost(1e-6);
        LockManager lm = new LockManager(8, 8, txn -> {
            w.granted(txn);
            granted.add(txn);
        });
        // txn 0 holds granule 7 exclusively; 1 and 2 queue for it shared, 3 exclusive behind them
        assertThat(lm.acquire(0, 7, LockManager.EXCLUSIVE)).isEqualTo(LockManager.GRANTED);
        assertThat(lm.acquire(1, 7, LockManager.SHARED)).isEqualTo(LockManager.WAITING);
        assertThat(lm.acquire(2, 7, LockManager.SHARED)).isEqualTo(LockManager.WAITING);
        assertThat(lm.acquire(3, 7, LockManager.EXCLUSIVE)).isEqualTo(LockManager.WAITING);
        assertThat(lm.waiters(7)).isEqualTo(3);
        assertThat(lm.waiters(8)).isZero();
        w.releasing(0);
        w.scan(lm, 7);
        lm.releaseAll(0);
        w.released();
        assertThat(granted).containsExactly(1, 2);
        assertThat(w.take(1)).isCloseTo(3e-6, offset(1e-18));
        assertThat(w.take(1)).isZero(); // taken once
        assertThat(w.take(2)).isZero();
        // a release that grants nobody charges nobody: 3 still waits for 2's shared lock
        w.releasing(1);
        w.scan(lm, 7);
        lm.releaseAll(1);
        w.released();
        assertThat(granted).containsExactly(1, 2);
        assertThat(w.take(3)).isZero();
    }
}
