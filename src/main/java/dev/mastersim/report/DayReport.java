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
                "%s, a day in %s (%s %s on average, %s at the peak hour %02d:00)",
                day.scenario(),
                d.month(),
                TableReport.fmt(day.rate()),
                d.closedPopulation() ? "users logged in" : "requests/s",
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

    /**
     * The sentence, each fault's cost in a line, one row per hour, then the whole day's figures with
     * their 95% intervals, and the timeline around each fault.
     */
    public static String table(DayResult d) {
        RunResult day = d.day();
        StringBuilder b = new StringBuilder();
        b.append(sentence(d)).append(NL);
        List<FaultWindows.Window> windows = FaultWindows.of(day);
        for (FaultWindows.Window w : windows) {
            b.append(faultLine(day, w)).append(NL);
        }
        if (!windows.isEmpty()) {
            b.append("Each hour's figures and verdict judge its time outside the faults' windows (each from its start"
                            + " until it has recovered).")
                    .append(NL);
        }
        b.append(String.format(
                Locale.ROOT,
                "%d replications, seed %d; each hour's figures with their 95%% intervals are in the JSON and CSV.%n%n",
                day.replications(),
                day.seed()));
        b.append(String.format(
                Locale.ROOT,
                "%-5s %9s %13s %10s %10s %10s %9s  %-24s %7s  %-10s %s%n",
                "hour",
                d.closedPopulation() ? "users" : "rate/s",
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
                            word(d, h),
                            reason(d, h))
                    .stripTrailing());
            b.append(NL);
        }
        b.append(PlanReport.undecidedNote(d.hours()));
        b.append(faultHoursNote(d, windows));
        b.append(NL).append("The whole day").append(NL);
        TableReport.figures(b, day);
        TableReport.timeline(
                b,
                day,
                "timeline around the faults (per minute from 00:00; every minute of the day is in the JSON)",
                "time",
                DayReport::clockOfMinute,
                k -> windows.stream().anyMatch(w -> k >= w.at() / 60 - MINUTES_AROUND && k < shownUntil(w) / 60));
        return b.toString();
    }

    /** Minutes of timeline shown before a fault's start and after its recovery. */
    static final int MINUTES_AROUND = 5;

    /**
     * Seconds from 00:00 until which a fault's timeline is worth showing: a few minutes past its recovery,
     * or half an hour past its end when it did not recover.
     */
    static double shownUntil(FaultWindows.Window w) {
        return w.recoveredAt(w.end() + 30 * 60) + MINUTES_AROUND * 60;
    }

    /** The verdict's word for hour {@code h}: "not judged" for an hour spent wholly inside the faults' windows. */
    static String word(DayResult d, int h) {
        return d.judged(h) ? PlanReport.word(d.hours().get(h).verdict()) : "not judged";
    }

    /** What follows the verdict: its reason when saturated or not judged, else the bottleneck. */
    static String reason(DayResult d, int h) {
        RunResult r = d.hours().get(h);
        return r.verdict().saturated() || !d.judged(h)
                ? r.verdict().reason()
                : r.verdict().bottleneck();
    }

    /**
     * A fault of a day in a line: when, how long, what it cost, how soon the day recovered, e.g. "fault
     * 1-master-restart, 09:30 for 14 min: 50649 ± 4333 failed requests, recovered 61 ± 0 s after its end".
     */
    static String faultLine(RunResult day, FaultWindows.Window w) {
        Figure failed = day.figure(List.of("faults", w.name(), "failed"));
        Figure recovery = day.figure(List.of("faults", w.name(), "recovery_s"));
        String recovered = recovery == null || !Double.isFinite(recovery.mean())
                ? "not recovered by the day's end"
                : "recovered " + Numbers.figure(recovery.mean(), recovery.ci95()) + " s after its end";
        return String.format(
                Locale.ROOT,
                "fault %s, %s for %s min: %s failed requests, %s.",
                w.name(),
                clock(w.at()),
                Numbers.value((w.end() - w.at()) / 60),
                failed == null ? Numbers.NONE : Numbers.figure(failed.mean(), failed.ci95()),
                recovered);
    }

    /** The hours judged on part of their time, and those not judged at all, as a note (empty without faults). */
    static String faultHoursNote(DayResult d, List<FaultWindows.Window> windows) {
        StringBuilder part = new StringBuilder();
        StringBuilder none = new StringBuilder();
        for (int h = 0; h < d.hours().size(); h++) {
            double from = h * 3600.0;
            double to = from + 3600;
            // a fault that did not recover holds its window to the day's end
            boolean touched =
                    windows.stream().anyMatch(w -> w.at() < to && w.recoveredAt(Double.POSITIVE_INFINITY) > from);
            StringBuilder into = !d.judged(h) ? none : touched ? part : null;
            if (into != null) {
                into.append(into.length() > 0 ? ", " : "").append(String.format(Locale.ROOT, "%02d", h));
            }
        }
        StringBuilder b = new StringBuilder();
        if (part.length() > 0) {
            b.append("Judged on their time outside the faults' windows only (run.measured_s): hours ")
                    .append(part)
                    .append('.')
                    .append(NL);
        }
        if (none.length() > 0) {
            b.append("Not judged (every replication spent them inside the faults' windows; their figures are the"
                            + " whole hour's): hours ")
                    .append(none)
                    .append('.')
                    .append(NL);
        }
        return b.toString();
    }

    /** Seconds from 00:00 as a time of day, {@code HH:MM}, with seconds when there are any. */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s % 60 == 0
                ? String.format(Locale.ROOT, "%02d:%02d", s / 3600, s / 60 % 60)
                : String.format(Locale.ROOT, "%02d:%02d:%02d", s / 3600, s / 60 % 60, s % 60);
    }

    private static String clockOfMinute(int minute) {
        return clock(minute * 60.0);
    }

    /**
     * One row per hour, then a row {@code day} for the whole day: the hour, its offered rate, its
     * verdict, then every figure as two columns, {@code <path>} (the mean) and {@code <path>.ci95}.
     */
    public static String csv(DayResult d) {
        // the per-minute timeline (a day has 1,440 minutes) is left to the JSON and the table
        List<List<String>> paths = d.day().figures().keySet().stream()
                .filter(p -> !FigureNames.isTimeline(p))
                .toList();
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
