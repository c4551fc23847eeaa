package dev.mastersim.report;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.RunResult;
import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * The charts of a run with faults: each fault's per-minute timeline with its window shaded, drawn in
 * {@link Charts}' style. Its own class because it is its own subject: the minute axis, the window and
 * the recovery marker belong to faults alone.
 */
final class FaultCharts {
    private FaultCharts() {}

    /** Shading of a fault's window on a timeline. */
    static final Color WINDOW = new Color(0xF2, 0xC0, 0x7A, 0x70);

    /**
     * A run with faults: for each fault, the run's per-minute timeline with the fault's window shaded
     * ({@code fault-<n>-<kind>}: the SLO percentile of each minute's responses against the target on the
     * left axis, the requests failed in it on the right), and, when any replica lagged, the highest lag
     * of each minute ({@code fault-<n>-<kind>-lag}).
     */
    static List<Charts.Drawing> timelines(RunResult r, Charts.Limits slo) {
        return timelines(r, slo, false);
    }

    /**
     * A day with faults ({@code run --day}): as {@link #timelines(RunResult, Charts.Limits)}, but each
     * chart shows the hours of the day around its fault (from half an hour before it to half an hour after
     * it recovered), its x the time of day in hours (9.5 is 09:30).
     */
    static List<Charts.Drawing> dayTimelines(RunResult day, Charts.Limits slo) {
        return timelines(day, slo, true);
    }

    private static List<Charts.Drawing> timelines(RunResult r, Charts.Limits slo, boolean day) {
        Map<Integer, Map<String, Figure>> minutes = new TreeMap<>();
        r.figures().forEach((path, fig) -> {
            if (FigureNames.isTimeline(path)) {
                minutes.computeIfAbsent(Integer.parseInt(path.get(1)), k -> new LinkedHashMap<>())
                        .put(path.get(2), fig);
            }
        });
        List<Charts.Drawing> out = new ArrayList<>();
        if (minutes.isEmpty()) {
            return out;
        }
        double span = minutes.size();
        for (FaultWindows.Window w : FaultWindows.of(r)) {
            // a day's chart shows the time around its fault, in hours; a run's the whole run, in minutes
            double first = day ? Math.max(0, Math.floor(w.at() / 60 - AROUND_MIN)) : 0;
            double recovered = w.recoveredAt(w.end() + 2 * AROUND_MIN * 60);
            double last = day ? Math.min(span, Math.ceil(recovered / 60 + AROUND_MIN)) : span;
            double unit = day ? 60 : 1;
            Series series = series(minutes, first, last, unit);
            out.addAll(charts(r, slo, w, series, first / unit, last / unit, unit, day));
        }
        return out;
    }

    /** Minutes of a day's timeline drawn before a fault's start and after its recovery. */
    private static final double AROUND_MIN = 30;

    /** A timeline's points: x, the SLO percentile (where a minute had responses), failures and lag. */
    private record Series(
            List<Double> x,
            List<Double> rx,
            List<Double> response,
            List<Double> responseErr,
            List<Double> errors,
            List<Double> lag) {}

    /** The minutes in {@code [first, last)}, each at its middle, in units of {@code unit} minutes. */
    private static Series series(Map<Integer, Map<String, Figure>> minutes, double first, double last, double unit) {
        List<Double> x = new ArrayList<>();
        List<Double> response = new ArrayList<>();
        List<Double> responseErr = new ArrayList<>();
        List<Double> rx = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        List<Double> lag = new ArrayList<>();
        minutes.forEach((k, f) -> {
            if (k < first || k >= last) {
                return;
            }
            double mid = (k + 0.5) / unit;
            x.add(mid);
            Figure resp = f.get(FigureNames.TIMELINE_RESPONSE);
            if (resp != null && Double.isFinite(resp.mean())) {
                rx.add(mid);
                Charts.add(resp, response, responseErr);
            }
            Figure e = f.get(FigureNames.TIMELINE_ERRORS);
            errors.add(e == null ? 0.0 : e.mean());
            Figure l = f.get(FigureNames.TIMELINE_LAG);
            lag.add(l == null || !Double.isFinite(l.mean()) ? 0.0 : l.mean());
        });
        return new Series(x, rx, response, responseErr, errors, lag);
    }

