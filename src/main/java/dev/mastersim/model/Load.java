package dev.mastersim.model;

/**
 * Which load one run simulates: the open arrival rate (requests per second; ignored for a closed
 * population), whether the scenario's spikes apply, and the run's length.
 *
 * @param rate requests per second offered by an open source
 * @param spikes whether {@code traffic.spikes} multiply the rate inside the run
 * @param warmup seconds simulated before statistics are reset
 * @param duration seconds measured after the warm-up
 * @param maxInFlight requests in the system at most; arrivals beyond are shed and the run ends as overloaded
 */
public record Load(double rate, boolean spikes, double warmup, double duration, int maxInFlight) {
    public Load {
        if (!(rate >= 0) || Double.isInfinite(rate)) {
            throw new IllegalArgumentException("rate must be finite and >= 0: " + rate);
        }
        if (!(duration > 0) || !(warmup >= 0)) {
            throw new IllegalArgumentException("duration must be > 0 and warmup >= 0");
        }
        if (maxInFlight < 1) {
            throw new IllegalArgumentException("maxInFlight must be >= 1");
        }
    }

    /** The default bound on requests in flight: memory stays bounded under any overload. */
    public static final int DEFAULT_MAX_IN_FLIGHT = 100_000;
}
