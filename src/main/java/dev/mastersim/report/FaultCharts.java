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
        List<Double> x = new ArrayList<>();
        List<Double> response = new ArrayList<>();
        List<Double> responseErr = new ArrayList<>();
        List<Double> rx = new ArrayList<>();
        List<Double> errors = new ArrayList<>();
        List<Double> lag = new ArrayList<>();
        minutes.forEach((k, f) -> {
            double mid = k + 0.5;
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
        boolean lags = lag.stream().anyMatch(v -> v > 0);
        double span = minutes.size();
        for (FaultWindows.Window w : FaultWindows.of(r)) {
            String title = r.scenario() + ": fault " + w.name() + ", per minute";
            XYChart chart = minuteChart(title, slo.percentile() + " response time (ms)");
            double top = Charts.top(response, responseErr, slo.targetMs()) * 1.1;
            shade(chart, w, top, span);
            if (!rx.isEmpty()) {
                chart.addSeries(slo.percentile() + " response (95% CI)", rx, response, responseErr)
                        .setMarker(SeriesMarkers.CIRCLE);
            }
            if (Double.isFinite(slo.targetMs())) {
                XYSeries t = chart.addSeries(
                        "target " + Charts.number(slo.targetMs()) + " ms",
                        List.of(0.0, span),
                        List.of(slo.targetMs(), slo.targetMs()));
                t.setMarker(SeriesMarkers.NONE);
                t.setLineColor(Charts.LIMIT);
                t.setLineStyle(Charts.DASHED);
            }
            chart.getStyler().setYAxisMax(0, top);
            chart.getStyler().setYAxisGroupPosition(1, Styler.YAxisPosition.Right);
            chart.setYAxisGroupTitle(0, slo.percentile() + " response time (ms)");
            chart.setYAxisGroupTitle(1, "failed requests per minute");
            XYSeries failed = chart.addSeries("failed requests", x, errors);
            failed.setYAxisGroup(1);
            failed.setMarker(SeriesMarkers.NONE);
            failed.setLineColor(Color.GRAY);
            chart.getStyler().setYAxisMin(1, 0.0);
            chart.getStyler().setYAxisMax(1, Math.max(1, Charts.top(errors, List.of(), Double.NaN) * 1.1));
            out.add(Charts.encode(chart, "fault-" + w.name(), title));
            if (lags) {
                String lagTitle = r.scenario() + ": fault " + w.name() + ", replica lag per minute";
                XYChart lc = minuteChart(lagTitle, "highest replica lag (ms)");
                double lagTop = Charts.top(lag, List.of(), Double.NaN) * 1.1;
                shade(lc, w, lagTop, span);
                lc.addSeries("highest replica lag", x, lag).setMarker(SeriesMarkers.CIRCLE);
                lc.getStyler().setYAxisMax(lagTop);
                out.add(Charts.encode(lc, "fault-" + w.name() + "-lag", lagTitle));
            }
        }
        return out;
    }

    /** An XY chart whose x is the minute of the run, from its start (warm-up included). */
    private static XYChart minuteChart(String title, String yTitle) {
        XYChart chart = new XYChartBuilder()
                .width(Charts.WIDTH)
                .height(Charts.HEIGHT)
                .title(title)
                .xAxisTitle("minute of the run")
                .yAxisTitle(yTitle)
                .build();
        Charts.style(chart.getStyler());
        chart.getStyler().setYAxisMin(0.0);
        chart.getStyler().setXAxisMin(0.0);
        return chart;
    }

    /** The fault's window, from its start to its last round's end, as a shaded band up to {@code top}. */
    private static void shade(XYChart chart, FaultWindows.Window w, double top, double span) {
        double from = Math.max(0, w.at() / 60);
        double to = Math.min(span, w.end() / 60);
        if (!(to > from)) {
            return;
        }
        XYSeries s = chart.addSeries(
                "fault window " + Charts.number(w.at() / 60) + "-" + Charts.number(w.end() / 60) + " min",
                List.of(from, to),
                List.of(top, top));
        s.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Area);
        s.setMarker(SeriesMarkers.NONE);
        s.setFillColor(WINDOW);
        s.setLineColor(WINDOW);
        if (Double.isFinite(w.recovery())) {
            double at = (w.end() + w.recovery()) / 60;
            XYSeries rec =
                    chart.addSeries("recovered " + Charts.number(at) + " min", List.of(at, at), List.of(0.0, top));
            rec.setMarker(SeriesMarkers.NONE);
            rec.setLineColor(new Color(0x2E, 0x7D, 0x32));
            rec.setLineStyle(new BasicStroke(1f));
        }
    }
}
