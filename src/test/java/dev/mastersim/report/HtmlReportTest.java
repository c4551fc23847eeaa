package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

final class HtmlReportTest {
    private static final String SVG_NAMESPACE = "http://www.w3.org/2000/svg";
    private static final HtmlReport.Source SOURCE =
            new HtmlReport.Source("scenarios/istock-2007.yaml", Fixtures.SCENARIO_TEXT, List.of("run.duration=20s"));

    static String forecastPage() {
        var f = Fixtures.forecast();
        return HtmlReport.forecast(f, Charts.forecast(f, Fixtures.SLO), SOURCE);
    }

    static List<String> pages() {
        var arms = Fixtures.arms();
        var points = Fixtures.sweep("2", "4", "8");
        var c = Fixtures.capacity();
        return List.of(
                forecastPage(),
                HtmlReport.compare(arms, Charts.compare(arms), SOURCE),
                HtmlReport.sweep("app.pool.size", points, Charts.sweep("app.pool.size", points), SOURCE),
                HtmlReport.capacity(c, List.of(Charts.capacity(c, Fixtures.SLO)), SOURCE),
                HtmlReport.run(Fixtures.run(500), List.of(), SOURCE),
                dayPage());
    }

    static String dayPage() {
        var d = Fixtures.day();
        return HtmlReport.day(d, Charts.day(d, Fixtures.SLO), SOURCE);
    }

    @Test
    void dayPageStatesTheFirstSaturatedHourAndHasARowPerHour() {
        var d = Fixtures.day();
        String sentence = DayReport.sentence(d);
        assertThat(sentence).contains("saturates in hour 07 (07:00-08:00)");
        String page = dayPage();
        assertThat(page).contains("<p class=\"verdict\">" + HtmlReport.escape(sentence) + "</p>");
        assertThat(page).contains("<figure id=\"day-response\">", "<figure id=\"day-utilisation\">");
        for (int h = 0; h < 24; h++) {
            assertThat(page).contains(String.format(">%02d:00</td>", h));
        }
    }

    @Test
    void pagesReferToNothingOutsideThemselves() {
        Pattern url = Pattern.compile("(?i)https?://[^\"'\\s<>)]*");
        for (String page : pages()) {
            Matcher m = url.matcher(page);
            List<String> found = new ArrayList<>();
            while (m.find()) {
                found.add(m.group());
            }
            assertThat(found).allMatch(SVG_NAMESPACE::equals);
            assertThat(page).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<link");
            assertThat(page).doesNotContain("<!DOCTYPE svg").doesNotContain("<?xml");
        }
    }

    @Test
    void scenarioTextIsEscaped() {
        for (String page : pages()) {
            assertThat(page)
                    .contains("&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;quotes&quot;")
                    .doesNotContain("<script>alert");
        }
    }

    @Test
    void forecastPageStatesTheVerdict() {
        String sentence = PlanReport.forecastSentence(Fixtures.forecast());
        assertThat(sentence).contains("saturates in 2007-11");
        assertThat(forecastPage()).contains("<p class=\"verdict\">" + HtmlReport.escape(sentence) + "</p>");
    }

    @Test
    void compareCapacityAndSweepPagesStateTheirVerdicts() {
        var arms = Fixtures.arms();
        assertThat(HtmlReport.compare(arms, List.of(), SOURCE))
                .contains(HtmlReport.escape(PlanReport.compareSentence(arms)))
                .contains("row-locks buys the most time, at least 27 months over the baseline");
        var c = Fixtures.capacity();
        assertThat(HtmlReport.capacity(c, List.of(), SOURCE))
                .contains(HtmlReport.escape(PlanReport.capacitySentence(c)));
        var points = Fixtures.sweep("2", "4", "8", "16", "32", "64");
        assertThat(HtmlReport.sweep("app.pool.size", points, List.of(), SOURCE))
                .contains("With app.pool.size = 64 the deployment saturates");
    }

    @Test
    void forecastPageInlinesBothChartsAndTheTable() {
        String page = forecastPage();
        assertThat(page.split("<svg", -1)).hasSize(3);
        assertThat(page).contains("<figure id=\"forecast-response\">", "<figure id=\"forecast-utilisation\">");
        assertThat(page).contains(">2007-11</td>").contains("run.duration=20s");
    }

    @Test
    void elementIdsAreUniqueOnThePage() {
        Matcher m = Pattern.compile(" id=\"([^\"]+)\"").matcher(forecastPage());
        Set<String> ids = new HashSet<>();
        while (m.find()) {
            assertThat(ids.add(m.group(1))).as("id %s once", m.group(1)).isTrue();
        }
        assertThat(ids).hasSizeGreaterThan(2);
    }

    @Test
    void pageIsWellFormedEnoughForAnXmlParser() throws Exception {
        // Not required of HTML, but it shows every element the page writes is closed and escaped.
        String page = forecastPage().replace("<!DOCTYPE html>", "").replace("<meta charset=\"utf-8\">", "");
        page = page.replaceAll("<meta [^>]*>", "");
        assertThat(ChartsTest.parse(page).getDocumentElement().getTagName()).isEqualTo("html");
    }
}
