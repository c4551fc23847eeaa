package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.model.Load;
import dev.mastersim.model.topology.Metrics;
import dev.mastersim.report.JsonReport;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.Defaults;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Master;
import dev.mastersim.scenario.Percentile;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Slo;
import dev.mastersim.scenario.Spike;
import dev.mastersim.scenario.Traffic;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A run stops before its full length only when its verdict is certain, keeps that verdict and its
 * bottleneck, and says why; a healthy run runs every replication to its end.
 */
final class EarlyStopTest {
    private static final double S = 0.010;
    private static final int C = 8;

    /** Poisson arrivals at {@code rate} on a master of 8 cores of 10 ms each (capacity 800/s), judged with {@code slo}. */
    private static Scenario cpu(double rate, Dist service, Slo slo, int replications) {
        Scenario s = TestScenarios.masterCpu(rate, C, service, 30, replications);
        return TestScenarios.with(s, s.traffic(), new Master(C, TestScenarios.ZERO, false, 0, 50, 1), slo, 12);
    }

    /** A search's run of month 0 (as forecast, capacity and compare run each load point), no replications added. */
    private static RunResult run(Scenario s) {
        RunSettings settings = RunSettings.of(s);
        return Experiment.runUntilDecided(
                s, Experiment.peakLoad(s, 0, settings), settings, s.run().replications());
    }

    @Test
    void aPlainRunKeepsEveryReplicationItWasAskedForButStillEndsAReplicationPastTheBacklog() {
        Scenario overloaded = cpu(1600, new Dist.Exponential(S), Defaults.SLO, 4);
        RunSettings settings = RunSettings.of(overloaded);
        RunResult r = Experiment.run(overloaded, Experiment.peakLoad(overloaded, 0, settings), settings);
        assertThat(r.replications()).isEqualTo(4);
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.stoppedEarly().reason()).startsWith("backlog:").endsWith("in 4 of 4 replications");
        assertThat(r.stoppedEarly().replications()).isEqualTo(4);
    }

    @Test
    void anOverloadedRunStopsWhenItsBacklogPassesLittlesBoundAndKeepsItsVerdictAndBottleneck() {
        // twice the capacity: the backlog grows by 800 requests a second, past 10 x 1600/s x 0.5 s in 10 s
        Scenario overloaded = cpu(1600, new Dist.Exponential(S), Defaults.SLO, 4);
        RunResult stopped = run(overloaded);
        // the same load judged against a target so long that no backlog it reaches stops it, over two
        // replications (no first look): every replication runs to its end
        Scenario patient = cpu(1600, new Dist.Exponential(S), new Slo(Percentile.P99, 1e5, 0.001, 0.9), 2);
        RunResult full = run(patient);

        assertThat(full.stoppedEarly()).isNull();
        assertThat(stopped.stoppedEarly()).isNotNull();
        assertThat(stopped.stoppedEarly().reason()).startsWith("backlog: requests in flight reached 8000");
        assertThat(stopped.verdict().saturated()).isTrue();
        assertThat(full.verdict().saturated()).isTrue();
        assertThat(stopped.verdict().bottleneck())
                .isEqualTo("master.cpu")
                .isEqualTo(full.verdict().bottleneck());
        // the first two replications were stopped, agreed, and the other two never ran
        assertThat(stopped.replications()).isEqualTo(2);
        assertThat(stopped.stoppedEarly().replications()).isEqualTo(2);
        // an event budget: the stopped replications did a fraction of the full ones' work
        assertThat(stopped.mean(Metrics.EVENTS.path())).isLessThan(0.5 * full.mean(Metrics.EVENTS.path()));
        assertThat(JsonReport.run(stopped)).contains("\"stopped_early\" : {");
    }

    @Test
    void replicationsThatAgreeOnSaturationWithConfidenceEndTheRun() {
        // 95% busy, stable, against an 80% limit: saturated with confidence after two replications
        Slo byUtilisation = new Slo(Percentile.P99, 1e5, 1.0, 0.8);
        RunResult agreed = run(cpu(760, new Dist.Constant(S), byUtilisation, 4));
        RunResult two = run(cpu(760, new Dist.Constant(S), byUtilisation, 2));

        assertThat(agreed.verdict().saturated()).isTrue();
        assertThat(agreed.verdict().decided()).isTrue();
        assertThat(agreed.verdict().bottleneck()).isEqualTo("master.cpu");
        assertThat(agreed.stoppedEarly().reason())
                .isEqualTo("agreed: the first 2 of 4 replications saturate with 95% confidence");
        assertThat(agreed.replications()).isEqualTo(2);
        // its figures are those of the first two replications, as a two-replication run gives them
        assertThat(agreed.figures()).isEqualTo(two.figures());
        assertThat(agreed.verdict()).isEqualTo(two.verdict());
        assertThat(two.stoppedEarly()).isNull();
    }

    @Test
    void aHealthyRunRunsEveryReplicationToItsEnd() {
        RunResult healthy = run(cpu(400, new Dist.Exponential(S), Defaults.SLO, 4));
        assertThat(healthy.verdict().saturated()).isFalse();
        assertThat(healthy.stoppedEarly()).isNull();
        assertThat(healthy.replications()).isEqualTo(4);
        Figure measured = healthy.figure(Metrics.MEASURED.path());
        assertThat(measured.mean()).isEqualTo(30.0);
        assertThat(JsonReport.run(healthy)).doesNotContain("stopped_early");
    }

    @Test
    void theBacklogBoundIsLittlesLawWithAMarginAndAFloorAndOpenTrafficOnly() {
        Scenario s = cpu(1600, new Dist.Exponential(S), Defaults.SLO, 4);
        Load load = new Load(1600, true, 3, 30, Load.DEFAULT_MAX_IN_FLIGHT);
        assertThat(Experiment.backlogBound(s, load)).isEqualTo(8000); // 10 x 1600/s x 0.5 s
        assertThat(Experiment.backlogBound(s, new Load(10, true, 3, 30, 100_000)))
                .isEqualTo(1000);
        // a spike inside the run raises the peak rate the bound is taken at
        Traffic spiky = new Traffic(
                Arrivals.OPEN,
                1600,
                0,
                Defaults.THINK,
                s.traffic().growth(),
                new double[0],
                List.of(new Spike(5, 5, 3)));
        Scenario withSpike = TestScenarios.with(s, spiky, s.master(), s.slo(), 12);
        assertThat(Experiment.backlogBound(withSpike, load)).isEqualTo(24_000);
        assertThat(Experiment.backlogBound(withSpike, new Load(1600, false, 3, 30, 100_000)))
                .isEqualTo(8000);
        Scenario closed = TestScenarios.closedTwoStations(50, 1, 0.01, 0.01, 30, 2);
        assertThat(Experiment.backlogBound(closed, load)).isEqualTo(Integer.MAX_VALUE);
    }
}
