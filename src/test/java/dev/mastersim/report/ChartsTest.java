package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.imageio.ImageIO;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.xml.sax.InputSource;

final class ChartsTest {
    private static final byte[] PNG_MAGIC = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    @Test
    void forecastChartsAreValidPngAndSvg() throws Exception {
        List<Charts.Drawing> charts = Charts.forecast(Fixtures.forecast(), Fixtures.SLO);
        assertThat(charts)
                .extracting(Charts.Drawing::name)
                .containsExactly("forecast-response", "forecast-utilisation");
        charts.forEach(ChartsTest::assertValid);
    }

    @Test
    void forecastSecondChartPlotsLoadIndicesAgainstTheOneLine() {
        ForecastResult f = Fixtures.forecast();
        List<MonthPoint> months = new ArrayList<>();
        for (MonthPoint p : f.months()) {
            RunResult r = p.result();
            double load = p.rate() / 800;
            Verdict v = new Verdict(
                    r.verdict().saturated(),
                    r.verdict().reason(),
                    r.verdict().bottleneck(),
                    true,
                    Map.of(
                            "master.locks:orders",
                            1.4 * load,
                            "replica-1.cpu",
                            0.2 * load,
                            "replica-2.cpu",
                            0.2 * load));
            months.add(new MonthPoint(
                    p.month(),
                    p.index(),
                    p.rate(),
                    new RunResult(r.scenario(), r.seed(), r.replications(), r.rate(), v, r.figures())));
        }
        Charts.Drawing d =
                Charts.forecastUtilisation(new ForecastResult(f.scenario(), null, months, f.horizon()), Fixtures.SLO);
        // the SVG draws its text as glyphs: the labels are checked on mergedLabels below
        assertThat(d.title()).isEqualTo("shop: load index by month");
        assertValid(d);
    }

    @Test
    void identicalIndexLinesAreMergedIntoOneLabelledWithTheirRange() {
        Map<String, List<Double>> xs = new TreeMap<>();
        Map<String, List<Double>> ys = new TreeMap<>();
        for (String name : List.of("master.cpu", "replica-1.cpu", "replica-2.cpu", "replica-3.cpu", "replica-4.cpu")) {
            xs.put(name, List.of(0.0, 1.0));
            ys.put(name, List.of(0.2, 0.4));
        }
        ys.put("replica-3.cpu", List.of(0.2, 0.5));
        for (int i = 1; i <= 4; i++) {
            xs.put("replica-" + i + ".applier", List.of(0.0, 1.0));
            ys.put("replica-" + i + ".applier", List.of(0.1, 0.3));
        }
        assertThat(Charts.mergedLabels(xs, ys))
                .containsExactly(
                        Map.entry("master.cpu", "master.cpu"),
                        Map.entry("replica-1.applier", "replica-1..4.applier"),
                        Map.entry("replica-1.cpu", "replica-1,2,4.cpu"),
                        Map.entry("replica-3.cpu", "replica-3.cpu"));
    }

    @Test
    void aLargeFamilyOfNearlyEqualLinesIsDrawnAsItsHighestMember() {
        Map<String, List<Double>> xs = new TreeMap<>();
        Map<String, List<Double>> ys = new TreeMap<>();
        xs.put("master.cpu", List.of(0.0, 1.0));
        ys.put("master.cpu", List.of(0.1, 0.2));
        for (int i = 1; i <= 6; i++) {
            xs.put("app-" + i + ".cpu", List.of(0.0, 1.0));
            ys.put("app-" + i + ".cpu", List.of(0.1 + 0.01 * i, 0.5 - 0.01 * i));
        }
        for (int i = 1; i <= 2; i++) {
            xs.put("replica-" + i + ".cpu", List.of(0.0, 1.0));
            ys.put("replica-" + i + ".cpu", List.of(0.3, 0.3 + i));
        }
        Charts.foldFamilies(xs, ys);
        // six app servers: one line, at each month the busiest of them (app-6 first, app-1 then)
        assertThat(xs).containsOnlyKeys("master.cpu", "app-1..6.cpu (highest)", "replica-1.cpu", "replica-2.cpu");
        assertThat(ys.get("app-1..6.cpu (highest)")).containsExactly(0.1 + 0.06, 0.5 - 0.01);
        assertThat(xs.get("app-1..6.cpu (highest)")).containsExactly(0.0, 1.0);
    }

