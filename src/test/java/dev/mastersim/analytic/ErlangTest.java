package dev.mastersim.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.DoubleRange;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

final class ErlangTest {

    @Test
    void erlangBMatchesTheTrafficTableForTenServersAndFiveErlangs() {
        // Erlang B tables give B(10, 5) = 0.018385; published to 6 decimals, so half a unit in
        // the last place is the tolerance.
        assertThat(Erlang.erlangB(10, 5.0)).isCloseTo(0.018385, within(5e-7));
    }

    @Test
    void erlangBWithOneServerIsLoadOverOnePlusLoad() {
        // M/M/1/1: B = a/(1 + a) exactly; the recurrence does one step, so only rounding differs.
        assertThat(Erlang.erlangB(1, 0.7)).isCloseTo(0.7 / 1.7, within(1e-15));
    }

    @Test
    void erlangBWithNoServersLosesEverything() {
        assertThat(Erlang.erlangB(0, 3.0)).isEqualTo(1.0);
    }

    @Test
    void erlangCMatchesTruemanTableForThreeServersAtEightyPerCent() {
        // HP-12C Solutions Handbook, queueing example 1, citing Trueman, "An Introduction to
        // Quantitative Methods for Decision Making" (1977), table 12.2: for c = 3, ρ = 0.8 the
        // mean wait is 1.079 mean service times, so C = 1.079 · (c - a) = 1.079 · 0.6. The
        // table has 4 significant digits: tolerance half a unit in the last, times 0.6.
        assertThat(Erlang.erlangC(3, 2.4)).isCloseTo(1.079 * 0.6, within(0.0005 * 0.6));
    }

    @Test
    void erlangCWithTwoServersAndOneErlangIsOneThird() {
        // B(2,1) = 1/5, so C = 2·(1/5) / (2 - 1·(4/5)) = 1/3 exactly.
        assertThat(Erlang.erlangC(2, 1.0)).isCloseTo(1.0 / 3.0, within(1e-15));
    }

    @Test
    void erlangCWithOneServerIsTheUtilisation() {
        // M/M/1: an arrival waits iff the server is busy, P = ρ.
        assertThat(Erlang.erlangC(1, 0.42)).isCloseTo(0.42, within(1e-15));
    }

    @Test
    void erlangBStaysAccurateForThousandsOfServers() {
        // a factorial form overflows at c = 171; the recurrence must stay accurate. At a = c,
        // 1/B(c, c) = 1 + Q(c) with Ramanujan's Q(c) = sqrt(πc/2) - 1/3 + O(c^-1/2), so
        // B ≈ 1/(sqrt(πc/2) + 2/3); the neglected term is O(1/c) relative, 1e-4 for c = 10000.
        double b = Erlang.erlangB(10_000, 10_000.0);
        double asymptote = 1.0 / (Math.sqrt(Math.PI * 10_000 / 2.0) + 2.0 / 3.0);
        assertThat(b).isCloseTo(asymptote, within(1e-4 * asymptote));
    }

    @Test
    void erlangCRejectsAnUnstableLoad() {
        assertThatThrownBy(() -> Erlang.erlangC(4, 4.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("a / c");
    }

    @Test
    void erlangBRejectsANegativeLoadNamingIt() {
        assertThatThrownBy(() -> Erlang.erlangB(3, -1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("a ");
    }

    @Property
    void erlangCIsAtLeastErlangB(
            @ForAll @IntRange(min = 1, max = 200) int c, @ForAll @DoubleRange(min = 0.0, max = 0.99) double rho) {
        double a = rho * c;
        assertThat(Erlang.erlangC(c, a)).isGreaterThanOrEqualTo(Erlang.erlangB(c, a));
    }

    @Property
    void erlangBGrowsWithLoad(
            @ForAll @IntRange(min = 1, max = 200) int c, @ForAll @DoubleRange(min = 0.1, max = 5) double rho) {
        // at least 0.1 Erlang per server keeps B above double underflow for c ≤ 200
        double a = rho * c;
        assertThat(Erlang.erlangB(c, a * 1.01)).isGreaterThan(Erlang.erlangB(c, a));
    }

    @Property
    void erlangBFallsWithMoreServers(
            @ForAll @IntRange(min = 1, max = 200) int c, @ForAll @DoubleRange(min = 0.1, max = 5) double rho) {
        double a = rho * c;
        assertThat(Erlang.erlangB(c + 1, a)).isLessThan(Erlang.erlangB(c, a));
    }

    @Property
    void erlangCGrowsWithLoad(
            @ForAll @IntRange(min = 1, max = 200) int c, @ForAll @DoubleRange(min = 0.01, max = 0.98) double rho) {
        assertThat(Erlang.erlangC(c, rho * 1.01 * c)).isGreaterThan(Erlang.erlangC(c, rho * c));
    }
}
