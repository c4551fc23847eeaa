package dev.mastersim.experiment;

import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.SweepPoint;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.List;

/**
 * One run per value of a parameter: each point is the scenario with that value set (the caller
 * applies the override), simulated at month 0's peak hour. Every point uses its own settings' seed,
 * so points that share a seed differ by the parameter, not by the noise (common random numbers).
 */
public final class Sweep {
    private Sweep() {}

    /** One value of the swept parameter, the scenario with it set, and how to run it. */
    public record Point(String value, Scenario scenario, RunSettings settings) {}

    /**
     * Runs every point of the sweep of {@code param} in order; the progress total (every point's
     * replications) is announced first.
     */
    public static List<SweepPoint> run(String param, List<Point> points) {
        for (Point p : points) {
            p.settings().progress().plan(p.settings().replications());
        }
        List<SweepPoint> out = new ArrayList<>(points.size());
        for (Point p : points) {
            RunSettings settings = p.settings().within(param + "=" + p.value());
            RunResult r = Experiment.run(p.scenario(), Experiment.peakLoad(p.scenario(), 0, settings), settings);
            out.add(new SweepPoint(p.value(), r));
        }
        return out;
    }
}
