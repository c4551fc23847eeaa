package dev.mastersim.report;

import de.erichseifert.vectorgraphics2d.VectorGraphics2D;
import de.erichseifert.vectorgraphics2d.svg.SVGProcessor;
import de.erichseifert.vectorgraphics2d.util.PageSize;
import java.awt.Font;
import java.awt.Shape;
import java.awt.font.FontRenderContext;
import java.awt.font.TextLayout;
import java.awt.geom.AffineTransform;
import java.awt.geom.PathIterator;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.internal.chartpart.Chart;
import org.knowm.xchart.internal.series.Series;
import org.knowm.xchart.style.AxesChartStyler;
import org.knowm.xchart.style.CategoryStyler;
import org.knowm.xchart.style.Styler;

/**
 * A chart as SVG with its text as {@code <text>} elements. XChart draws every label as the outline of
 * its glyphs ({@code TextLayout.getOutline}, then {@code fill}), which makes a chart's SVG 300-500 KB of
 * curves that a browser cannot select, search or read aloud. Here the chart is painted into a
 * {@link VectorGraphics2D} that recognises those outlines: each string the chart may draw (its title,
 * axis titles, legend names, categories, and every tick label its formatting functions produce, which
 * are recorded as the chart is painted) is laid out the way XChart lays it out, in each of the chart's
 * fonts, and an outline equal to one of them is written as that string. Any other shape, and a label
 * not recognised, is drawn as before.
 */
final class SvgText {
    private SvgText() {}

