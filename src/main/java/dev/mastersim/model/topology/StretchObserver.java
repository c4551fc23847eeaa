package dev.mastersim.model.topology;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;

/**
 * Hears a run with faults measured in consecutive windows ({@link DeploymentModel#runWindows(double[],
 * StretchObserver)}): each window comes in stretches, cut where a fault's window opens or closes, each
 * judged (outside every fault's window) or not; then the window's end.
 */
public interface StretchObserver {
    /**
     * One stretch of window {@code window} (from 0) has ended; the arguments after {@code judged} are
     * as {@link WindowObserver#windowEnded} has them, valid only during this call.
     *
     * @param judged whether the stretch lay outside every fault's window (from its start until it has
     *     recovered), so that a verdict judges it
     */
    void stretchEnded(
            int window,
            boolean judged,
            Measurements figures,
            Measurements weights,
            LatencyHistogram all,
            LatencyHistogram[] byType,
            LatencyHistogram applyDelay);

    /** Window {@code window} has ended (after its last stretch). */
    void windowEnded(int window);
}
