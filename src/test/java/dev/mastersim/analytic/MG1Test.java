package dev.mastersim.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import org.junit.jupiter.api.Test;

final class MG1Test {

    @Test
    void exponentialServiceGivesTheMM1Wait() {
        // cv = 1 is M/M/1: Wq = ρS/(1 - ρ) = 0.8·2/0.2 = 8. Rounding only.
        assertThat(MG1.ofCv(0.4, 2.0, 1.0).meanWait()).isCloseTo(8.0, within(1e-12));
    }

    @Test
    void deterministicServiceHalvesTheMM1Wait() {
        // M/D/1: Wq = ρS/(2(1 - ρ)) = 0.8·2/0.4 = 4 (Kleinrock vol. 1, eq. 5.76 with E[S²] = S²).
        assertThat(MD1.of(0.4, 2.0).meanWait()).isCloseTo(4.0, within(1e-12));
    }

    @Test
    void secondMomentFormMatchesTheCvForm() {
        // E[S²] = S²(1 + cv²) = 4·(1 + 2.25) = 13 for S = 2, cv = 1.5
        assertThat(new MG1(0.3, 2.0, 13.0).meanWait())
                .isCloseTo(MG1.ofCv(0.3, 2.0, 1.5).meanWait(), within(1e-12));
    }

    @Test
    void pollaczekKhinchineForAKnownSecondMoment() {
        // λ = 0.3, E[S] = 2, E[S²] = 13: Wq = 0.3·13/(2·0.4) = 4.875, W = 6.875,
        // Lq = 1.4625, L = 2.0625. Exact decimals; rounding only.
        MG1 q = new MG1(0.3, 2.0, 13.0);
        assertThat(q.meanWait()).isCloseTo(4.875, within(1e-12));
        assertThat(q.meanResponse()).isCloseTo(6.875, within(1e-12));
        assertThat(q.meanQueueLength()).isCloseTo(1.4625, within(1e-12));
        assertThat(q.meanNumberInSystem()).isCloseTo(2.0625, within(1e-12));
    }

    @Test
    void rejectsASecondMomentBelowTheSquaredMean() {
        assertThatThrownBy(() -> new MG1(0.1, 2.0, 3.9))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("secondMoment");
    }

    @Test
    void allenCunneenIsExactForMMc() {
        // with both SCVs 1 the correction factor is 1: the PDQ bank M/M/4, Wq = 14.7572
        assertThat(AllenCunneen.meanWaitMGc(0.35, 10.0, 4, 1.0)).isCloseTo(14.7572, within(5e-5));
    }

    @Test
    void allenCunneenWithOneServerIsPollaczekKhinchine() {
        // c = 1, Poisson arrivals: C = ρ and the factor (1 + cv²)/2 reproduce P-K exactly
        assertThat(AllenCunneen.meanWaitMGc(0.3, 2.0, 1, 1.5)).isCloseTo(4.875, within(1e-12));
    }

    @Property
    void numberInSystemIsArrivalRateTimesResponse(
            @ForAll @DoubleRange(min = 0.01, max = 0.99) double rho,
            @ForAll @DoubleRange(min = 0.0, max = 5.0) double cv) {
        // L = λW, with L computed as Lq + ρ (busy server) rather than from W directly
        MG1 q = MG1.ofCv(rho, 1.0, cv);
        double l = q.meanQueueLength() + q.utilisation();
        assertThat(l).isCloseTo(q.lambda() * q.meanResponse(), within(1e-9 * l));
    }

    @Property
    void waitGrowsWithServiceVariability(
            @ForAll @DoubleRange(min = 0.01, max = 0.99) double rho,
            @ForAll @DoubleRange(min = 0.0, max = 5.0) double cv) {
        assertThat(MG1.ofCv(rho, 1.0, cv + 0.01).meanWait())
                .isGreaterThan(MG1.ofCv(rho, 1.0, cv).meanWait());
    }
}
