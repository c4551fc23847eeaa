package dev.mastersim.cli;

import dev.mastersim.experiment.Forecast;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.report.JsonReport;
import dev.mastersim.report.PlanReport;
import dev.mastersim.scenario.Scenario;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mastersim forecast}: the first saturated month on the growth curve, why, and on what. */
@Command(
        name = "forecast",
        mixinStandardHelpOptions = true,
        header = "Walk the growth curve: the first saturated month, why, and on what.",
        description = "Simulates each month's peak hour (bisecting on the month when load only grows) and reports "
                + "the first month whose verdict is saturated with 95%% confidence, with the months around it.")
final class ForecastCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    ScenarioOptions options;

    @Mixin
    OutputOptions output;

    @Override
    public Integer call() throws Exception {
        output.format(spec); // a bad --format fails before anything is simulated
        Scenario s = options.load(spec.commandLine().getErr());
        if (s == null) {
            return ExitCodes.INVALID_SCENARIO;
        }
        ForecastResult f;
        try (ProgressBars.Bar bar = output.progress(spec, false)) {
            f = Forecast.run(s, options.settings(s).withProgress(bar.progress()));
        }
        String json = JsonReport.forecast(f);
        String csv = PlanReport.forecastCsv(f);
        String table = PlanReport.forecastTable(f);
        output.emit(spec, "forecast", table, json, csv);
        if (output.writing()) {
            var charts = Charts.forecast(f, ScenarioOptions.limits(s));
            output.writeReport(spec, "forecast", charts, HtmlReport.forecast(f, charts, options.source()));
        }
        return ExitCodes.DONE;
    }
}