    @Test
    void dayChartsAreValidPngAndSvg() throws Exception {
        List<Charts.Drawing> charts = Charts.day(Fixtures.day(), Fixtures.SLO);
        assertThat(charts).extracting(Charts.Drawing::name).containsExactly("day-response", "day-utilisation");
        charts.forEach(ChartsTest::assertValid);
    }

    @Test
    void compareChartIsValidPngAndSvg() throws Exception {
        Charts.compare(Fixtures.arms()).forEach(ChartsTest::assertValid);
    }

    @Test
    void sweepChartOfNumbersIsValidPngAndSvg() throws Exception {
        Charts.sweep("app.pool.size", Fixtures.sweep("2", "4", "8", "16", "32")).forEach(ChartsTest::assertValid);
    }

    @Test
    void sweepChartOfWordsIsValidPngAndSvg() throws Exception {
        Charts.sweep("granule", Fixtures.sweep("row", "page", "table")).forEach(ChartsTest::assertValid);
    }

    @Test
    void capacityChartIsValidPngAndSvg() throws Exception {
        assertValid(Charts.capacity(Fixtures.capacity(), Fixtures.SLO));
    }

    @Test
    void forecastWithoutSloOrSaturationStillDraws() throws Exception {
        var f = Fixtures.forecast();
        var unsaturated = new dev.mastersim.experiment.result.ForecastResult(
                f.scenario(), null, f.months().subList(0, 3), f.horizon());
        Charts.forecast(unsaturated, Charts.Limits.NONE).forEach(d -> {
            assertThat(d.png()).startsWith(PNG_MAGIC);
            assertThat(d.svg()).contains("<svg");
        });
    }

    @Test
    void runChartsShowLoadIndicesAndResponseTimes() {
        RunResult r = Fixtures.run(600);
        RunResult indexed = new RunResult(
                r.scenario(),
                r.seed(),
                r.replications(),
                r.rate(),
                new Verdict(false, "", "master.cpu", true, Map.of("master.cpu", 0.8, "master.disk", 0.3)),
                r.figures());
        assertThat(Charts.run(indexed, Fixtures.SLO))
                .extracting(Charts.Drawing::name)
                .containsExactly("run-indices", "run-response");
        assertThat(Charts.run(r, Fixtures.SLO)).extracting(Charts.Drawing::name).containsExactly("run-response");
        Charts.run(indexed, Fixtures.SLO).forEach(ChartsTest::assertValid);
    }

    /**
     * A run with faults adds each fault's per-minute timeline (response and failures, and the replica
     * lag when there was any); a run without faults draws none.
     */
    @Test
    void aRunWithFaultsDrawsEachFaultsTimeline() {
        List<Charts.Drawing> charts = Charts.run(Fixtures.faulted(), Fixtures.SLO);
        assertThat(charts)
                .extracting(Charts.Drawing::name)
                .containsExactly(
                        "run-response",
                        "fault-1-replica-loss",
                        "fault-1-replica-loss-lag",
                        "fault-2-app-restart",
                        "fault-2-app-restart-lag");
        assertThat(charts.get(1).title()).isEqualTo("shop: fault 1-replica-loss, per minute");
        // the window and the recovery are named in the legend, as text
        assertThat(charts.get(1).svg())
                .contains(">fault window 2-5 min</text>")
                .contains(">recovered 6.58 min</text>")
                .contains(">failed requests per minute</text>");
        assertThat(charts.get(3).svg())
                .contains(">fault window 8-9.50 min</text>")
                .doesNotContain(">recovered");
        charts.forEach(ChartsTest::assertValid);
        assertThat(FaultCharts.timelines(Fixtures.run(600), Fixtures.SLO)).isEmpty();
    }

    @Test
    void compareDrawsMonthsAndCapacityApartAndNoMonthsWhenNoArmBuysAny() {
        assertThat(Charts.compare(Fixtures.arms()))
                .extracting(Charts.Drawing::name)
                .containsExactly("compare", "compare-capacity");
        var f = Fixtures.forecast();
        var never = new ForecastResult(f.scenario(), null, f.months().subList(0, 3), f.horizon());
        var c = Fixtures.capacity();
        var flat = List.of(
                new dev.mastersim.experiment.result.Arm("baseline", never, c, 0, true),
                new dev.mastersim.experiment.result.Arm("shard-4", never, c, 0, true));
        assertThat(Charts.compare(flat)).extracting(Charts.Drawing::name).containsExactly("compare-capacity");
    }

