package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** When the progress bar is drawn: every combination of terminal, --quiet, --format and CI. */
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
}