    /** One fault's charts over {@code [from, to]} (in the chart's x unit, {@code unit} minutes). */
    private static List<Charts.Drawing> charts(
            RunResult r,
            Charts.Limits slo,
            FaultWindows.Window w,
            Series s,
            double from,
            double to,
            double unit,
            boolean day) {
        List<Charts.Drawing> out = new ArrayList<>();
        List<Double> response = s.response();
        List<Double> responseErr = s.responseErr();
        String title = r.scenario() + ": fault " + w.name() + ", per minute";
        XYChart chart = minuteChart(title, slo.percentile() + " response time (ms)", from, day);
        double top = Charts.top(response, responseErr, slo.targetMs()) * 1.1;
        shade(chart, w, top, from, to, unit);
        if (!s.rx().isEmpty()) {
            chart.addSeries(slo.percentile() + " response (95% CI)", s.rx(), response, responseErr)
                    .setMarker(SeriesMarkers.CIRCLE);
        }
        if (Double.isFinite(slo.targetMs())) {
            XYSeries t = chart.addSeries(
                    "target " + Charts.number(slo.targetMs()) + " ms",
                    List.of(from, to),
                    List.of(slo.targetMs(), slo.targetMs()));
            t.setMarker(SeriesMarkers.NONE);
            t.setLineColor(Charts.LIMIT);
            t.setLineStyle(Charts.DASHED);
        }
        chart.getStyler().setYAxisMax(0, top);
        chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
        chart.setYAxisGroupTitle(0, slo.percentile() + " response time (ms)");
        chart.setYAxisGroupTitle(1, "failed requests per minute");
        XYSeries failed = chart.addSeries("failed requests", s.x(), s.errors());
        failed.setYAxisGroup(1);
        failed.setMarker(SeriesMarkers.NONE);
        failed.setLineColor(Color.GRAY);
        chart.getStyler().setYAxisMin(1, 0.0);
        chart.getStyler().setYAxisMax(1, Math.max(1, Charts.top(s.errors(), List.of(), Double.NaN) * 1.1));
        out.add(Charts.encode(chart, "fault-" + w.name(), title));
        if (s.lag().stream().anyMatch(v -> v > 0)) {
            String lagTitle = r.scenario() + ": fault " + w.name() + ", replica lag per minute";
            XYChart lc = minuteChart(lagTitle, "highest replica lag (ms)", from, day);
            double lagTop = Charts.top(s.lag(), List.of(), Double.NaN) * 1.1;
            shade(lc, w, lagTop, from, to, unit);
            lc.addSeries("highest replica lag", s.x(), s.lag()).setMarker(SeriesMarkers.CIRCLE);
            lc.getStyler().setYAxisMax(lagTop);
            out.add(Charts.encode(lc, "fault-" + w.name() + "-lag", lagTitle));
        }
        return out;
    }

    /**
     * An XY chart whose x is the minute of the run, from its start (warm-up included), or for a day the
     * time of day in hours, from {@code from}.
     */
    private static XYChart minuteChart(String title, String yTitle, double from, boolean day) {
        XYChart chart = new XYChartBuilder()
                .width(Charts.WIDTH)
                .height(Charts.HEIGHT)
                .title(title)
                .xAxisTitle(day ? "time of day (hours; 9.5 = 09:30)" : "minute of the run")
                .yAxisTitle(yTitle)
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(from);
        return chart;
    }

    /**
     * The fault's window, from its start to its last round's end, as a shaded band up to {@code top},
     * within {@code [min, max]} in the chart's x unit of {@code unit} minutes.
     */
    private static void shade(XYChart chart, FaultWindows.Window w, double top, double min, double max, double unit) {
        double from = Math.max(min, w.at() / 60 / unit);
        double to = Math.min(max, w.end() / 60 / unit);
        if (!(to > from)) {
            return;
        }
        String window = unit == 1
                ? Charts.number(w.at() / 60) + "-" + Charts.number(w.end() / 60) + " min"
                : DayReport.clock(w.at()) + "-" + DayReport.clock(w.end());
        XYSeries s = chart.addSeries("fault window " + window, List.of(from, to), List.of(top, top));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(WINDOW);
        s.setLineColor(WINDOW);
        if (Double.isFinite(w.recovery())) {
            double at = w.recoveredAt(Double.NaN) / 60 / unit;
            String when = unit == 1 ? Charts.number(at) + " min" : DayReport.clock(w.recoveredAt(Double.NaN));
            XYSeries rec = chart.addSeries("recovered " + when, List.of(at, at), List.of(0.0, top));
            rec.setMarker(SeriesMarkers.NONE);
            rec.setLineColor(new Color(0x2E, 0x7D, 0x32));
            rec.setLineStyle(new BasicStroke(1f));
        }
    }
}
