package dev.mastersim.experiment.result;

import java.util.List;

/**
 * The highest peak rate that is not saturated, with the verdict just above it and the headroom
 * over today's rate (supported growth factor and residual capacity, in BMC's vocabulary).
 *
 * @param capacity the highest rate found not saturated, requests per second (for a closed population:
 *     the largest number of users)
 * @param limit the verdict at the lowest rate found saturated (what gives out first)
 * @param today month 0's peak rate (for a closed population: its users at month 0's peak hour)
 * @param points every rate evaluated, in the order evaluated
 */
public record CapacityResult(String scenario, double capacity, Verdict limit, double today, List<RunResult> points) {
    public CapacityResult {
        points = List.copyOf(points);
    }

    /** Capacity over today's peak rate: how many times today's load fits. */
    public double growthFactor() {
        return today > 0 ? capacity / today : Double.POSITIVE_INFINITY;
    }

    /** Capacity minus today's peak rate, requests per second. */
    public double residual() {
        return capacity - today;
    }
}
