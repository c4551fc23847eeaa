package dev.mastersim.report;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.RunResult;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.function.IntPredicate;

/**
 * Results as a table for the terminal: the verdict in a sentence, then each section's figures as
 * {@code mean ± ci95}. Internal bookkeeping figures ({@code run.*}) are left to JSON and CSV.
 */
public final class TableReport {
    private TableReport() {}

    public static String run(RunResult r) {
        StringBuilder b = new StringBuilder();
        // a closed population offers no rate (its load is its users): say what it was served instead
        double served = r.closedPopulation() ? r.mean(FigureNames.THROUGHPUT) : Double.NaN;
        b.append(String.format(
                Locale.ROOT,
                "%s: %s, %d replications, seed %d%n",
                r.scenario(),
                Double.isNaN(served)
                        ? fmt(r.rate()) + " requests/s"
                        : "a closed population served " + fmt(served) + " requests/s",
                r.replications(),
                r.seed()));
        b.append(verdictSentence(r)).append(System.lineSeparator());
        if (r.figures().keySet().stream().anyMatch(FigureNames::isFault)) {
            b.append("The verdict and the figures judge the time outside the faults' windows (each from its start"
                            + " until it has recovered); each fault's cost is under faults.")
                    .append(System.lineSeparator());
        }
        indices(b, r);
        figures(b, r);
        timeline(b, r);
        return b.toString();
    }

    /**
     * A run with faults: its per-minute timeline, one line a minute (the SLO percentile of the
     * responses, the failed requests, the highest replica lag), each minute a fault's window covers
     * marked with its number.
     */
    static void timeline(StringBuilder b, RunResult r) {
        timeline(b, r, "timeline (per minute of the run, warm-up included)", "minute", Integer::toString, k -> true);
    }

    /**
     * The per-minute timeline under {@code heading}, each minute {@code shown} labelled by {@code label}
     * in a column headed {@code column}; the faults' windows count in the timeline's own minutes.
     */
    static void timeline(
            StringBuilder b,
            RunResult r,
            String heading,
            String column,
            IntFunction<String> label,
            IntPredicate shown) {
        SortedMap<Integer, Map<String, Figure>> minutes = new TreeMap<>();
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            if (FigureNames.isTimeline(e.getKey())) {
                int k = Integer.parseInt(e.getKey().get(1));
                if (shown.test(k)) {
                    minutes.computeIfAbsent(k, x -> new HashMap<>())
                            .put(e.getKey().get(2), e.getValue());
                }
            }
        }
        if (minutes.isEmpty()) {
            return;
        }
        List<FaultWindows.Window> windows = FaultWindows.of(r);
        String nl = System.lineSeparator();
        b.append(nl).append(heading).append(nl);
        b.append(String.format(
                Locale.ROOT, "  %-8s %18s %14s %18s  %s%n", column, "response ms", "errors", "lag ms", "faults"));
        minutes.forEach((k, f) -> {
            StringBuilder in = new StringBuilder();
            for (int i = 0; i < windows.size(); i++) {
                FaultWindows.Window w = windows.get(i);
                if (w.at() < (k + 1) * 60.0 && w.end() > k * 60.0) {
                    in.append(in.length() > 0 ? "," : "").append(i + 1);
                }
            }
            b.append(String.format(
                    Locale.ROOT,
                    "  %-8s %18s %14s %18s  %s%n",
                    label.apply(k),
                    cell(f.get(FigureNames.TIMELINE_RESPONSE)),
                    cell(f.get(FigureNames.TIMELINE_ERRORS)),
                    cell(f.get(FigureNames.TIMELINE_LAG)),
                    in));
        });
    }

    private static String cell(Figure f) {
        return f == null ? Numbers.NONE : Numbers.figure(f.mean(), f.ci95());
    }

    /** Every resource's load index (1.0 = at its limit), highest first, ties by name. */
    static void indices(StringBuilder b, RunResult r) {
        if (r.verdict().indices().isEmpty()) {
            return;
        }
        b.append(System.lineSeparator())
                .append("load index (1.0 = at its limit)")
                .append(System.lineSeparator());
        r.verdict().indices().entrySet().stream()
                .sorted(Map.Entry.<String, Double>comparingByValue().reversed())
                .forEach(e -> b.append(String.format(Locale.ROOT, "  %-32s %10s%n", e.getKey(), fmt(e.getValue()))));
    }

    /** Each section's figures as {@code mean ± ci95}, the {@code run.*} bookkeeping left out. */
    static void figures(StringBuilder b, RunResult r) {
        String section = null;
        String entity = null;
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            List<String> p = e.getKey();
            if (p.get(0).equals("run") || FigureNames.isTimeline(p)) {
                continue;
            }
            if (!p.get(0).equals(section)) {
                section = p.get(0);
                entity = null;
                b.append(System.lineSeparator()).append(section).append(System.lineSeparator());
            }
            boolean nested = p.size() > 2
                    && !p.get(0).equals("all")
                    && !p.get(0).equals("replication")
                    && !p.get(0).equals("write_queue");
            String name;
            if (nested) {
                if (!p.get(1).equals(entity)) {
                    entity = p.get(1);
                    b.append("  ").append(entity).append(System.lineSeparator());
                }
                name = "    " + String.join(".", p.subList(2, p.size()));
            } else {
                name = "  " + String.join(".", p.subList(1, p.size()));
            }
            b.append(String.format(Locale.ROOT, "%-34s %s%n", name, figure(p, e.getValue())));
        }
    }

    /** The verdict as a sentence a planner can quote. */
    public static String verdictSentence(RunResult r) {
        var v = r.verdict();
        if (v.saturated()) {
            return "SATURATED: " + v.reason() + "; bottleneck " + v.bottleneck() + ".";
        }
        if (v.bottleneck().isEmpty()) {
            return "Not saturated.";
        }
        Double index = v.indices().get(v.bottleneck());
        return "Not saturated; the highest load index is " + v.bottleneck()
                + (index == null ? "" : " (" + Numbers.value(index) + " of its limit)") + ".";
    }

    /** A number in the reports' one style ({@link Numbers#value}). */
    static String fmt(double x) {
        return Numbers.value(x);
    }

    /** A figure as {@code mean ± ci95} in the reports' one style; a utilisation as a percentage. */
    static String figure(List<String> path, Figure f) {
        return FigureNames.isUtilisation(path)
                ? Numbers.percentFigure(f.mean(), f.ci95())
                : Numbers.figure(f.mean(), f.ci95());
    }
}
