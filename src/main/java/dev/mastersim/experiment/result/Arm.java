package dev.mastersim.experiment.result;

/**
 * One arm of a comparison: its forecast and capacity, and the months it buys over the baseline.
 *
 * @param monthsBought saturation month index minus the baseline's; when the arm does not saturate
 *     within the horizon, the months to the horizon's end (a lower bound: see {@code atLeast})
 * @param currency the unit of {@code costPerMonth}, empty when the scenario has no {@code cost:}
 * @param costPerMonth the arm's monthly cost from its own topology (instances x prices), NaN when the
 *     scenario has no {@code cost:}
 */
public record Arm(
        String name,
        ForecastResult forecast,
        CapacityResult capacity,
        int monthsBought,
        boolean atLeast,
        String currency,
        double costPerMonth) {

    /** An arm without a cost. */
    public Arm(String name, ForecastResult forecast, CapacityResult capacity, int monthsBought, boolean atLeast) {
        this(name, forecast, capacity, monthsBought, atLeast, "", Double.NaN);
    }

    /** The same arm with its monthly cost. */
    public Arm withCost(String unit, double perMonth) {
        return new Arm(name, forecast, capacity, monthsBought, atLeast, unit, perMonth);
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
        return monthsBought / ((costPerMonth - baseline.costPerMonth) / 1000.0);
    }
}
