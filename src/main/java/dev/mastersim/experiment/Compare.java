package dev.mastersim.experiment;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every re-architecture arm against the baseline: each arm's forecast and capacity, and the months
 * it buys. All arms use the same seed and stream indices, so the comparison is between
 * architectures under the same traffic (common random numbers).
 */
public final class Compare {
    private Compare() {}

    /** {@code arms} maps a name to its scenario; the first is the baseline. */
    public static List<Arm> run(Map<String, Scenario> arms, RunSettings settings) {
        Map<String, ForecastResult> forecasts = new LinkedHashMap<>();
        Map<String, CapacityResult> capacities = new LinkedHashMap<>();
        arms.forEach((name, s) -> {
            forecasts.put(name, Forecast.run(s, settings.within(name)));
            capacities.put(name, Capacity.run(s, settings.within(name)));
        });
        ForecastResult base = forecasts.values().iterator().next();
        List<Arm> out = new ArrayList<>();
        for (String name : arms.keySet()) {
            ForecastResult f = forecasts.get(name);
            int baseMonth = base.saturation() == null
                    ? base.horizon()
                    : base.saturation().index();
            int month = f.saturation() == null ? f.horizon() : f.saturation().index();
            boolean atLeast = f.saturation() == null;
            out.add(new Arm(name, f, capacities.get(name), month - baseMonth, atLeast));
        }
        return priced(arms, out);
    }

    /** The arms with their monthly cost from their own scenario's {@code cost:} (unchanged without one). */
    static List<Arm> priced(Map<String, Scenario> scenarios, List<Arm> arms) {
        List<Arm> out = new ArrayList<>();
        for (Arm a : arms) {
            Scenario s = scenarios.get(a.name());
            out.add(
                    s == null || s.cost() == null
                            ? a
                            : a.withCost(s.cost().currency(), s.cost().monthly(s)));
        }
        return out;
    }
}
