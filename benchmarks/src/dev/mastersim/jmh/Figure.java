package dev.mastersim.jmh;

import java.awt.Color;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.CategorySeries;
import org.knowm.xchart.style.Styler;
import org.knowm.xchart.style.markers.SeriesMarkers;

/**
 * One chart of benchmark figures on a logarithmic y axis: categories along x and one series per
 * implementation, drawn as grouped bars or as lines through the categories. The PNG comes from XChart;
 * the SVG is written here, because XChart's vector output draws every letter as a path (hundreds of
 * kilobytes per chart): this one keeps text as {@code <text>}, so the files are small and searchable.
 */
final class Figure {
    private static final int WIDTH = 900;
    private static final int HEIGHT = 480;
    private static final int LEFT = 80;
    private static final int RIGHT = 20;
    private static final int TOP = 40;
    private static final int BOTTOM = 140;
    /** XChart's default series colours (its XChart theme), so the PNG and the SVG agree. */
    private static final Color[] COLOURS = new org.knowm.xchart.style.theme.XChartTheme().getSeriesColors();

    final String title;
    final String xTitle;
    final String yTitle;
    final List<String> categories;
    final boolean bars;
    final Map<String, List<Double>> series = new LinkedHashMap<>();

    Figure(String title, String xTitle, String yTitle, List<String> categories, boolean bars) {
        this.title = title;
        this.xTitle = xTitle;
        this.yTitle = yTitle;
        this.categories = List.copyOf(categories);
        this.bars = bars;
    }

    /** Adds a series, one value per category; a missing or non-positive value is drawn as nothing. */
    Figure add(String name, List<Double> values) {
        series.put(name, new ArrayList<>(values));
        return this;
    }

    /** Whether the category labels are long enough together to be set at a slant. */
    private boolean rotated() {
        int longest = categories.stream().mapToInt(String::length).max().orElse(0);
        return longest * 7 > (WIDTH - LEFT - RIGHT) / Math.max(1, categories.size()) - 8;
    }

    /** The powers of ten (and 2×, 5× when the data span less than two decades) that bound the data. */
    List<Double> ticks() {
        double lo = Double.MAX_VALUE;
        double hi = 0;
        for (List<Double> s : series.values()) {
            for (Double v : s) {
                if (v != null && v > 0 && Double.isFinite(v)) {
                    lo = Math.min(lo, v);
                    hi = Math.max(hi, v);
                }
            }
        }
        if (hi == 0) {
            lo = 1;
            hi = 10;
        }
        int from = (int) Math.floor(Math.log10(lo));
        int to = (int) Math.ceil(Math.log10(hi));
        if (to == from) {
            to++;
        }
        List<Double> ticks = new ArrayList<>();
        boolean fine = to - from < 2;
        for (int e = from; e <= to; e++) {
            double p = Math.pow(10, e);
            ticks.add(p);
            if (fine && e < to) {
                ticks.add(2 * p);
                ticks.add(5 * p);
            }
        }
        return ticks;
    }

