package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.analytic.Erlang;
import dev.mastersim.analytic.MMc;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.SweepPoint;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A sweep of the master connection pool's size shows the knee, where closed forms put it.
 *
 * <p>One app server sends Poisson write transactions at λ = 400/s. Each holds a master connection
 * for its CPU work (exponential, D = 2 ms, on a 2-core master), one row lock that never conflicts
 * (10^9 rows), and one application round trip (exponential, Z = 20 ms) before it commits (no
 * flush). The sweep goes through {@link Sweep}, the same path as {@code mastersim sweep --param
 * app.pool.size}, with each size set as a {@code --set} override.
 *
 * <p>Closed forms: a connection is held S = D + W_cpu + Z, where W_cpu is the master CPU's wait,
 * at most the M/M/2 wait at the full rate λ (fewer connections can only queue less at the CPU). So
 * the pool is offered a = λ·S Erlangs (Little's law), 8.8 &lt; a &lt; 8.96. Three regimes follow:
 *
 * <ol>
 *   <li>P &lt; a: the pool cannot keep up. Every connection is busy, so throughput is P/S (the
 *       utilisation law), the rest time out, and throughput climbs steeply with P.
 *   <li>a &lt; P &lt; knee: every request is served, but waits for a connection; that wait, Erlang C's
 *       C(P, a)·S/(P − a) for a pool of P servers, falls steeply with P.
 *   <li>P ≥ knee: the pool's Erlang-C wait has fallen below the master CPU's M/M/2 wait, so the
 *       master, not the pool, is where requests wait, and more connections change nothing: the
 *       response time is the master's own, D + W_cpu + Z.
 * </ol>
 *
 * The grid brackets each boundary with room to spare: 8 &lt; a &lt; 10, and 12 &lt; knee ≤ 16 (the
 * knee is 15: at 12 Erlang C predicts a pool wait of 1.9 ms against the CPU's 0.38 ms; at 16,
 * 0.08 ms). The bottleneck is the resource with the higher load index: the pool's unqueued work
 * λ(D + Z)/P against the CPU's utilisation λD/c, which cross at P = 22, between the grid's 16 and 24.
 * Before each boundary successive points must differ by more than their confidence intervals; after
 * the knee they must agree within them. Runs are short (30 s, 4 replications, under a second).
 */
final class PoolSizeKneeTest {
    private static final double RATE = 400;
    private static final double D = 0.002;
    private static final double Z = 0.020;
    private static final int CORES = 2;
    private static final int[] SIZES = {2, 4, 6, 8, 10, 12, 16, 24, 32};

    private static final String SCENARIO =
            """
            version: 1
            name: pool-knee
            traffic: {rate: 400}
            tables:
              items: {rows: 1_000_000_000}
            requests:
              - name: txn
                share: 100%
                write: {table: items, locks: 1, exclusive: 100%, cpu: 2ms, roundtrip: 20ms}
            master: {cores: 2, flush: 0ms}
            replicas: {count: 0}
            app:
              servers: 1
              pool: {size: 20, connection_timeout: 1s}
            run: {duration: 30s, warmup: 5s, replications: 4, seed: 42}
            """;

    /** The master CPU's wait at the full rate: an upper bound on W_cpu at any pool size. */
    private static final double CPU_WAIT = new MMc(RATE, D, CORES).meanWait();

    private static final double HOLD_MIN = D + Z;
    private static final double HOLD_MAX = D + CPU_WAIT + Z;

    /** The offered load on the pool, in connections (Little's law), at its largest. */
    private static final double OFFERED = RATE * HOLD_MAX;

    /** The smallest pool whose Erlang-C wait is below the master CPU's wait. */
    private static int knee() {
        int p = (int) Math.floor(OFFERED) + 1;
        while (Erlang.erlangC(p, OFFERED) * HOLD_MAX / (p - OFFERED) >= CPU_WAIT) {
            p++;
        }
        return p;
    }

    private static List<SweepPoint> sweep() throws Exception {
        List<Sweep.Point> points = new ArrayList<>();
        for (int size : SIZES) {
            Scenario s = ScenarioLoader.parse(SCENARIO, "pool-knee.yaml", List.of("app.pool.size=" + size));
            points.add(new Sweep.Point(Integer.toString(size), s, RunSettings.of(s)));
        }
        return Sweep.run("app.pool.size", points);
    }

    @Test
    void theClosedFormsPutTheBoundariesBetweenTheGridsPoints() {
        assertThat(OFFERED).isBetween(8.0, 10.0);
        assertThat(RATE * HOLD_MIN).isBetween(8.0, 10.0);
        assertThat(knee()).isGreaterThan(12).isLessThanOrEqualTo(16);
    }

    @Test
    void aPoolSizeSweepShowsTheKneeWhereErlangCPutsIt() throws Exception {
        List<SweepPoint> points = sweep();
        int knee = knee();
        for (int i = 0; i < points.size(); i++) {
            int size = SIZES[i];
            RunResult r = points.get(i).result();
            Figure x = r.figure("all", "throughput_per_s");
            Figure inUse = r.figure("pools", "master", "in_use");
            String at = "pool size " + size + ": ";
            if (size < OFFERED) {
                // pool-bound: every connection busy, throughput P/S, the rest time out
                assertThat(inUse.mean()).as(at + "connections in use").isGreaterThan(size - 0.01);
                assertThat(x.upper()).as(at + "throughput vs P/S_max").isGreaterThanOrEqualTo(size / HOLD_MAX);
                assertThat(x.lower()).as(at + "throughput vs P/S_min").isLessThanOrEqualTo(size / HOLD_MIN);
                assertThat(r.mean("all", "error_rate")).as(at + "error rate").isGreaterThan(0.01);
                assertThat(r.verdict().bottleneck()).as(at + "bottleneck").isEqualTo("pool:master");
            } else {
                // every request served: throughput is the offered rate
                assertThat(RATE).as(at + "throughput " + x).isBetween(x.lower(), x.upper());
                assertThat(r.mean("all", "error_rate")).as(at + "error rate").isZero();
                // the higher load index: the pool's unqueued work λ(D + Z)/P against the CPU's λD/c
                assertThat(r.verdict().bottleneck())
                        .as(at + "bottleneck")
                        .isEqualTo(RATE * HOLD_MIN / size > RATE * D / CORES ? "pool:master" : "master.cpu");
            }
        }

        for (int i = 1; i < points.size(); i++) {
            RunResult before = points.get(i - 1).result();
            RunResult after = points.get(i).result();
            String step = "pool size " + SIZES[i - 1] + " -> " + SIZES[i] + ": ";
            if (SIZES[i - 1] < OFFERED) {
                // throughput climbs, CIs apart
                Figure a = before.figure("all", "throughput_per_s");
                Figure b = after.figure("all", "throughput_per_s");
                assertThat(b.lower())
                        .as(step + "throughput " + a + " then " + b)
                        .isGreaterThan(a.upper());
            }
            if (SIZES[i - 1] >= OFFERED && SIZES[i - 1] < knee) {
                // the pool's wait vanishes: response time falls, CIs apart
                Figure a = before.figure("all", "response_ms", "mean");
                Figure b = after.figure("all", "response_ms", "mean");
                assertThat(b.upper())
                        .as(step + "mean response " + a + " then " + b)
                        .isLessThan(a.lower());
            }
        }

        // past the knee the curve is flat: every point agrees with the largest pool within the CIs,
        // and that is the master's own response time, D + W_cpu + Z, with no pool wait at all
        Figure last = points.get(points.size() - 1).result().figure("all", "response_ms", "mean");
        for (int i = 0; i < points.size(); i++) {
            if (SIZES[i] < knee) {
                continue;
            }
            Figure r = points.get(i).result().figure("all", "response_ms", "mean");
            assertThat(Math.abs(r.mean() - last.mean()))
                    .as("pool size " + SIZES[i] + ": mean response " + r + " against " + last)
                    .isLessThanOrEqualTo(r.ci95() + last.ci95());
        }
        assertThat(HOLD_MAX * 1e3).as("master's own response vs " + last).isBetween(last.lower(), last.upper());
        assertThat(points.get(points.size() - 1).result().mean("pools", "master", "wait_ms"))
                .isZero();
    }
}
