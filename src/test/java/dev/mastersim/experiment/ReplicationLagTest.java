package dev.mastersim.experiment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.mastersim.ExperimentScale;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Scenario;
import org.junit.jupiter.api.Test;

/** A replica's applier past its capacity is named unstable, with the lag's fluid slope 1 − 1/ρ. */
@ExperimentScale
final class ReplicationLagTest {
    private static RunResult run(Scenario s) {
        RunSettings set = RunSettings.of(s);
        return Experiment.run(s, Experiment.peakLoad(s, 0, set), set);
    }

    /**
     * Commits arrive at λ and one applier applies μ a second: past ρ = λ/μ = 1.25 the oldest
     * unapplied commit at time t was committed at t/ρ, so the lag grows as t(1 − 1/ρ): 0.2 s a
     * second, 12 s a minute.
     */
    @Test
    void anApplierAtRhoAboveOneIsUnstableWithTheFluidSlope() {
        double rate = 1250;
        double apply = 0.001;
        double rho = rate * apply;
        RunResult r = run(TestScenarios.replicated(rate, 1, new Dist.Constant(apply), 120, 3));
        double slope = (r.mean("replication", "lag_end_ms") - r.mean("replication", "lag_start_ms"))
                / 1e3
                / r.mean("run", "measured_s");
        assertThat(slope).isCloseTo(1 - 1 / rho, within(0.05 * (1 - 1 / rho)));
        assertThat(r.verdict().saturated()).isTrue();
        assertThat(r.verdict().reason()).startsWith("unstable: replica lag grows by");
        assertThat(r.verdict().reason()).contains(String.format("%.1f s per minute", slope * 60));
        assertThat(r.verdict().bottleneck()).isEqualTo("replica-1.applier");
    }

    /** Below capacity the lag does not grow, and its index is the lag over slo.max_lag. */
    @Test
    void aStableApplierIsNotUnstableAndTheLagHasAnIndex() {
        RunResult r = run(TestScenarios.replicated(700, 1, new Dist.Constant(0.001), 60, 3));
        assertThat(r.verdict().reason()).doesNotContain("unstable");
        assertThat(r.verdict().indices().get("replication:lag"))
                .isCloseTo(r.mean("replication", "lag_ms") / 30_000, within(1e-12));
    }

    /**
     * One applier with a constant 1 ms apply cost at ρ = 0.7 is an M/D/1 queue: the apply delay is
     * at least the 1 ms of service, its median is near it, and its p99 sits above the mean.
     */
    @Test
    void applyDelayPercentilesBracketTheMean() {
        RunResult r = run(TestScenarios.replicated(700, 1, new Dist.Constant(0.001), 60, 3));
        double p50 = r.mean("replication", "apply_delay_p50_ms");
        double p99 = r.mean("replication", "apply_delay_p99_ms");
        double mean = r.mean("replication", "apply_delay_ms");
        assertThat(p50).isGreaterThanOrEqualTo(0.999).isLessThan(mean);
        assertThat(p99).isGreaterThan(mean);
        // M/D/1 at rho = 0.7: mean wait rho/(2 mu (1 - rho)) = 1.17 ms, so the mean delay is 2.17 ms
        assertThat(mean).isCloseTo(1 + 0.7 / (2 * 0.3), within(0.1));
    }
}