    byte[] png() {
        List<Double> ticks = ticks();
        CategoryChart chart = new CategoryChartBuilder()
                .width(WIDTH)
                .height(HEIGHT)
                .title(title)
                .xAxisTitle(xTitle)
                .yAxisTitle(yTitle)
                .build();
        chart.getStyler().setChartBackgroundColor(Color.WHITE);
        chart.getStyler().setPlotBackgroundColor(Color.WHITE);
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setLegendLayout(Styler.LegendLayout.Vertical);
        if (rotated()) {
            chart.getStyler().setXAxisLabelRotation(30);
        }
        chart.getStyler().setPlotGridLinesColor(new Color(0xDD, 0xDD, 0xDD));
        chart.getStyler().setLocale(Locale.ROOT);
        chart.getStyler().setOverlapped(!bars);
        chart.getStyler().setYAxisLogarithmic(true);
        chart.getStyler().setYAxisMin(ticks.get(0));
        chart.getStyler().setYAxisMax(ticks.get(ticks.size() - 1));
        if (!bars) {
            chart.getStyler().setDefaultSeriesRenderStyle(CategorySeries.CategorySeriesRenderStyle.Line);
        }
        series.forEach((name, values) -> {
            List<Double> y = new ArrayList<>();
            for (Double v : values) {
                y.add(v != null && v > 0 && Double.isFinite(v) ? v : null);
            }
            CategorySeries s = chart.addSeries(name, categories, y);
            if (!bars) {
                s.setMarker(SeriesMarkers.CIRCLE);
            }
        });
        try {
            return BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    String svg() {
        List<Double> ticks = ticks();
        double lo = Math.log10(ticks.get(0));
        double hi = Math.log10(ticks.get(ticks.size() - 1));
        int plotW = WIDTH - LEFT - RIGHT;
        int plotH = HEIGHT - TOP - BOTTOM;
        StringBuilder b = new StringBuilder();
        b.append(String.format(
                Locale.ROOT,
                "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\""
                        + " font-family=\"sans-serif\" font-size=\"12\">\n",
                WIDTH,
                HEIGHT,
                WIDTH,
                HEIGHT));
        b.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
        text(b, WIDTH / 2.0, 22, "middle", 15, escape(title));
        for (double t : ticks) {
            double y = TOP + plotH - (Math.log10(t) - lo) / (hi - lo) * plotH;
            b.append(String.format(
                    Locale.ROOT,
                    "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>\n",
                    LEFT,
                    y,
                    LEFT + plotW,
                    y));
            text(b, LEFT - 6, y + 4, "end", 12, tick(t));
        }
        b.append(String.format(
                Locale.ROOT,
                "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"none\" stroke=\"#888\"/>\n",
                LEFT,
                TOP,
                plotW,
                plotH));
        b.append(String.format(
                Locale.ROOT,
                "<text transform=\"translate(18,%.1f) rotate(-90)\" text-anchor=\"middle\">%s</text>\n",
                TOP + plotH / 2.0,
                escape(yTitle)));
        double group = (double) plotW / categories.size();
        for (int c = 0; c < categories.size(); c++) {
            double x = LEFT + (c + 0.5) * group;
            if (rotated()) {
                b.append(String.format(
                        Locale.ROOT,
                        "<text transform=\"translate(%.1f,%d) rotate(-30)\" text-anchor=\"end\">%s</text>\n",
                        x,
                        TOP + plotH + 14,
                        escape(categories.get(c))));
            } else {
                text(b, x, TOP + plotH + 18, "middle", 12, escape(categories.get(c)));
            }
        }
        text(b, LEFT + plotW / 2.0, TOP + plotH + (rotated() ? 88 : 40), "middle", 12, escape(xTitle));
        int k = 0;
        double barW = group * 0.8 / Math.max(1, series.size());
        for (Map.Entry<String, List<Double>> e : series.entrySet()) {
            String colour = hex(COLOURS[k % COLOURS.length]);
            StringBuilder points = new StringBuilder();
            List<Double> values = e.getValue();
            for (int c = 0; c < values.size(); c++) {
                Double v = values.get(c);
                if (v == null || !(v > 0) || !Double.isFinite(v)) {
                    continue;
                }
                double y = TOP + plotH - (Math.log10(v) - lo) / (hi - lo) * plotH;
                if (bars) {
                    double x = LEFT + c * group + group * 0.1 + k * barW;
                    b.append(String.format(
                            Locale.ROOT,
                            "<rect x=\"%.1f\" y=\"%.1f\" width=\"%.1f\" height=\"%.1f\" fill=\"%s\"><title>%s, %s: %s</title></rect>\n",
                            x,
                            y,
                            barW,
                            TOP + plotH - y,
                            colour,
                            escape(e.getKey()),
                            escape(categories.get(c)),
                            JmhCharts.plain(v)));
                } else {
                    double x = LEFT + (c + 0.5) * group;
                    points.append(String.format(Locale.ROOT, "%.1f,%.1f ", x, y));
                    b.append(String.format(
                            Locale.ROOT,
                            "<circle cx=\"%.1f\" cy=\"%.1f\" r=\"4\" fill=\"%s\"><title>%s, %s: %s</title></circle>\n",
                            x,
                            y,
                            colour,
                            escape(e.getKey()),
                            escape(categories.get(c)),
                            JmhCharts.plain(v)));
                }
            }
            if (!bars && points.length() > 0) {
                b.append(String.format(
                        Locale.ROOT,
                        "<polyline points=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"/>\n",
                        points.toString().trim(),
                        colour));
            }
            k++;
        }
        legend(b, plotH);
        return b.append("</svg>\n").toString();
    }

    /** The series names under the plot, left to right, wrapping at the chart's width. */
    private void legend(StringBuilder b, int plotH) {
        double x = LEFT;
        double y = TOP + plotH + (rotated() ? 112 : 64);
        int k = 0;
        for (String name : series.keySet()) {
            double w = 24 + 7.0 * name.length();
            if (x + w > WIDTH - RIGHT) {
                x = LEFT;
                y += 18;
            }
            b.append(String.format(
                    Locale.ROOT,
                    "<rect x=\"%.1f\" y=\"%.1f\" width=\"12\" height=\"12\" fill=\"%s\"/>\n",
                    x,
                    y - 10,
                    hex(COLOURS[k % COLOURS.length])));
            text(b, x + 16, y, "start", 12, escape(name));
            x += w + 12;
            k++;
        }
    }

    /** A y-axis label: whole numbers plainly, with k and M for thousands and millions; small ones to 3 digits. */
    static String tick(double v) {
        if (v >= 1e6) {
            return String.format(Locale.ROOT, "%.0f M", v / 1e6);
        }
        if (v >= 1e4) {
            return String.format(Locale.ROOT, "%.0f k", v / 1e3);
        }
        return v >= 1
                ? String.format(Locale.ROOT, "%.0f", v)
                : new BigDecimal(String.format(Locale.ROOT, "%.3g", v))
                        .stripTrailingZeros()
                        .toPlainString();
    }

    private static void text(StringBuilder b, double x, double y, String anchor, int size, String s) {
        b.append(String.format(
                Locale.ROOT,
                "<text x=\"%.1f\" y=\"%.1f\" text-anchor=\"%s\"%s>%s</text>\n",
                x,
                y,
                anchor,
                size == 12 ? "" : " font-size=\"" + size + "\"",
                s));
    }

    private static String hex(Color c) {
        return String.format(Locale.ROOT, "#%02x%02x%02x", c.getRed(), c.getGreen(), c.getBlue());
    }

    private static String escape(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
