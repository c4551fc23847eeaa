package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.mastersim.ExperimentScale;
import dev.mastersim.cli.Mastersim;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of chart as a browser draws it, from real runs: each command's page (run, capacity,
 * forecast, compare, sweep, and run --day on the small scenario) on a scenario whose traffic does not
 * grow and on {@code scenarios/istock-2007.yaml} (shortened runs), rendered by headless Chromium with its
 * charts and again with each chart emptied; each chart must draw a chart's worth of pixels where it
 * stands. Without {@code /usr/bin/chromium} the test is skipped, except under {@code CI=true}, where
 * it fails: a CI machine that cannot look at the charts has not checked them.
 */
@ExperimentScale
final class ChartKindsBrowserTest {
    private static final Path CHROMIUM = HeadlessChromium.CHROMIUM;

    /** Reads on two replicas, no growth: no month ever saturates. */
    static final String FLAT =
            """
            version: 1
            name: flat
            traffic: {rate: 200, growth: {start: 2030-01, monthly: 0%}}
            requests:
              - {name: read, share: 100%, reads: 1, read_cost: 2ms}
            replicas: {count: 2, cores: 1}
            run: {duration: 20s, warmup: 2s, replications: 2}
            forecast: {months: 6}
            cost: {master: 2000, replica: 800, app_server: 300}
            options:
              four-replicas: {replicas.count: 4}
            """;

    private static final List<String> ISTOCK_SHORT = List.of(
            "--set",
            "run.duration=20s",
            "--set",
            "run.warmup=5s",
            "--set",
            "run.replications=2",
            "--set",
            "forecast.months=24");

    @TempDir
    Path tmp;

    @Test
    void chromiumDrawsEveryChartKind() throws Exception {
        boolean ci = "true".equalsIgnoreCase(System.getenv("CI"));
        if (ci) {
            assertThat(CHROMIUM)
                    .as("CI=true: BrowserTest needs /usr/bin/chromium")
                    .isExecutable();
        }
        assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium");

        Path flat = tmp.resolve("flat.yaml");
        Files.writeString(flat, FLAT);
        Path out = tmp.resolve("out");
        List<Path> pages = new ArrayList<>();
        for (String command : List.of("run", "capacity", "forecast", "compare")) {
            pages.add(cli(out.resolve("flat-" + command), command, flat.toString()));
            List<String> args = new ArrayList<>(List.of(command, "scenarios/istock-2007.yaml"));
            args.addAll(ISTOCK_SHORT);
            pages.add(cli(out.resolve("istock-2007-" + command), args.toArray(String[]::new)));
        }
        pages.add(cli(
                out.resolve("flat-sweep"), "sweep", flat.toString(), "--param", "replicas.count", "--values", "1,2,4"));
        pages.add(cli(out.resolve("flat-day"), "run", flat.toString(), "--day", "--replications", "1"));

        int charts = 0;
        for (Path page : pages) {
            String html = Files.readString(page);
            int n = count(html);
            assertThat(n).as(page + ": charts on the page").isPositive();
            charts += n;
            String blank = html.replaceAll("(?s)(<svg[^>]*>).*?</svg>", "$1</svg>");
            BufferedImage drawn = screenshot(html, page.getParent().getFileName() + "-drawn");
            BufferedImage empty = screenshot(blank, page.getParent().getFileName() + "-empty");
            int differing = 0;
            for (int y = 0; y < drawn.getHeight(); y++) {
                for (int x = 0; x < drawn.getWidth(); x++) {
                    if (drawn.getRGB(x, y) != empty.getRGB(x, y)) {
                        differing++;
                    }
                }
            }
            // each 900x480 chart: axes, grid, labels, legend and points cover well over 2% of it
            assertThat(differing).as(page + ": pixels its charts drew").isGreaterThan(n * 900 * 480 / 50);
        }
        // run 2 + 2, capacity 1 + 1, forecast 2 + 2, compare 1 (no growth: capacity only) + 2, sweep 2, day 2
        assertThat(charts).as("charts looked at").isEqualTo(17);
    }

    private static int count(String html) {
        Matcher m = Pattern.compile("<figure id=").matcher(html);
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    /** Runs the command with {@code --out dir -q} and returns the HTML page it wrote. */
    private static Path cli(Path dir, String... args) throws IOException {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--out", dir.toString(), "-q"));
        StringWriter err = new StringWriter();
        var cl = Mastersim.commandLine();
        cl.setOut(new PrintWriter(new StringWriter(), true));
        cl.setErr(new PrintWriter(err, true));
        assertThat(cl.execute(all.toArray(String[]::new)))
                .as(String.join(" ", all) + ": " + err)
                .isZero();
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.toString().endsWith(".html")).findFirst().orElseThrow();
        }
    }

    private BufferedImage screenshot(String html, String name) throws IOException, InterruptedException {
        BufferedImage img = HeadlessChromium.screenshot(tmp.resolve("shots").resolve(name), html, 3200);
        String keep = System.getProperty("mastersim.shotDir");
        if (keep != null) {
            Files.createDirectories(Path.of(keep));
            ImageIO.write(img, "png", Path.of(keep, name + ".png").toFile());
        }
        return img;
    }
}
