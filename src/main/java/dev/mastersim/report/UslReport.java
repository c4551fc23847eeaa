package dev.mastersim.report;

import dev.mastersim.experiment.result.UslResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.knowm.xchart.AnnotationLine;
import org.knowm.xchart.XYChart;
import org.knowm.xchart.XYChartBuilder;
import org.knowm.xchart.XYSeries;
import org.knowm.xchart.style.markers.SeriesMarkers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * {@code mastersim usl}'s outputs: a table that says in words which figure is the peak and which the limit
 * (the two are easily confused: R's {@code usl} calls the first {@code peak.scalability} and the second
 * {@code limit.scalability}), CONTRACT §3's JSON, CSV of the points with the fitted curve, and a chart.
 */
public final class UslReport {
    private static final String NL = System.lineSeparator();

    private UslReport() {}

    /** The fit, then the peak and the limit in words, then each point beside the curve. */
    public static String table(UslResult u) {
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "Universal Scalability Law fitted to %s (%d points, N from %s to %s)%n%n",
                u.source(),
                u.n().size(),
                num(u.n().stream().mapToDouble(Double::doubleValue).min().orElse(0)),
                num(u.maxN())));
        b.append(row("lambda (throughput of one, /s)", u.lambda(), u.lambdaCi()));
        b.append(row("sigma (contention)", u.sigma(), u.sigmaCi()));
        b.append(row("kappa (coherency)", u.kappa(), u.kappaCi()));
        b.append(String.format(Locale.ROOT, "  %-32s %12.4f%n%n", "R squared", u.r2()));
        for (String line : u.sentences()) {
            b.append(line).append(NL);
        }
        b.append(NL);
        b.append(String.format(Locale.ROOT, "%10s %14s %14s %10s%n", "N", "X measured", "X fitted", "residual"));
        for (int i = 0; i < u.n().size(); i++) {
            double n = u.n().get(i);
            double x = u.x().get(i);
            double f = u.throughput(n);
            b.append(String.format(Locale.ROOT, "%10s %14.2f %14.2f %9.1f%%%n", num(n), x, f, 100.0 * (x - f) / f));
        }
        return b.toString();
    }

    /** CONTRACT §3's {@code usl} document. */
    public static String json(UslResult u) {
        return JsonReport.write(node(u));
    }

    /** The {@code usl} document as a tree, for embedding (calibrate's JSON carries one). */
    public static ObjectNode node(UslResult u) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("lambda", u.lambda());
        root.put("sigma", u.sigma());
        root.put("kappa", u.kappa());
        nullable(root, "n_peak", u.nPeak());
        nullable(root, "x_peak", u.xPeak());
        nullable(root, "asymptote", u.asymptote());
        root.put("extrapolated", u.extrapolated());
        root.put("r2", u.r2());
        ObjectNode ci = root.putObject("ci95");
        interval(ci, "lambda", u.lambdaCi());
        interval(ci, "sigma", u.sigmaCi());
        interval(ci, "kappa", u.kappaCi());
        return root;
    }

    /** Each point with the fitted throughput there. */
    public static String csv(UslResult u) {
        StringBuilder b = new StringBuilder("n,x,x_fitted\n");
        for (int i = 0; i < u.n().size(); i++) {
            double n = u.n().get(i);
            b.append(String.format(Locale.ROOT, "%s,%s,%s%n", num(n), u.x().get(i), u.throughput(n)));
        }
        return b.toString();
    }

    /** The points, the fitted curve to twice the measured range (or past the peak), and the peak marked. */
    public static Charts.Drawing chart(UslResult u) {
        String title = "Universal Scalability Law: " + u.source();
        XYChart chart = new XYChartBuilder()
                .width(Charts.WIDTH)
                .height(Charts.HEIGHT)
                .title(title)
                .xAxisTitle("concurrency N")
                .yAxisTitle("throughput X (/s)")
                .build();
        Charts.style(chart.getStyler());
        double end = 2.0 * u.maxN();
        if (u.nPeak() != null) {
            end = Math.max(end, Math.min(1.25 * u.nPeak(), 8.0 * u.maxN()));
        }
        List<Double> cx = new ArrayList<>();
        List<Double> cy = new ArrayList<>();
        int steps = 200;
        for (int i = 0; i <= steps; i++) {
            double n = 1.0 + (end - 1.0) * i / steps;
            cx.add(n);
            cy.add(u.throughput(n));
        }
        XYSeries curve = chart.addSeries("fitted X(N)", cx, cy);
        curve.setMarker(SeriesMarkers.NONE);
        XYSeries points = chart.addSeries("measured", u.n(), u.x());
        points.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
        points.setMarker(SeriesMarkers.CIRCLE);
        if (u.nPeak() != null && u.nPeak() <= end) {
            XYSeries peak = chart.addSeries(
                    "peak N* = " + num(u.nPeak()) + (u.extrapolated() ? " (extrapolated)" : ""),
                    List.of(u.nPeak()),
                    List.of(u.xPeak()));
            peak.setXYSeriesRenderStyle(XYSeries.XYSeriesRenderStyle.Scatter);
            peak.setMarker(SeriesMarkers.DIAMOND);
            peak.setMarkerColor(Charts.LIMIT);
        }
        chart.addAnnotation(new AnnotationLine(u.maxN(), true, false));
        chart.getStyler().setAnnotationLineColor(Charts.LIMIT);
        chart.getStyler().setAnnotationLineStroke(Charts.DASHED);
        return new Charts.Drawing("usl", title, Charts.png(chart), Charts.svg(chart));
    }

    private static String row(String name, double value, List<Double> ci) {
        return String.format(Locale.ROOT, "  %-32s %12.6g   95%% CI [%.6g, %.6g]%n", name, value, ci.get(0), ci.get(1));
    }

    private static void nullable(ObjectNode node, String key, Double value) {
        JsonReport.number(node, key, value == null ? Double.NaN : value);
    }

    private static void interval(ObjectNode node, String key, List<Double> ci) {
        ArrayNode a = node.putArray(key);
        for (double d : ci) {
            if (Double.isFinite(d)) {
                a.add(d);
            } else {
                a.addNull();
            }
        }
    }

    /** A number to about 4 significant digits without exponent; whole numbers without decimals. */
    static String num(double x) {
        if (x == Math.rint(x) || Math.abs(x) >= 1000) {
            return String.format(Locale.ROOT, "%.0f", x);
        }
        return new java.math.BigDecimal(x)
                .round(new java.math.MathContext(4))
                .stripTrailingZeros()
                .toPlainString();
    }
}
