package dev.mastersim.report;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.MeasuredStep;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.ValidationResult;
import dev.mastersim.experiment.result.Verdict;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** validate's table, JSON and CSV show each level's repeats: their range, spread and the level's judgement. */
final class ValidateReportTest {
    private static MeasuredStep step(int clients, double throughput, double p95) {
        return new MeasuredStep(clients, 1, throughput, p95 / 2, p95 / 3, p95, p95 * 1.5, 0, 0, 0, 0, 0.5, 0);
    }

    private static RunResult sim(double throughput, double p95) {
        return new RunResult(
                "s",
                42,
                5,
                0,
                new Verdict(false, "", "master.cpu", true),
                Map.of(
                        List.of("all", "throughput_per_s"), new Figure(throughput, 1),
                        List.of("all", "response_ms", "p95"), new Figure(p95, 0.1)));
    }

    /** One level run at 368/s and 1,054/s (mean 711/s), the model at 427/s: no judgement. */
    private static ValidationResult result() {
        List<MeasuredStep> repeats = List.of(step(1, 368, 2.0), step(1, 1054, 2.5));
        MeasuredStep mean = new MeasuredStep(1, 2, 711, 1.125, 0.75, 2.25, 3.375, 0, 0, 0, 0, 0.5, 0);
        var row = new ValidationResult.Row(
                mean, repeats, sim(427, 2.25), (427 - 711) / 711.0, 0, ValidationResult.Judgement.UNDECIDED);
        return new ValidationResult(
                "hot",
                "PostgreSQL 15",
                "2 processors",
                List.of(row),
                2,
                1,
                0.15,
                0.25,
                List.of("At 1 clients the database's own spread ..."),
                false,
                ValidationResult.Outcome.UNDECIDED);
    }

    @Test
    void theTableShowsTheRangeAndTheVerdictSaysNoJudgement() {
        String t = CalibrateReport.validateTable(result());
        assertThat(t).contains("repeats:  2 per level, interleaved");
        assertThat(t).contains("range 368.0 to 1054.0/s (spread 48%)   p95 2.000 to 2.500 ms (spread 11%)");
        assertThat(t).contains("undecided");
        assertThat(t).contains("Verdict: no judgement possible: the database did not repeat itself closely enough.");
    }

    @Test
    void theJsonCarriesEveryRepeatTheRangeAndTheJudgement() {
        JsonNode j = JsonMapper.builder().build().readTree(CalibrateReport.validateJson(result()));
        assertThat(j.get("repeats").asInt()).isEqualTo(2);
        assertThat(j.get("outcome").asString()).isEqualTo("undecided");
        JsonNode level = j.get("levels").get(0);
        assertThat(level.get("judgement").asString()).isEqualTo("undecided");
        assertThat(level.get("database_repeats")).hasSize(2);
        assertThat(level.get("database_repeats").get(1).get("throughput_per_s").asDouble())
                .isEqualTo(1054.0);
        JsonNode thr = level.get("database_spread").get("throughput_per_s");
        assertThat(thr.get("min").asDouble()).isEqualTo(368.0);
        assertThat(thr.get("max").asDouble()).isEqualTo(1054.0);
        assertThat(thr.get("spread").asDouble()).isEqualTo(343.0 / 711);
    }

    @Test
    void theCsvAppendsTheRangeColumns() {
        String[] lines = CalibrateReport.validateCsv(result()).split("\n");
        assertThat(lines[0])
                .endsWith(",repeats,db_throughput_min,db_throughput_max,db_throughput_spread,db_p95_min_ms,"
                        + "db_p95_max_ms,db_p95_spread,judgement,db_cpu_per_txn_us,db_server_cpu_per_txn_us,"
                        + "loadgen_cpu_per_txn_us,machine_cpu_busy,db_sleeps_per_txn");
        // no CPU measured in these levels: the CPU columns are NaN, never a guess
        assertThat(lines[1]).contains(",2,368.0,1054.0,").endsWith(",undecided,NaN,NaN,NaN,NaN,NaN");
    }
}
