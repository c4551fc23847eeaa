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
 * @param levels the load each of {@code points} offered, in the same order: its rate, requests per second,
 *     or for a closed population its users (whose runs offer no rate: {@link RunResult#closedPopulation})
 */
public record CapacityResult(
        String scenario, double capacity, Verdict limit, double today, List<RunResult> points, List<Double> levels) {
    public CapacityResult {
        points = List.copyOf(points);
        levels = List.copyOf(levels);
        if (levels.size() != points.size()) {
            throw new IllegalArgumentException(
                    "one level per point: " + levels.size() + " levels for " + points.size() + " points");
        }
    }

    /**
     * A search on open traffic, each point's level its rate. A closed population's points offer no rate,
     * so they need their users given ({@link #CapacityResult(String, double, Verdict, double, List, List)}).
     */
    public CapacityResult(String scenario, double capacity, Verdict limit, double today, List<RunResult> points) {
        this(scenario, capacity, limit, today, points, rates(points));
    }

    private static List<Double> rates(List<RunResult> points) {
        for (RunResult r : points) {
            if (r.closedPopulation()) {
                throw new IllegalArgumentException("a closed population's points need their users as levels");
            }
        }
        return points.stream().map(RunResult::rate).toList();
    }

    /**
     * Whether the search ran a closed population: its levels and capacity are numbers of users, and its
     * runs offer no rate. False when there are no points.
     */
    public boolean closedPopulation() {
        return !points.isEmpty() && points.stream().allMatch(RunResult::closedPopulation);
    }

    /** The unit of the levels, the capacity and today's load: users for a closed population, else requests/s. */
    public String unit() {
        return closedPopulation() ? "users" : "requests/s";
    }

    /** Capacity over today's peak rate: how many times today's load fits. */
    public double growthFactor() {
        return today > 0 ? capacity / today : Double.POSITIVE_INFINITY;
    }

    /** Capacity minus today's peak rate, requests per second (for a closed population: users). */
    public double residual() {
        return capacity - today;
    }
}
