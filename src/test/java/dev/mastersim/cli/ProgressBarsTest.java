package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.Progress;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.Writer;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/**
 * When the progress bar is drawn (every combination of terminal, --quiet, --format and CI), and that closing it
 * leaves the line clear even when the terminal is slow.
 */
final class ProgressBarsTest {
    @Test
    void aBarIsDrawnOnlyOnATerminalWithoutQuietJsonOrCi() {
        List<String> drawn = new ArrayList<>();
        int combinations = 0;
        for (boolean terminal : new boolean[] {false, true}) {
            for (boolean quiet : new boolean[] {false, true}) {
                for (String format : List.of("table", "json", "csv")) {
                    for (boolean ci : new boolean[] {false, true}) {
                        combinations++;
                        if (ProgressBars.show(terminal, quiet, format, ci)) {
                            drawn.add("terminal=" + terminal + " quiet=" + quiet + " format=" + format + " ci=" + ci);
                        }
                    }
                }
            }
        }
        assertThat(combinations).isEqualTo(24);
        assertThat(drawn)
                .containsExactly(
                        "terminal=true quiet=false format=table ci=false",
                        "terminal=true quiet=false format=csv ci=false");
    }

    /** A terminal that takes {@code millis} for every write, so that frames are in flight when the bar closes. */
    private static final class SlowTerminal extends Writer {
        final StringWriter text = new StringWriter();
        private final long millis;

        SlowTerminal(long millis) {
            this.millis = millis;
        }

        @Override
        public void write(char[] cbuf, int off, int len) {
            try {
                Thread.sleep(millis);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            synchronized (text) {
                text.write(cbuf, off, len);
            }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}

        String shown() {
            synchronized (text) {
                return text.toString();
            }
        }
    }

    private static final String CLEARED = "\r" + " ".repeat(40) + "\r";

    @RepeatedTest(5)
    void closingWaitsForTheClearEvenWhenTheConsumerIsSlow() throws Exception {
        SlowTerminal terminal = new SlowTerminal(120);
        ProgressBars.Bar bar = ProgressBars.open(new PrintWriter(terminal), 40, "run", true);
        Progress p = bar.progress();
        p.plan(4);
        Thread.sleep(500); // the refresh thread draws every 250 ms, each frame taking 120 ms to write

        bar.close();
        String atClose = terminal.shown();
        Thread.sleep(600); // anything the refresh thread still had would arrive now

        assertThat(atClose).startsWith("\rrun ").endsWith(CLEARED);
        assertThat(terminal.shown()).isEqualTo(atClose);
    }

    @Test
    void aBarClosedBeforeItsFirstRefreshStillLeavesTheLineClear() throws Exception {
        SlowTerminal terminal = new SlowTerminal(0);
        ProgressBars.open(new PrintWriter(terminal), 40, "run", true).close();
        String atClose = terminal.shown();
        Thread.sleep(300);

        assertThat(atClose).endsWith(CLEARED);
        assertThat(terminal.shown()).isEqualTo(atClose);
    }
}
