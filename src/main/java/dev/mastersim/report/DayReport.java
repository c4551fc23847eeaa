package dev.mastersim.report;

import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.Numbers;
import dev.mastersim.experiment.result.RunResult;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalInt;

/** A day of 24 hours ({@code run --day}) as a sentence, a table with one row per hour, and CSV. */
public final class DayReport {
    private DayReport() {}

    private static final String NL = System.lineSeparator();

    /** The day in one sentence a planner can quote: the first saturated hour and why, or none. */
    public static String sentence(DayResult d) {
        RunResult day = d.day();
        int peak = d.peakHour();
        String head = String.format(
                Locale.ROOT,
                "%s, a day in %s (%s requests/s on average, %s at the peak hour %02d:00)",
                day.scenario(),
                d.month(),
                TableReport.fmt(day.rate()),
                TableReport.fmt(d.hours().get(peak).rate()),
                peak);
        OptionalInt first = d.firstSaturatedHour();
        if (first.isEmpty()) {
            String b = day.verdict().bottleneck();
            return head + ": no hour saturates"
                    + (b.isEmpty() ? "." : "; the highest load index at the peak hour is on " + b + ".");
        }
        RunResult hour = d.hours().get(first.getAsInt());
        return String.format(
                Locale.ROOT,
                "%s: saturates in hour %02d (%02d:00-%02d:00): %s; bottleneck %s.",
                head,
                first.getAsInt(),
                first.getAsInt(),
                first.getAsInt() + 1,
                hour.verdict().reason(),
                hour.verdict().bottleneck());
    }

    /** The sentence, one row per hour, then the whole day's figures with their 95% intervals. */
    public static String table(DayResult d) {
        RunResult day = d.day();
        StringBuilder b = new StringBuilder();
        b.append(sentence(d)).append(NL);
        b.append(String.format(
                Locale.ROOT,
                "%d replications, seed %d; each hour's figures with their 95%% intervals are in the JSON and CSV.%n%n",
                day.replications(),
                day.seed()));
        b.append(String.format(
                Locale.ROOT,
                "%-5s %9s %13s %10s %10s %10s %9s  %-24s %7s  %-10s %s%n",
                "hour",
                "rate/s",
                "throughput/s",
                "p50 ms",
                "p99 ms",
                "± ci95",
                "errors %",
                "highest load index",
                "index",
                "verdict",
                "bottleneck / reason"));
        for (int h = 0; h < d.hours().size(); h++) {
            RunResult r = d.hours().get(h);
            String busiest = busiest(r);
            Figure p99 = r.figure(FigureNames.response("p99"));
            b.append(String.format(
                            Locale.ROOT,
                            "%02d    %9.1f %13s %10s %10s %10s %9s  %-24s %7s  %-10s %s",
                            h,
                            r.rate(),
                            TableReport.fmt(r.mean(FigureNames.THROUGHPUT)),
                            TableReport.fmt(r.mean(FigureNames.response("p50"))),
                            p99 == null ? "-" : Numbers.mean(p99.mean(), p99.ci95()),
                            p99 == null ? "-" : Numbers.interval(p99.mean(), p99.ci95()),
                            TableReport.fmt(r.mean(FigureNames.ERROR_RATE) * 100),
                            busiest == null ? "-" : busiest,
                            busiest == null ? "-" : index(r, busiest),
                            PlanReport.word(r.verdict()),
                            r.verdict().saturated()
                                    ? r.verdict().reason()
                                    : r.verdict().bottleneck())
                    .stripTrailing());
            b.append(NL);
        }
        b.append(PlanReport.undecidedNote(d.hours()));
        b.append(NL).append("The whole day").append(NL);
        TableReport.figures(b, day);
        return b.toString();
    }

    /**
     * One row per hour, then a row {@code day} for the whole day: the hour, its offered rate, its
     * verdict, then every figure as two columns, {@code <path>} (the mean) and {@code <path>.ci95}.
     */
    public static String csv(DayResult d) {
        List<List<String>> paths = List.copyOf(d.day().figures().keySet());
        StringBuilder b = new StringBuilder("hour,rate_per_s,saturated,bottleneck,reason");
        for (List<String> p : paths) {
            String name = CsvReport.quote(String.join(".", p));
            b.append(',').append(name).append(',').append(CsvReport.quote(String.join(".", p) + ".ci95"));
        }
        b.append('\n');
        for (int h = 0; h < d.hours().size(); h++) {
            row(b, Integer.toString(h), d.hours().get(h), paths);
        }
        row(b, "day", d.day(), paths);
        return b.toString();
    }

    private static void row(StringBuilder b, String hour, RunResult r, List<List<String>> paths) {
        b.append(hour)
                .append(',')
                .append(CsvReport.number(r.rate()))
                .append(',')
                .append(r.verdict().saturated())
                .append(',')
                .append(CsvReport.quote(r.verdict().bottleneck()))
                .append(',')
                .append(CsvReport.quote(r.verdict().reason()));
        for (List<String> p : paths) {
            Figure f = r.figures().get(p);
            b.append(',').append(CsvReport.mean(f)).append(',').append(CsvReport.interval(f));
        }
        b.append('\n');
    }

    /** The station with the highest mean utilisation in {@code r}, or null when none was measured. */
    static String busiest(RunResult r) {
        if (!r.verdict().indices().isEmpty()) {
            return r.verdict().bottleneck();
        }
        String best = null;
        double most = Double.NEGATIVE_INFINITY;
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            List<String> p = e.getKey();
            if (FigureNames.isUtilisation(p) && e.getValue().mean() > most) {
                best = p.get(1);
                most = e.getValue().mean();
            }
        }
        return best;
    }

    /** The load index of {@code resource}, or its utilisation as an index when the verdict carries none. */
    static String index(RunResult r, String resource) {
        Double index = r.verdict().indices().get(resource);
        double x = index != null ? index : r.mean(FigureNames.utilisation(resource));
        return Numbers.value(x);
    }
}
