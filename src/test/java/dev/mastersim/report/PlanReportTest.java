package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

final class PlanReportTest {
    private static RunResult run(Verdict v) {
        return new RunResult("s", 1, 4, 100, v, Map.of());
    }

    @Test
    void aVerdictStillUndecidedAtTheCapIsMarkedAndExplained() {
        Verdict sure = new Verdict(false, "", "master.cpu", true);
        Verdict unsure = new Verdict(false, "", "master.cpu", false);
        Verdict unsureSaturated = new Verdict(true, "p99 ... (undecided: ...)", "master.cpu", false);
        assertThat(PlanReport.word(sure)).isEqualTo("ok");
        assertThat(PlanReport.word(unsure)).isEqualTo("ok?");
        assertThat(PlanReport.word(new Verdict(true, "x", "master.cpu", true))).isEqualTo("SATURATED");
        assertThat(PlanReport.word(unsureSaturated)).isEqualTo("SATURATED?");
        assertThat(PlanReport.undecidedNote(List.of(run(sure)))).isEmpty();
        assertThat(PlanReport.undecidedNote(List.of(run(sure), run(unsure))))
                .startsWith("? undecided: a 95% interval still straddles a limit");
    }
}
