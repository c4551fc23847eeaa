package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code compare} prices each arm from its own topology and the scenario's {@code cost:}, and divides
 * the months it buys by its extra monthly cost over the baseline.
 */
final class CompareCostTest {
    /**
     * Reads on replicas of one 10 ms core each (100 reads/s a replica), growing 10% a month: two replicas
     * give out months before four. Prices: master 2,000, replica 800, app server 300 a month.
     */
    static final String SCENARIO =
            """
            version: 1
            name: priced
            traffic: {rate: 100, growth: {start: 2030-01, monthly: 10%}}
            requests:
              - {name: read, share: 100%, reads: 1, read_cost: {dist: constant, value: 10ms}}
            replicas: {count: 2, cores: 1}
            app: {servers: 4}
            run: {duration: 20s, warmup: 2s, replications: 2}
            forecast: {months: 24}
            cost: {currency: EUR, master: 2000, replica: 800, app_server: 300}
            options:
              four-replicas: {replicas.count: 4, cost.replica: 900}
              same-price: {replicas.routing: least-loaded}
            """;

    @TempDir
    Path tmp;

    @Test
    void monthsPer1000AreMonthsBoughtOverTheExtraMonthlyCost() throws Exception {
        Path file = tmp.resolve("priced.yaml");
        Files.writeString(file, SCENARIO);
        CommandRunner cli = new CommandRunner();
        assertThat(cli.run("compare", file.toString(), "--format", "json", "-q"))
                .isZero();
        JsonNode arms = JsonMapper.builder().build().readTree(cli.out()).get("arms");

        JsonNode base = arms.get(0);
        JsonNode four = arms.get(1);
        JsonNode same = arms.get(2);
        // baseline: 1 master x 2000 + 2 replicas x 800 + 4 app servers x 300
        assertThat(base.get("cost_per_month").asDouble()).isEqualTo(2000 + 2 * 800 + 4 * 300);
        assertThat(base.get("currency").asString()).isEqualTo("EUR");
        // the arm's own topology and its own price: 4 replicas x 900
        assertThat(four.get("cost_per_month").asDouble()).isEqualTo(2000 + 4 * 900 + 4 * 300);
        int bought = four.get("months_bought").asInt();
        assertThat(bought).as("four replicas outlast two").isPositive();
        // 2,000 more a month: months bought / (2000 / 1000)
        assertThat(four.get("months_per_1000").asDouble()).isEqualTo(bought / 2.0);
        // the same instances at the same prices: free, whatever it buys
        assertThat(same.get("cost_per_month").asDouble())
                .isEqualTo(base.get("cost_per_month").asDouble());
        assertThat(same.get("months_per_1000").isNull()).isTrue();
        assertThat(four.get("next_bottleneck").asString())
                .isNotEmpty()
                .isNotEqualTo(four.get("bottleneck").asString());
    }

    @Test
    void theTableHasTheCostColumnsAndSaysFree() throws Exception {
        Path file = tmp.resolve("priced.yaml");
        Files.writeString(file, SCENARIO);
        CommandRunner cli = new CommandRunner();
        assertThat(cli.run("compare", file.toString(), "-q")).isZero();
        assertThat(cli.out())
                .contains("cost/month", "months/1000", "next bottleneck", "reason")
                .contains("4800 EUR", "6800 EUR")
                .containsPattern("same-price .* 4800 EUR +free ");
    }
}
