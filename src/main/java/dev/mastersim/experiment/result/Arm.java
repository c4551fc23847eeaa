package dev.mastersim.experiment.result;

import java.time.YearMonth;

/**
 * One arm of a comparison: its search's forecast and capacity, the month it saturates in, the months
 * it buys over the baseline, and its rank.
 *
 * @param saturationMonth the calendar month it saturates in; null when its growth curve never reaches
 *     its capacity (0% growth)
 * @param monthIndex that month's index (0 = the growth curve's start), or null
 * @param derived true when the month lies past the horizon and comes from the capacity and the growth
 *     curve, not from a simulated month
 * @param monthsBought month index minus the baseline's; null when either has no month
 * @param atLeast true when the capacity, and so the month, is a lower bound (the search found no
 *     saturated rate)
 * @param capacityGain capacity ÷ the baseline's capacity
 * @param rank 1 for the arm that buys the most time (latest month, then most capacity); equal arms share a rank
 */
public record Arm(
        String name,
        ForecastResult forecast,
        CapacityResult capacity,
        YearMonth saturationMonth,
        Integer monthIndex,
        boolean derived,
        Integer monthsBought,
        boolean atLeast,
        double capacityGain,
        int rank) {

    /** An arm whose month is its forecast's saturation (or the horizon, as a lower bound), ranked 0 (unranked). */
    public Arm(String name, ForecastResult forecast, CapacityResult capacity, int monthsBought, boolean atLeast) {
        this(
                name,
                forecast,
                capacity,
                forecast.saturation() == null ? null : forecast.saturation().month(),
                forecast.saturation() == null ? null : forecast.saturation().index(),
                false,
                monthsBought,
                atLeast,
                Double.NaN,
                0);
    }

    /** The same arm with rank {@code r}. */
    public Arm withRank(int r) {
        return new Arm(
                name, forecast, capacity, saturationMonth, monthIndex, derived, monthsBought, atLeast, capacityGain, r);
    }
}
