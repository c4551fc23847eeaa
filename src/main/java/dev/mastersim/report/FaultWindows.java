package dev.mastersim.report;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.RunResult;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The faults of a run's result, in the scenario's order: each one's window, from its figures. */
final class FaultWindows {
    private FaultWindows() {}

    /**
     * One fault.
     *
     * @param name its entity name, {@code <n>-<kind>}
     * @param at its start, seconds from the start of the run
     * @param end when its last round ends
     * @param recovery seconds from its end until it had recovered (NaN: not within the run)
     */
    record Window(String name, double at, double end, double recovery) {
        /** When it had recovered (its window closed), or {@code otherwise} when it had not by the run's end. */
        double recoveredAt(double otherwise) {
            return Double.isFinite(recovery) ? end + recovery : otherwise;
        }
    }

    static List<Window> of(RunResult r) {
        Map<String, Map<String, Double>> byFault = new LinkedHashMap<>();
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            if (FigureNames.isFault(e.getKey())) {
                byFault.computeIfAbsent(e.getKey().get(1), k -> new LinkedHashMap<>())
                        .put(e.getKey().get(2), e.getValue().mean());
            }
        }
        List<Window> out = new ArrayList<>();
        byFault.forEach((name, f) -> {
            double at = f.getOrDefault("at_s", Double.NaN);
            double end = f.getOrDefault("end_s", at + f.getOrDefault("length_s", 0.0));
            out.add(new Window(name, at, end, f.getOrDefault("recovery_s", Double.NaN)));
        });
        return out;
    }
}
