package dev.mastersim.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

final class MMcTest {

    /** PDQ's bank example (Gunther, Analyzing Computer System Performance with Perl::PDQ): M/M/4. */
    private static final MMc BANK = new MMc(0.35, 10.0, 4);

    @Test
    void bankModelWaitMatchesPdq() {
        // PDQ reports Wq = 14.7572 min; 4 decimals published, tolerance half a unit in the last.
        assertThat(BANK.meanWait()).isCloseTo(14.7572, within(5e-5));
    }

    @Test
    void bankModelResponseMatchesPdq() {
        // PDQ reports R = 24.7572 min; same tolerance.
        assertThat(BANK.meanResponse()).isCloseTo(24.7572, within(5e-5));
    }

    @Test
    void threeTellerBankMatchesTruemanExample() {
        // HP-12C Solutions Handbook, queueing example 1 (Trueman 1977): λ = 1.2/min, μ = 0.5/min,
        // 3 tellers: Wq = 2.16, W = 4.16 min, Lq = 2.59, L = 4.99. Published to 2 decimals,
        // computed there from a 4-digit table entry (1.079), so 0.01 covers both roundings.
        MMc bank = new MMc(1.2, 2.0, 3);
        assertThat(bank.meanWait()).isCloseTo(2.16, within(0.01));
        assertThat(bank.meanResponse()).isCloseTo(4.16, within(0.01));
        assertThat(bank.meanQueueLength()).isCloseTo(2.59, within(0.01));
        assertThat(bank.meanNumberInSystem()).isCloseTo(4.99, within(0.01));
    }

    @Test
    void singleServerResponseIsServiceOverOneMinusRho() {
        // M/M/1: W = S/(1 - ρ) = 2/(1 - 0.8) = 10; only rounding differs.
        assertThat(new MMc(0.4, 2.0, 1).meanResponse()).isCloseTo(10.0, within(1e-12));
    }

    @Test
    void singleServerQueueLengthIsRhoSquaredOverOneMinusRho() {
        // M/M/1: Lq = ρ²/(1 - ρ) = 0.64/0.2 = 3.2.
        assertThat(new MMc(0.4, 2.0, 1).meanQueueLength()).isCloseTo(3.2, within(1e-12));
    }

    @Test
    void waitTailAtZeroIsTheProbabilityOfWaiting() {
        assertThat(BANK.waitTail(0.0)).isCloseTo(BANK.probabilityOfWaiting(), within(1e-15));
    }

    @Test
    void waitQuantileInvertsTheTail() {
        double t = BANK.waitQuantile(0.95);
        // 1e-12: the two are exact inverses, only rounding differs
        assertThat(BANK.waitTail(t)).isCloseTo(0.05, within(1e-12));
    }

    @Test
    void waitQuantileIsZeroWhenMostArrivalsDoNotWait() {
        // C(4, 1) ≈ 0.0154, so the median arrival does not wait at all
        assertThat(new MMc(0.1, 10.0, 4).waitQuantile(0.5)).isZero();
    }

    @Test
    void singleServerResponseTailIsExponentialWithRateMuMinusLambda() {
        // M/M/1 response ~ Exp(μ - λ); the general formula mixes two exponentials and must
        // collapse to it. Rate 0.5 - 0.4 = 0.1, t = 7: e^{-0.7}.
        MMc q = new MMc(0.4, 2.0, 1);
        assertThat(q.responseTail(7.0)).isCloseTo(Math.exp(-0.7), within(1e-14));
    }

    @Test
    void singleServerResponsePercentileIsTheExponentialQuantile() {
        // 95th percentile of Exp(0.1) = ln(20)/0.1
        assertThat(new MMc(0.4, 2.0, 1).responseQuantile(0.95)).isCloseTo(Math.log(20.0) / 0.1, within(1e-12));
    }

    @Test
    void multiServerResponsePercentileInvertsTheTail() {
        double t = BANK.responseQuantile(0.99);
        // the solver is asked for 1e-12·S in time; the tail's slope is below 1 per minute here
        assertThat(BANK.responseTail(t)).isCloseTo(0.01, within(1e-9));
    }

    @Test
    void responseTailIntegratesToTheMeanResponse() {
        // E[W] = ∫ P(W > t) dt; Simpson on [0, 400] (tail there ~1e-12) with 40000 panels has
        // error far below 1e-6 for this smooth integrand.
        int panels = 40_000;
        double h = 400.0 / panels;
        double sum = BANK.responseTail(0.0) + BANK.responseTail(400.0);
        for (int i = 1; i < panels; i++) {
            sum += (i % 2 == 1 ? 4 : 2) * BANK.responseTail(i * h);
        }
        assertThat(sum * h / 3.0).isCloseTo(BANK.meanResponse(), within(1e-6));
    }

    @Test
    void responseTailIsContinuousWhereTheTwoRatesMeet() {
        // c = 2, S = 1, λ = 1: θ = cμ - λ = 1 = μ, the limit case e^{-t}(1 + t) inside the mix.
        MMc q = new MMc(1.0, 1.0, 2);
        MMc near = new MMc(1.0 + 1e-9, 1.0, 2);
        assertThat(q.responseTail(3.0)).isCloseTo(near.responseTail(3.0), within(1e-8));
    }

    @Test
    void rejectsUnstableLoadNamingUtilisation() {
        assertThatThrownBy(() -> new MMc(0.4, 10.0, 4))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("utilisation");
    }

    @Test
    void rejectsNonPositiveArrivalRateNamingLambda() {
        assertThatThrownBy(() -> new MMc(0.0, 1.0, 1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("lambda");
    }

    @Property
    void numberInSystemIsQueuePlusBusyServers(
            @ForAll @IntRange(min = 1, max = 64) int c, @ForAll @DoubleRange(min = 0.01, max = 0.99) double rho) {
        // L = Lq + a: Little's law applied to the servers alone; relative tolerance for rounding
        MMc q = new MMc(rho * c, 1.0, c);
        double l = q.meanNumberInSystem();
        assertThat(l).isCloseTo(q.meanQueueLength() + q.offeredLoad(), within(1e-9 * l));
    }

    @Property
    void waitGrowsWithArrivalRate(
            @ForAll @IntRange(min = 1, max = 64) int c, @ForAll @DoubleRange(min = 0.01, max = 0.98) double rho) {
        assertThat(new MMc(rho * 1.01 * c, 1.0, c).meanWait()).isGreaterThan(new MMc(rho * c, 1.0, c).meanWait());
    }
}
