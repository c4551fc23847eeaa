package dev.mastersim.cli;

import dev.mastersim.experiment.Compare;
import dev.mastersim.experiment.result.Arm;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.report.PlanReport;
import dev.mastersim.scenario.Scenario;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mastersim compare}: every re-architecture arm against the baseline, in months bought. */
@Command(
        name = "compare",
        mixinStandardHelpOptions = true,
        header = "Each option arm against the baseline: saturation month, months bought, capacity, bottleneck.",
        description = "Arms are the scenario's `options` (each a set of overrides); --option picks some of them.")
final class CompareCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Option(names = "--option", paramLabel = "NAME", description = "Compare only these arms (default: all).")
    List<String> only = new ArrayList<>();

    static final Session.Rendering<List<Arm>> RENDERING = new Session.Rendering<>(
            PlanReport::compareTable,
            JsonReport::compare,
            PlanReport::compareCsv,
            (arms, limits) -> Charts.compare(arms),
            HtmlReport::compare);

    @Override
    public Integer call() throws Exception {
        Session session = new Session(spec, options, output, "compare");
        Scenario base = session.load();
        if (base == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        for (String name : only) {
            if (!base.options().containsKey(name)) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(),
                        "--option: no arm named '" + name + "'; the scenario's options are "
                                + base.options().keySet());
            }
        }
        Map<String, Scenario> arms = new LinkedHashMap<>();
        arms.put("baseline", base);
        for (Map.Entry<String, Map<String, String>> arm : base.options().entrySet()) {
            if (!only.isEmpty() && !only.contains(arm.getKey())) {
                continue;
            }
            List<String> sets = new ArrayList<>(options.sets);
            arm.getValue().forEach((k, v) -> sets.add(k + "=" + v));
            Scenario s = session.loadWith(sets);
            if (s == null) {
                return ExitCodes.INVALID_SCENARIO;
            }
            arms.put(arm.getKey(), s);
        }
        List<Arm> result = session.simulate(base, false, settings -> Compare.run(arms, settings));
        session.publish(base, result, RENDERING);
        return ExitCodes.DONE;
    }
}
