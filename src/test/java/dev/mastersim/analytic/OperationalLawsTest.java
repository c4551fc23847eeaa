package dev.mastersim.analytic;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

final class OperationalLawsTest {

    @Test
    void littlesLawMultipliesThroughputByResidence() {
        assertThat(OperationalLaws.little(2.5, 4.0)).isCloseTo(10.0, within(1e-15));
    }

    @Test
    void interactiveResponseSubtractsThinkTime() {
        // Lazowska ch. 3: 100 users, X = 5/s, Z = 18 s → R = 100/5 - 18 = 2 s
        assertThat(OperationalLaws.interactiveResponse(100, 5.0, 18.0)).isCloseTo(2.0, within(1e-13));
    }

    @Test
    void throughputBoundIsTheBottleneckAtHighPopulation() {
        // D = (0.605, 2.1, 1.35), Z = 15: N/(D + Z) = 100/19.055 > 1/2.1, so 1/Dmax wins
        assertThat(OperationalLaws.throughputBound(new double[] {0.605, 2.1, 1.35}, 15.0, 100))
                .isCloseTo(1.0 / 2.1, within(1e-15));
    }

    @Test
    void throughputBoundIsThePopulationLineAtLowPopulation() {
        assertThat(OperationalLaws.throughputBound(new double[] {0.605, 2.1, 1.35}, 15.0, 2))
                .isCloseTo(2.0 / 19.055, within(1e-15));
    }

    @Test
    void rejectsNegativeThroughputNamingIt() {
        assertThatThrownBy(() -> OperationalLaws.utilisation(-1.0, 1.0))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("throughput");
    }
}
