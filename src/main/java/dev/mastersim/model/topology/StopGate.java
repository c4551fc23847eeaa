package dev.mastersim.model.topology;

/**
 * Asked by a run before it stops early ("may I stop now?"): a run whose verdict is already certain may
 * end before its full length, but never where a stop would cut short what the run is for, such as
 * inside a fault window or the recovery after it. Called on the hot path: answers without allocating.
 */
@FunctionalInterface
public interface StopGate {
    /** Always allows a stop. */
    StopGate ALWAYS = now -> true;

    /** Whether the run may stop early at simulated time {@code now} (seconds). */
    boolean mayStop(double now);
}
