package dev.mastersim.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

final class MMcKTest {

    @Test
    void lossSystemBlockingIsErlangB() {
        // M/M/c/c is Erlang's loss system: B(10, 5) = 0.018385 from the traffic tables.
        assertThat(new MMcK(5.0, 1.0, 10, 10).blockingProbability()).isCloseTo(0.018385, within(5e-7));
    }

    @Test
    void singleServerBlockingMatchesTheGeometricClosedForm() {
        // M/M/1/K: p(K) = (1 - ρ)ρ^K / (1 - ρ^{K+1}); ρ = 0.8, K = 5. Rounding only.
        double rho = 0.8;
        double expected = (1 - rho) * Math.pow(rho, 5) / (1 - Math.pow(rho, 6));
        assertThat(new MMcK(0.8, 1.0, 1, 5).blockingProbability()).isCloseTo(expected, within(1e-14));
    }

    @Test
    void singleServerNumberInSystemMatchesTheClosedForm() {
        // M/M/1/K: L = ρ/(1 - ρ) - (K + 1)ρ^{K+1}/(1 - ρ^{K+1}); ρ = 0.8, K = 5.
        double rho = 0.8;
        double expected = rho / (1 - rho) - 6 * Math.pow(rho, 6) / (1 - Math.pow(rho, 6));
        assertThat(new MMcK(0.8, 1.0, 1, 5).meanNumberInSystem()).isCloseTo(expected, within(1e-13));
    }

    @Test
    void largeCapacityApproachesTheUnboundedQueue() {
        // with K = 2000 at ρ = 0.875 the truncated mass is ~0.875^2000 ≈ 1e-116: identical
        MMcK bounded = new MMcK(0.35, 10.0, 4, 2000);
        MMc unbounded = new MMc(0.35, 10.0, 4);
        assertThat(bounded.meanWait()).isCloseTo(unbounded.meanWait(), within(1e-9));
    }

    @Test
    void overloadWithLargeCapacityDoesNotOverflow() {
        // ρ = 2, K = 5000: a^K = 2^5000 would overflow; the admitted rate tends to c/S = 1
        // and the blocking to 1 - 1/ρ = 0.5 (geometric tail, error ~2^-5000).
        MMcK q = new MMcK(2.0, 1.0, 1, 5000);
        assertThat(q.blockingProbability()).isCloseTo(0.5, within(1e-12));
        assertThat(q.throughput()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void rejectsCapacityBelowServersNamingCapacity() {
        assertThatThrownBy(() -> new MMcK(1.0, 1.0, 4, 3))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("capacity");
    }

    @Property
    void busyServersEqualAdmittedLoad(
            @ForAll @IntRange(min = 1, max = 16) int c,
            @ForAll @IntRange(min = 0, max = 40) int extra,
            @ForAll @DoubleRange(min = 0.05, max = 5.0) double rho) {
        // L - Lq = Σ min(n, c)p(n) (from the distribution) must equal throughput·S (from the
        // blocking probability): flow balance through the servers. Relative tolerance 1e-9.
        MMcK q = new MMcK(rho * c, 1.0, c, c + extra);
        double busy = q.meanNumberInSystem() - q.meanQueueLength();
        assertThat(busy).isCloseTo(q.throughput() * 1.0, within(1e-9 * Math.max(busy, 1.0)));
    }

    @Property
    void blockingGrowsWithLoad(
            @ForAll @IntRange(min = 1, max = 16) int c,
            @ForAll @IntRange(min = 0, max = 40) int extra,
            @ForAll @DoubleRange(min = 0.05, max = 5.0) double rho) {
        double low = new MMcK(rho * c, 1.0, c, c + extra).blockingProbability();
        double high = new MMcK(rho * 1.01 * c, 1.0, c, c + extra).blockingProbability();
        assertThat(high).isGreaterThan(low);
    }
}