    @Test
    void aResponseTimeSpanningDecadesIsOnALogAxis() {
        assertThat(Charts.spansDecades(List.of(200.0, 400.0, 9000.0), 300)).isTrue();
        assertThat(Charts.spansDecades(List.of(200.0, 400.0, 2800.0), 300)).isFalse();
        assertThat(Charts.spansDecades(List.of(20.0, 25.0), 1000)).isTrue();
    }

    /** Every kind of chart, drawn from the fixtures. */
    static List<Charts.Drawing> everyKind() {
        List<Charts.Drawing> all = new ArrayList<>(Charts.forecast(Fixtures.forecast(), Fixtures.SLO));
        all.addAll(Charts.day(Fixtures.day(), Fixtures.SLO));
        all.addAll(Charts.compare(Fixtures.arms()));
        all.addAll(Charts.sweep("app.pool.size", Fixtures.sweep("2", "4", "8", "16", "32")));
        all.add(Charts.capacity(Fixtures.capacity(), Fixtures.SLO));
        all.addAll(Charts.run(Fixtures.run(600), Fixtures.SLO));
        all.addAll(FaultCharts.timelines(Fixtures.faulted(), Fixtures.SLO));
        return all;
    }

    @Test
    void svgLabelsAreTextAndEveryChartIsSmall() {
        for (Charts.Drawing d : everyKind()) {
            assertThat(d.svg()).as(d.name()).contains(">" + HtmlReport.escape(d.title()) + "</text>");
            assertThat(d.svg().length()).as(d.name() + " bytes").isLessThan(60_000);
            // a glyph outline is a path of hundreds of curve points; a bar or a marker is a few
            java.util.regex.Matcher m =
                    java.util.regex.Pattern.compile("<path d=\"([^\"]*)\"").matcher(d.svg());
            while (m.find()) {
                assertThat(m.group(1).length())
                        .as(d.name() + ": a label drawn as a path")
                        .isLessThan(1000);
            }
        }
    }

    static void assertValid(Charts.Drawing d) {
        try {
            dump(d);
            assertThat(d.png()).startsWith(PNG_MAGIC);
            BufferedImage img = ImageIO.read(new ByteArrayInputStream(d.png()));
            assertThat(img).as("PNG decodes").isNotNull();
            assertThat(img.getWidth()).isGreaterThanOrEqualTo(400);
            assertThat(img.getHeight()).isGreaterThanOrEqualTo(200);
            assertThat(distinctColours(img)).as("more than a blank canvas").isGreaterThan(3);

            assertThat(d.svg()).contains("<svg");
            Document doc = parse(d.svg());
            assertThat(doc.getDocumentElement().getLocalName()).isEqualTo("svg");
        } catch (Exception e) {
            throw new AssertionError(d.name(), e);
        }
    }

    /** Parses without fetching anything: the DOCTYPE's DTD is not loaded. */
    static Document parse(String xml) throws Exception {
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        f.setFeature("http://apache.org/xml/features/nonvalidating/load-external-dtd", false);
        return f.newDocumentBuilder().parse(new InputSource(new StringReader(xml)));
    }

    private static int distinctColours(BufferedImage img) {
        java.util.Set<Integer> seen = new java.util.HashSet<>();
        for (int y = 0; y < img.getHeight(); y += 3) {
            for (int x = 0; x < img.getWidth(); x += 3) {
                seen.add(img.getRGB(x, y));
            }
        }
        return seen.size();
    }

    /** With -Dmastersim.chartDir=DIR, keep the charts to look at. */
    private static void dump(Charts.Drawing d) throws IOException {
        String dir = System.getProperty("mastersim.chartDir");
        if (dir != null) {
            Files.createDirectories(Path.of(dir));
            Files.write(Path.of(dir, d.name() + ".png"), d.png());
            Files.writeString(Path.of(dir, d.name() + ".svg"), d.svg());
        }
    }
}
