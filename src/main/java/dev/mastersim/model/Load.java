package dev.mastersim.model;

/**
 * Which load one run simulates: the open arrival rate (requests per second; ignored for a closed
 * population), the closed population (ignored for open arrivals), whether the scenario's spikes
 * apply, and the run's length.
 *
 * @param rate requests per second offered by an open source
 * @param users the closed population this run simulates, or {@link #SCENARIO_USERS} for the scenario's
 *     own {@code traffic.users} (a forecast's month and a capacity search scale it)
 * @param spikes whether {@code traffic.spikes} multiply the rate inside the run
 * @param warmup seconds simulated before statistics are reset
 * @param duration seconds measured after the warm-up
 * @param maxInFlight requests in the system at most; arrivals beyond are shed and the run ends as overloaded
 */
public record Load(double rate, int users, boolean spikes, double warmup, double duration, int maxInFlight) {
    /** {@link #users} meaning: the scenario's own population, unscaled. */
    public static final int SCENARIO_USERS = -1;

    public Load {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be finite and >= 0: " + rate);
        }
        if (users < SCENARIO_USERS) {
            throw new IllegalArgumentException("users must be >= 0 (or SCENARIO_USERS): " + users);
        }
        if (!(duration > 0) || !(warmup >= 0)) {
            throw new IllegalArgumentException("duration must be > 0 and warmup >= 0");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1");
        }
    }

    /** A load at {@code rate} whose closed population, if any, is the scenario's own. */
    public Load(double rate, boolean spikes, double warmup, double duration, int maxInFlight) {
        this(rate, SCENARIO_USERS, spikes, warmup, duration, maxInFlight);
    }

    /** The closed population to simulate, given the scenario's {@code traffic.users}. */
    public int population(int scenarioUsers) {
        return users == SCENARIO_USERS ? scenarioUsers : users;
    }

    /** The default bound on requests in flight: memory stays bounded under any overload. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 100_000;
}
