package dev.mastersim.cli;

import dev.mastersim.experiment.Experiment;
import dev.mastersim.experiment.RunSettings;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.model.Load;
import dev.mastersim.report.Format;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.scenario.Scenario;
import java.time.YearMonth;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code mastersim run}: simulate one load point (month 0's peak hour, or another month's). */
@Command(
        name = "run",
        mixinStandardHelpOptions = true,
        header = "Simulate the peak hour of one month and report every figure with its 95%% confidence interval.",
        description = "Simulates month 0's peak hour (rate × the largest daily multiplier), or --month's.")
final class RunCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Option(
            names = "--month",
            paramLabel = "YYYY-MM",
            description = "Simulate this month's peak hour instead of month 0's.")
    String month;

    @Override
    public Integer call() throws Exception {
        Format f = Format.valueOf(output.format(spec).toUpperCase(Locale.ROOT));
        Scenario s = options.load(spec.commandLine().getErr());
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        int index = monthIndex(s);
        RunSettings settings = options.settings(s);
        Load load = Experiment.peakLoad(s, index, settings);
        RunResult r;
        try (ProgressBars.Bar bar = output.progress(spec, true)) {
            r = Experiment.run(s, load, settings.withProgress(bar.progress()));
        }
        spec.commandLine().getOut().print(f.render(r));
        spec.commandLine().getOut().flush();
        for (Format each : Format.values()) {
            output.write(spec, "run." + each.extension(), each.render(r));
        }
        if (output.writing()) {
            output.writeReport(spec, "run", List.of(), HtmlReport.run(r, List.of(), options.source()));
        }
        return ExitCodes.DONE;
    }

    private int monthIndex(Scenario s) {
        if (month == null) {
            return 0;
        }
        try {
            YearMonth m = YearMonth.parse(month);
            YearMonth start = s.traffic().growth().start();
            int i = (m.getYear() - start.getYear()) * 12 + m.getMonthValue() - start.getMonthValue();
            if (i < 0) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--month: " + month + " is before the growth curve's start " + start);
            }
            return i;
        } catch (DateTimeParseException e) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--month: expected a month such as 2027-03, got '" + month + "'");
        }
    }
}
