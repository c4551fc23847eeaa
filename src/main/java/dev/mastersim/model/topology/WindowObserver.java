package dev.mastersim.model.topology;

import dev.mastersim.engine.LatencyHistogram;
import dev.mastersim.engine.Measurements;

/**
 * Hears the end of each measured window of {@link DeploymentModel#runWindows}, before the model
 * resets its statistics for the next one.
 */
public interface WindowObserver {
    /**
     * One window has ended.
     *
     * @param figures the window's measurements, as {@link DeploymentModel#run} returns them
     * @param weights {@code figures.weights()}: for each figure of kind {@link
     *     dev.mastersim.engine.Metric.Kind#PER_OBSERVATION}, how much stands behind it (its
     *     denominator: requests, waits, borrows, or a level's time integral); windows are combined
     *     by weighting their figures with these. A rate or time-average weighs the window's length,
     *     {@code run.measured_s}.
     * @param all every request's response time in the window, overall
     * @param byType the same per request type, in the scenario's order
     * @param applyDelay every replica apply delay in the window; the histograms are the model's own
     *     and valid only during this call
     */
    void windowEnded(
            Measurements figures,
            Measurements weights,
            LatencyHistogram all,
            LatencyHistogram[] byType,
            LatencyHistogram applyDelay);
}
