package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.imageio.ImageIO;

/** Headless Chromium for the rendering tests: a page, its screenshot. */
final class HeadlessChromium {
    private HeadlessChromium() {}

    /** Where the rendering tests expect Chromium (Debian's package). */
    static final Path CHROMIUM = Path.of("/usr/bin/chromium");

    /**
     * {@code html} written to {@code dir} and drawn by Chromium in a window 1200 pixels wide and
     * {@code height} high; the screenshot, or an assertion error with what Chromium said.
     */
    static BufferedImage screenshot(Path dir, String html, int height) throws IOException, InterruptedException {
        Files.createDirectories(dir);
        Path file = dir.resolve("page.html");
        Files.writeString(file, html);
        Path shot = dir.resolve("shot.png");
        List<String> command = List.of(
                CHROMIUM.toString(),
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                "--user-data-dir=" + dir.resolve("profile"),
                "--screenshot=" + shot,
                "--window-size=1200," + height,
                file.toUri().toString());
        Process p = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(dir.resolve("chromium.log").toFile())
                .start();
        if (!p.waitFor(120, TimeUnit.SECONDS)) {
            p.destroyForcibly();
            throw new AssertionError("chromium did not finish in 120 s");
        }
        assertThat(shot)
                .as("screenshot; chromium said:%n%s", Files.readString(dir.resolve("chromium.log")))
                .exists();
        BufferedImage img = ImageIO.read(shot.toFile());
        assertThat(img).isNotNull();
        return img;
    }
}