    /** The chart as an SVG document with its labels as text; {@code extra} are other strings it draws. */
    static String svg(Chart<?, ?> chart, Set<String> extra) {
        Recognising g = new Recognising(fonts(chart.getStyler()));
        g.strings.addAll(extra);
        addIfPresent(g.strings, chart.getTitle());
        addIfPresent(g.strings, chart.getXAxisTitle());
        addIfPresent(g.strings, chart.getYAxisTitle());
        for (int i = 0; i < 4; i++) {
            addIfPresent(g.strings, chart.getYAxisGroupTitle(i));
        }
        for (Series s : chart.getSeriesMap().values()) {
            addIfPresent(g.strings, s.getName());
        }
        if (chart instanceof CategoryChart c) {
            c.getSeriesMap().values().forEach(s -> s.getXData().forEach(x -> addIfPresent(g.strings, x.toString())));
        }
        if (chart.getStyler() instanceof AxesChartStyler s) {
            Function<Double, String> x = s.getxAxisTickLabelsFormattingFunction();
            Function<Double, String> y = s.getyAxisTickLabelsFormattingFunction();
            if (x != null) {
                s.setxAxisTickLabelsFormattingFunction(recording(x, g.strings));
            }
            if (y != null) {
                s.setyAxisTickLabelsFormattingFunction(recording(y, g.strings));
            }
            try {
                chart.paint(g, chart.getWidth(), chart.getHeight());
            } finally {
                s.setxAxisTickLabelsFormattingFunction(x);
                s.setyAxisTickLabelsFormattingFunction(y);
            }
        } else {
            chart.paint(g, chart.getWidth(), chart.getHeight());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            new SVGProcessor()
                    .getDocument(g.getCommands(), new PageSize(0.0, 0.0, chart.getWidth(), chart.getHeight()))
                    .writeTo(out);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return tidy(out.toString(StandardCharsets.UTF_8));
    }

    private static final Pattern GEOMETRY =
            Pattern.compile(" (x1|x2|y1|y2|x|y|cx|cy|rx|ry|width|height|d|transform)=\"([^\"]*)\"");
    private static final Pattern LONG_NUMBER = Pattern.compile("-?\\d+\\.\\d{3,}");

    /** Coordinates to a hundredth of a pixel: VectorGraphics2D writes every double in full. */
    static String round(String svg) {
        Matcher m = GEOMETRY.matcher(svg);
        StringBuilder b = new StringBuilder(svg.length());
        while (m.find()) {
            Matcher n = LONG_NUMBER.matcher(m.group(2));
            StringBuilder v = new StringBuilder();
            while (n.find()) {
                String r = new BigDecimal(n.group())
                        .setScale(2, RoundingMode.HALF_UP)
                        .stripTrailingZeros()
                        .toPlainString();
                n.appendReplacement(v, r.equals("-0") ? "0" : r);
            }
            n.appendTail(v);
            m.appendReplacement(b, Matcher.quoteReplacement(" " + m.group(1) + "=\"" + v + "\""));
        }
        m.appendTail(b);
        return b.toString();
    }

    /** Java's logical font names as the generic CSS families a browser knows; coordinates rounded. */
    private static String tidy(String svg) {
        svg = round(svg);
        // VectorGraphics2D leaves out a 12 px font size as its default; a browser's default is 16 px
        return svg.replaceFirst("<svg ", "<svg font-size=\"12px\" ")
                .replace("font-family:'SansSerif'", "font-family:sans-serif")
                .replace("font-family:&apos;SansSerif&apos;", "font-family:sans-serif")
                .replace("font-family:'Dialog'", "font-family:sans-serif");
    }

    private static void addIfPresent(Set<String> strings, String s) {
        if (s != null && !s.isBlank()) {
            strings.add(s);
        }
    }

    private static Function<Double, String> recording(Function<Double, String> f, Set<String> strings) {
        return v -> {
            String s = f.apply(v);
            addIfPresent(strings, s);
            return s;
        };
    }

    private static List<Font> fonts(Styler s) {
        List<Font> out = new ArrayList<>();
        out.add(s.getChartTitleFont());
        out.add(s.getLegendFont());
        out.add(s.getAnnotationTextFont());
        if (s instanceof AxesChartStyler a) {
            out.add(a.getAxisTitleFont());
            out.add(a.getAxisTickLabelsFont());
        }
        if (s instanceof CategoryStyler c) {
            out.add(c.getLabelsFont());
        }
        return out;
    }

    /** The glyph outline of {@code text} in {@code font} at the baseline origin, as XChart makes it. */
    private static String key(Shape s) {
        StringBuilder b = new StringBuilder();
        double[] c = new double[6];
        for (PathIterator it = s.getPathIterator(null); !it.isDone(); it.next()) {
            int type = it.currentSegment(c);
            b.append(type);
            int n = type == PathIterator.SEG_CUBICTO ? 6 : type == PathIterator.SEG_QUADTO ? 4 : type == 4 ? 0 : 2;
            for (int i = 0; i < n; i++) {
                b.append(',').append(Math.round(c[i] * 100)); // to a hundredth of a pixel, without a Formatter
            }
        }
        return b.toString();
    }

    /** The turns a label is drawn at: upright, and a y-axis title's quarter turn either way. */
    private static final double[] TURNS = {0, -Math.PI / 2, Math.PI / 2};

    /** A vector canvas that writes a recognised glyph outline as a text element. */
    private static final class Recognising extends VectorGraphics2D {
        final Set<String> strings = new LinkedHashSet<>();
        private final List<Font> fonts;
        private final Set<String> laidOut = new LinkedHashSet<>();
        private final Map<String, Object[]> byOutline = new HashMap<>();

        Recognising(List<Font> fonts) {
            this.fonts = fonts.stream().filter(f -> f != null).distinct().toList();
        }

        @Override
        public void fill(Shape s) {
            Object[] match = strings.isEmpty() ? null : lookup(s);
            if (match == null) {
                super.fill(s);
                return;
            }
            Font before = getFont();
            AffineTransform at = getTransform();
            setFont((Font) match[1]);
            rotate((Double) match[2]);
            drawString((String) match[0], 0f, 0f);
            setTransform(at);
            setFont(before);
        }

        /** The canvas's own and the ones XChart's parts make for themselves (the legend's, antialiased). */
        private List<FontRenderContext> contexts() {
            return List.of(
                    getFontRenderContext(),
                    new FontRenderContext(null, true, false),
                    new FontRenderContext(null, false, false),
                    new FontRenderContext(null, true, true));
        }

        private Object[] lookup(Shape s) {
            for (String text : List.copyOf(strings)) {
                if (laidOut.add(text)) {
                    for (Font f : fonts) {
                        for (FontRenderContext frc : contexts()) {
                            TextLayout layout = new TextLayout(text, f, frc);
                            for (double turn : TURNS) {
                                Shape outline = layout.getOutline(AffineTransform.getRotateInstance(turn));
                                byOutline.putIfAbsent(key(outline), new Object[] {text, f, turn});
                            }
                        }
                    }
                }
            }
            return byOutline.get(key(s));
        }
    }
}
