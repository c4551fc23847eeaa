package dev.mastersim.cli;

import dev.mastersim.experiment.RunSettings;
import dev.mastersim.report.Charts;
import dev.mastersim.report.HtmlReport;
import dev.mastersim.scenario.Limits;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.ScenarioException;
import dev.mastersim.scenario.ScenarioLoader;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The options every simulating command shares: the scenario, overrides, replications, seed, threads. */
final class ScenarioOptions {
    @Parameters(index = "0", paramLabel = "SCENARIO", description = "The scenario file (YAML).")
    Path scenario;

    @Option(names = "--set", paramLabel = "K=V", description = "Override a scenario key by its dotted path.")
    List<String> sets = new ArrayList<>();

    @Option(
            names = "--replications",
            paramLabel = "N",
            description = "Independent replications (default: run.replications).")
    Integer replications;

    @Option(names = "--seed", paramLabel = "S", description = "Random seed (default: run.seed).")
    Long seed;

    @Option(
            names = "--threads",
            paramLabel = "T",
            description = "Worker threads (default: one per processor). Results do not depend on it.")
    Integer threads;

    /** Most worker threads accepted by {@code --threads}. */
    static final int MAX_THREADS = 1024;

    /**
     * Checks the counts given on the command line, as the scenario file's are checked: a bad one is a bad
     * command line (exit code 2), found before anything is loaded or simulated.
     */
    void check(CommandSpec spec) {
        if (replications != null && (replications < 1 || replications > Limits.REPLICATIONS)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--replications: expected a whole number from 1 to " + Limits.REPLICATIONS + ", got "
                            + replications);
        }
        if (threads != null && (threads < 1 || threads > MAX_THREADS)) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(),
                    "--threads: expected a whole number from 1 to " + MAX_THREADS + ", got " + threads);
        }
        if (seed != null && seed < 0) {
            throw new CommandLine.ParameterException(
                    spec.commandLine(), "--seed: expected a whole number ≥ 0 (as run.seed), got " + seed);
        }
    }

    /** The scenario, or null after printing every problem to {@code err}; warnings go there too. */
    Scenario load(PrintWriter err) {
        Scenario s = loadWith(sets, err);
        if (s != null) {
            for (String w : ScenarioLoader.warnings(s)) {
                err.println("mastersim: warning: " + w);
            }
            err.flush();
        }
        return s;
    }

    /** Which run the scenario is checked for (a day's faults count from hour 0); a peak hour unless set. */
    ScenarioLoader.Span span = ScenarioLoader.Span.PEAK_HOUR;

    /** The scenario with these overrides instead of --set's, or null after printing every problem. */
    Scenario loadWith(List<String> overrides, PrintWriter err) {
        try {
            return ScenarioLoader.load(scenario, overrides, span);
        } catch (ScenarioException e) {
            e.problems().forEach(p -> err.println(p));
            err.flush();
            return null;
        }
    }

    /** The scenario file's text and --set's overrides, for the HTML report. */
    HtmlReport.Source source() throws IOException {
        return new HtmlReport.Source(scenario.toString(), Files.readString(scenario), sets);
    }

    /** What the scenario's SLO says saturated means, as the charts draw it. */
    static Charts.Limits limits(Scenario s) {
        return new Charts.Limits(
                s.slo().percentile().key(), s.slo().target() * 1e3, s.slo().utilisation());
    }

    RunSettings settings(Scenario s) {
        RunSettings r = RunSettings.of(s);
        if (replications != null) {
            r = r.withReplications(replications);
        }
        if (seed != null) {
            r = r.withSeed(seed);
        }
        if (threads != null) {
            r = r.withThreads(threads);
        }
        return r;
    }
}
