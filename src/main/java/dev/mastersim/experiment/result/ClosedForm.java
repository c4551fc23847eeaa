package dev.mastersim.experiment.result;

/**
 * The closed-form first answer to {@code capacity}, printed beside the simulated one: the highest
 * rate a queueing formula allows (for a closed population, the largest number of users), or why the
 * scenario is outside what a formula covers.
 *
 * @param capacity requests per second, or users when {@code users}; NaN when there is no closed form
 * @param method the formula and what bound it ({@code "Erlang C (M/M/c): ..."})
 * @param bottleneck the resource the formula says gives out first; empty when there is no closed form
 * @param why empty when there is a closed form; otherwise why not
 * @param users whether {@code capacity} counts users (a closed population) rather than requests per second
 * @param throughput requests per second at the capacity (equal to it for an open source)
 */
public record ClosedForm(
        double capacity, String method, String bottleneck, String why, boolean users, double throughput) {

    /** An open source's answer: {@code capacity} requests per second. */
    public ClosedForm(double capacity, String method, String bottleneck, String why) {
        this(capacity, method, bottleneck, why, false, capacity);
    }

    /** No closed form, because {@code why}. */
    public static ClosedForm none(String why) {
        return new ClosedForm(Double.NaN, "", "", why);
    }

    /** Whether a formula covers the scenario. */
    public boolean covered() {
        return why.isEmpty();
    }
}
