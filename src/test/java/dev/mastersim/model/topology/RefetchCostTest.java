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
 * {@code master.refetch_cost} against hand computations. N users without think time update one hot row,
 * each holding it for a constant 1 ms of master CPU, with no flush and no round trip, so every other user
 * is queued on the row when a holder releases it: each release wakes N - 1 waiters. The one granted
 * re-fetches (r) before its 1 ms; the N - 2 still blocked each re-fetch beside it, on the master's cores.
 * Everything is deterministic, so the simulation must give each figure to within one transaction (or
 * its CPU) over the measured window.
 */
final class RefetchCostTest {
    private static final double HOLD = 1e-3;
    private static final double R = 50e-6;
    private static final double MEASURED = 10;

    private static Measurements hotRow(int users, String cores, String refetch) throws Exception {
        String yaml =
                """
                version: 1
                traffic: {arrivals: closed, users: USERS, think: {dist: constant, value: 0ms}}
                tables: {hot: {rows: 1}}
                requests:
                  - {name: w, share: 100%, write: {table: hot, locks: 1, exclusive: 100%, cpu: 0ms,
                     cpu_per_lock: {dist: constant, value: 1ms}, roundtrip: 0ms}}
                master: {cores: CORES, flush: 0ms, lock_wait_timeout: 1h, refetch_cost: REFETCH}
                replicas: {count: 0}
                app: {pool: {size: 0}}
                """
                        .replace("USERS", Integer.toString(users))
                        .replace("CORES", cores)
                        .replace("REFETCH", refetch);
        var s = ScenarioLoader.parse(yaml, "hot-row.yaml", List.of());
        return new DeploymentModel(s, new Load(0, false, 1, MEASURED, 10_000), new RandomStreams(3, 0)).run();
    }

    /**
     * With cores to spare (unlimited), the blocked waiters' work delays nobody: the row's turn is the
     * granted one's re-fetch plus its hold, 1 / (1 ms + r) commits a second for any N > 1; but the master
     * CPU does (N - 1) r more per commit, which its mean busy servers show (the utilisation law).
     */
    @Test
    void withCoresToSpareOnlyTheGrantedWaitersReFetchIsOnTheRowsTurn() throws Exception {
        for (int n : new int[] {2, 8, 32}) {
            Measurements m = hotRow(n, "0", "50us");
            double commits = 1 / (HOLD + R);
            assertThat(m.get("run", "commits_per_s")).as("%d users", n).isCloseTo(commits, offset(1 / MEASURED));
            assertThat(m.get("stations", "master.cpu", "busy_servers"))
                    .as("%d users: CPU per commit", n)
                    .isCloseTo(commits * (HOLD + (n - 1) * R), offset((HOLD + (n - 1) * R) / MEASURED + 1e-9));
        }
    }

    /**
     * On one core the blocked waiters' work queues with the holder's, FIFO: each release puts the granted
     * one's r + 1 ms behind nothing (the core is idle at the release) and the N - 2 re-fetches behind it,
     * which the next holder's work then waits for. So the core is never idle and every commit costs
     * 1 ms + (N - 1) r of it: 1 / (1 ms + (N - 1) r) commits a second, falling as users are added, as a
     * real hot row's does on a machine whose cores the waiters' work fills.
     */
    @Test
    void onOneCoreTheWaitersWorkLengthensTheRowsTurn() throws Exception {
        for (int n : new int[] {1, 2, 8, 32}) {
            Measurements m = hotRow(n, "1", "50us");
            double expected = 1 / (HOLD + (n - 1) * R);
            assertThat(m.get("run", "commits_per_s")).as("%d users", n).isCloseTo(expected, offset(1 / MEASURED));
        }
    }

    @Test
    void offByDefaultNothingChanges() throws Exception {
        for (int n : new int[] {1, 8}) {
            assertThat(hotRow(n, "1", "0ms").get("run", "commits_per_s")).isCloseTo(1 / HOLD, offset(1 / MEASURED));
        }
    }
}
