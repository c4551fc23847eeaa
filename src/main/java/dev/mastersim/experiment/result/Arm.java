package dev.mastersim.experiment.result;

import java.time.YearMonth;

/**
 * One arm of a comparison: its search's forecast and capacity, the month it saturates in, the months
 * it buys over the baseline, its rank, and what it costs.
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
 * @param rank 1 for the arm that buys the most time (latest month, then free, then most capacity);
 *     equal arms share a rank
 * @param currency the unit of {@code costPerMonth}, empty when the scenario has no {@code cost:}
 * @param costPerMonth the arm's monthly cost from its own topology (instances x prices), NaN when the
 *     scenario has no {@code cost:}
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
        int rank,
        String currency,
        double costPerMonth) {

    /** An arm whose month is its forecast's saturation (or the horizon, as a lower bound), unranked, unpriced. */
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
                0,
                "",
                Double.NaN);
    }

    /** An arm without a rank and a cost (both added by {@link #withRank} and {@link #withCost}). */
    public Arm(
            String name,
            ForecastResult forecast,
            CapacityResult capacity,
            YearMonth saturationMonth,
            Integer monthIndex,
            boolean derived,
            Integer monthsBought,
            boolean atLeast,
            double capacityGain) {
        this(
                name,
                forecast,
                capacity,
                saturationMonth,
                monthIndex,
                derived,
                monthsBought,
                atLeast,
                capacityGain,
                0,
                "",
                Double.NaN);
    }

    /** The same arm with rank {@code r}. */
    public Arm withRank(int r) {
        return new Arm(
                name,
                forecast,
                capacity,
                saturationMonth,
                monthIndex,
                derived,
                monthsBought,
                atLeast,
                capacityGain,
                r,
                currency,
                costPerMonth);
    }

    /** The same arm with its monthly cost. */
    public Arm withCost(String unit, double perMonth) {
        return new Arm(
                name,
                forecast,
                capacity,
                saturationMonth,
                monthIndex,
                derived,
                monthsBought,
                atLeast,
                capacityGain,
                rank,
                unit,
                perMonth);
    }

    /** Whether the scenario priced the arm. */
    public boolean hasCost() {
        return Double.isFinite(costPerMonth);
    }

    /**
     * The verdict at the arm's saturation point: the first saturated month's, or, when none is within the
     * horizon, the verdict just above its capacity.
     */
    public Verdict limit() {
        MonthPoint s = forecast.saturation();
        return s != null ? s.result().verdict() : capacity.limit();
    }

    /** The resource that gives out first at the saturation point. */
    public String bottleneck() {
        return limit().bottleneck();
    }

    /** Why the arm saturates there. */
    public String reason() {
        return limit().reason();
    }

    /**
     * The resource with the second-highest load index at the saturation point (ties by name): the wall
     * the arm runs into once its bottleneck is fixed; empty when the verdict has no other index.
     */
    public String nextBottleneck() {
        return limit().runnerUp();
    }

    /** The next bottleneck's load index, NaN when there is none. */
    public double nextBottleneckIndex() {
        Double x = limit().indices().get(nextBottleneck());
        return x == null ? Double.NaN : x;
    }

    /** Whether the arm costs no more a month than {@code baseline}: its months come free. */
    public boolean free(Arm baseline) {
        return hasCost() && baseline.hasCost() && costPerMonth <= baseline.costPerMonth;
    }

    /**
     * Months bought per 1,000 of extra monthly cost over {@code baseline}: months bought / ((cost -
     * baseline's cost) / 1000). NaN when either is not priced or the arm is {@linkplain #free free}.
     */
    public double monthsPer1000(Arm baseline) {
        if (!hasCost() || !baseline.hasCost() || free(baseline)) {
            return Double.NaN;
        }
        if (monthsBought == null) {
            return Double.NaN;
        }
        return monthsBought / ((costPerMonth - baseline.costPerMonth) / 1000.0);
    }
}
