package dev.mastersim.experiment.result;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

final class NumbersTest {
    @Test
    void aMeanAndItsIntervalShareOneDecimalPlace() {
        assertThat(Numbers.figure(298.8, 4.7873)).isEqualTo("298.8 ± 4.8");
        assertThat(Numbers.figure(0.0047, 2.035e-4)).isEqualTo("0.0047 ± 0.0002");
        assertThat(Numbers.mean(298.8, 4.7873)).isEqualTo("298.8");
        assertThat(Numbers.interval(298.8, 4.7873)).isEqualTo("4.8");
    }

    @Test
    void anIntervalFinerThanTheMeanGetsItsFirstSignificantDigit() {
        assertThat(Numbers.figure(1000.0, 0.003)).isEqualTo("1000.000 ± 0.003");
        assertThat(Numbers.figure(0, 0.00123)).isEqualTo("0.000 ± 0.001");
    }

    @Test
    void aValueHasFourSignificantFiguresWithoutTrailingZeros() {
        assertThat(Numbers.value(90.0456)).isEqualTo("90.05");
        assertThat(Numbers.value(120.0)).isEqualTo("120");
        assertThat(Numbers.value(39.678999999999995)).isEqualTo("39.68");
        assertThat(Numbers.value(2.0000)).isEqualTo("2");
        assertThat(Numbers.value(1234567.8)).isEqualTo("1234568");
        assertThat(Numbers.value(-0.00001)).isEqualTo("-1e-5");
        assertThat(Numbers.value(0.000008501)).isEqualTo("8.501e-6");
        assertThat(Numbers.value(0.0001234)).isEqualTo("0.0001234");
        assertThat(Numbers.value(Double.NaN)).isEqualTo(Numbers.NONE);
    }

    @Test
    void aSingleReplicationHasNoInterval() {
        assertThat(Numbers.figure(12.3456, Double.NaN)).isEqualTo("12.35");
        assertThat(Numbers.interval(12.3456, Double.NaN)).isEqualTo(Numbers.NONE);
    }

    @Test
    void utilisationIsAPercentage() {
        assertThat(Numbers.percent(0.4521)).isEqualTo("45.21%");
        assertThat(Numbers.percent(1.0)).isEqualTo("100%");
        assertThat(Numbers.percentFigure(0.4521, 0.0013)).isEqualTo("45.21 ± 0.13%");
    }

    @Test
    void aValueBesideItsLimitShowsWhichSideItIsOn() {
        assertThat(Numbers.percentAgainst(0.904, 0.9)).containsExactly("90.4%", "90%");
        assertThat(Numbers.percentAgainst(0.90004, 0.9)).containsExactly("90.004%", "90%");
        assertThat(Numbers.percentAgainst(0.89996, 0.9)).containsExactly("89.996%", "90%");
        assertThat(Numbers.against(300.04, 300)).containsExactly("300.04", "300");
        assertThat(Numbers.against(412.0, 300)).containsExactly("412.0", "300");
    }
}
