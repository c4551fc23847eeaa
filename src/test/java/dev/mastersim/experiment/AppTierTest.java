package dev.mastersim.experiment;

import static dev.mastersim.experiment.ClosedFormTest.expect;
import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import dev.mastersim.analytic.Erlang;
import dev.mastersim.analytic.MMc;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioLoader;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The application tier against its closed forms, through the real run path (scenario file, model,
 * replications, estimates; the pass rule of {@link ClosedFormTest}): one server's cores are an M/M/c
 * station for {@code app_cpu}; its threads, held for a whole request, are the c servers of an M/M/c
 * queue; with a thread timeout the threads are an M/M/c queue with deterministic patience, which is
 * the loss system M/M/c/c (Erlang B) as the timeout goes to 0 and M/M/c (Erlang C) as it grows.
 *
 * <p>λ = 600/s, exponential work of 5 ms, c = 4: offered load 3 erlangs, utilisation 0.75. One server,
 * so its arrivals are Poisson (round-robin over several would thin them into Erlang-k streams).
 */
@ExperimentScale
final class AppTierTest {
    private static final double MS = 1e-3;
    private static final double LAMBDA = 600;
    private static final double WORK = 5 * MS;
    private static final int C = 4;

    private static Scenario scenario(String app, double duration, int replications) throws Exception {
        String yaml =
                """
                version: 1
                name: app-tier
                traffic: {rate: %s}
                requests:
                  - {name: page, share: 100%%, app_cpu: {dist: exponential, mean: 5ms}}
                replicas: {count: 0}
                app: %s
                run: {duration: %ss, warmup: %ss, replications: %d, seed: 11}
                """
                        .formatted(LAMBDA, app, duration, duration / 10, replications);
        return ScenarioLoader.parse(yaml, "app-tier.yaml", List.of());
    }

    private static RunResult run(Scenario s) {
        RunSettings settings = RunSettings.of(s);
        RunResult r = Experiment.run(s, Experiment.peakLoad(s, 0, settings), settings);
        ClosedFormTest.assertOperationalLaws(r);
        return r;
    }

    @Test
    void appCoresAreAnMmcStation() throws Exception {
        RunResult r = run(scenario("{servers: 1, cores: 4, pool: {size: 0}}", 300, 10));
        MMc q = new MMc(LAMBDA, WORK, C);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
        expect(r.figure("stations", "app-1.cpu", "wait_ms"), q.meanWait() / MS, 0.05);
        expect(r.figure("stations", "app-1.cpu", "utilisation"), q.utilisation(), 0.03);
        expect(r.figure("all", "response_ms", "p99"), q.responseQuantile(0.99) / MS, 0.05);
        assertThat(r.verdict().indices()).containsKey("app-1.cpu");
        assertThat(r.verdict().indices().get("app-1.cpu"))
                .isCloseTo(
                        r.mean("stations", "app-1.cpu", "utilisation") / 0.9,
                        org.assertj.core.data.Offset.offset(1e-12));
    }

    @Test
    void threadsHeldForTheWholeRequestAreTheServersOfAnMmcQueue() throws Exception {
        RunResult r = run(scenario("{servers: 1, threads: 4, thread_timeout: 1h, pool: {size: 0}}", 300, 10));
        MMc q = new MMc(LAMBDA, WORK, C);
        expect(r.figure("all", "response_ms", "mean"), q.meanResponse() / MS, 0.03);
        expect(r.figure("pools", "app", "wait_ms"), q.meanWait() / MS, 0.05);
        expect(r.figure("pools", "app", "in_use"), q.offeredLoad(), 0.03);
        expect(r.figure("all", "response_ms", "p99"), q.responseQuantile(0.99) / MS, 0.05);
        assertThat(r.mean("pools", "app", "timeouts_per_s")).isZero();
        // nothing downstream queues, so the threads' index is their utilisation over the limit
        assertThat(r.verdict().indices().get("pool:app"))
                .isCloseTo(r.mean("pools", "app", "in_use") / C / 0.9, org.assertj.core.data.Offset.offset(1e-12));
        // unlimited cores: app_cpu is a pure delay, which never binds
        assertThat(r.verdict().indices().get("app-1.cpu")).isZero();
    }

    @Test
    void aZeroThreadTimeoutIsTheErlangBLossSystem() throws Exception {
        RunResult r = run(scenario("{servers: 1, threads: 4, thread_timeout: 0ms, pool: {size: 0}}", 200, 10));
        double b = Erlang.erlangB(C, LAMBDA * WORK);
        expect(r.figure("all", "error_rate"), b, 0.03);
        expect(r.figure("pools", "app", "timeouts_per_s"), LAMBDA * b, 0.03);
        // the requests served never waited: their response is their own work
        expect(r.figure("all", "response_ms", "mean"), WORK / MS, 0.03);
    }

    @Test
    void aThreadTimeoutTendsToErlangBAsItShrinksAndToErlangCAsItGrows() throws Exception {
        double a = LAMBDA * WORK;
        double b = Erlang.erlangB(C, a);
        double wait = Erlang.erlangC(C, a);
        double drain = C / WORK - LAMBDA; // the rate at which an M/M/c wait's tail falls

        // a timeout of 1/1000 of the work: almost every request that finds the threads busy gives up
        RunResult tiny = run(scenario("{servers: 1, threads: 4, thread_timeout: 5us, pool: {size: 0}}", 200, 10));
        expect(tiny.figure("all", "error_rate"), b, 0.03);

        // a timeout of one mean work, between the limits: fewer give up than would wait that long in M/M/c
        // (giving up only shortens the queue), and at least those who find every thread busy (at least as
        // often as in the loss system) and see no thread freed within the timeout: B e^{-cμτ}
        RunResult mid = run(scenario("{servers: 1, threads: 4, thread_timeout: 5ms, pool: {size: 0}}", 200, 10));
        Figure e = mid.figure("all", "error_rate");
        double tau = 5 * MS;
        double mmcTail = wait * Math.exp(-drain * tau);
        double lossNoRelease = b * Math.exp(-C / WORK * tau);
        assertThat(e.upper())
                .as("below B = %.4f and M/M/c's P(W > 5 ms) = %.4f", b, mmcTail)
                .isLessThan(Math.min(b, mmcTail));
        assertThat(e.lower()).as("above B e^{-cμτ} = %.4f", lossNoRelease).isGreaterThan(lossNoRelease);

        // a timeout 200 times the mean work: P(W > τ) in M/M/c is C e^{-200}: nobody gives up, and the wait is Erlang
        // C's
        RunResult large = run(scenario("{servers: 1, threads: 4, thread_timeout: 1s, pool: {size: 0}}", 300, 10));
        MMc q = new MMc(LAMBDA, WORK, C);
        assertThat(large.mean("all", "error_rate")).isZero();
        expect(large.figure("pools", "app", "wait_ms"), q.meanWait() / MS, 0.05);
        assertThat(q.probabilityOfWaiting()).isCloseTo(wait, org.assertj.core.data.Offset.offset(1e-12));
    }
}
