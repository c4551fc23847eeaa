package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The forecast page as a browser draws it: headless Chromium renders the page, and the same page
 * with every chart emptied (its {@code <svg>} element kept, so the layout is identical); the charts
 * are drawn if the two screenshots differ over a large area, and only where the charts are.
 * Skipped where Debian's chromium package is not installed ({@code .ci/run} installs it).
 */
final class BrowserTest {
    private static final Path CHROMIUM = HeadlessChromium.CHROMIUM;

    @TempDir
    Path tmp;

    @Test
    void chromiumDrawsTheForecastCharts() throws Exception {
        assumeTrue(Files.isExecutable(CHROMIUM), "no /usr/bin/chromium");
        String page = HtmlReportTest.forecastPage();
        String blank = page.replaceAll("(?s)(<svg[^>]*>).*?</svg>", "$1</svg>");
        assertThat(blank).isNotEqualTo(page);

        BufferedImage drawn = screenshot(page, "drawn");
        BufferedImage empty = screenshot(blank, "empty");
        Path keep = Path.of(System.getProperty("mastersim.shotDir", tmp.toString()));
        Files.createDirectories(keep);
        ImageIO.write(drawn, "png", keep.resolve("forecast-shot.png").toFile());

        assertThat(drawn.getWidth()).isEqualTo(empty.getWidth());
        assertThat(drawn.getHeight()).isEqualTo(empty.getHeight());
        int differing = 0;
        int top = Integer.MAX_VALUE;
        int bottom = -1;
        for (int y = 0; y < drawn.getHeight(); y++) {
            for (int x = 0; x < drawn.getWidth(); x++) {
                if (drawn.getRGB(x, y) != empty.getRGB(x, y)) {
                    differing++;
                    top = Math.min(top, y);
                    bottom = Math.max(bottom, y);
                }
            }
        }
        // Two 900×480 charts: axes, grid, labels, legend and series cover well over 2% of them.
        assertThat(differing).as("pixels the charts drew").isGreaterThan(2 * 900 * 480 / 50);
        assertThat(bottom - top).as("height the drawn charts span").isGreaterThan(700);
        assertThat(nonWhite(drawn, top, bottom))
                .as("non-white share of the chart rows")
                .isGreaterThan(0.02);
    }

    private BufferedImage screenshot(String html, String name) throws IOException, InterruptedException {
        return HeadlessChromium.screenshot(tmp.resolve(name), html, 2000);
    }

    private static double nonWhite(BufferedImage img, int top, int bottom) {
        long count = 0;
        long all = 0;
        for (int y = top; y <= bottom; y++) {
            for (int x = 0; x < img.getWidth(); x++) {
                all++;
                if ((img.getRGB(x, y) & 0xFFFFFF) != 0xFFFFFF) {
                    count++;
                }
            }
        }
        return all == 0 ? 0 : (double) count / all;
    }
}
