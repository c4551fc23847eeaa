package dev.mastersim.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.mastersim.ExperimentScale;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code forecast --resilience replica}: the month from which the site cannot lose one replica (N+1).
 * Reads of 2 ms on replicas of one core each: n replicas reach the 90% utilisation limit at 450n
 * reads/s. At 1000/s growing 10% a month the load is 1331/s in month 3 and 1464/s in month 4, so three
 * replicas (one lost) last until month 3 and breach in month 4 (2008-05); four last until 1772/s in
 * month 6 and breach at 1949/s in month 7 (2008-08).
 */
@ExperimentScale
final class ResilienceCommandTest {
    private final CommandRunner cli = new CommandRunner();

    @TempDir
    Path dir;

    @Test
    void losingOneReplicaBreachesTheSloWhenTheOthersPassTheirLimit() throws Exception {
        Path s = CommandRunner.scenario(
                dir,
                """
                version: 1
                traffic: {rate: 1000, growth: {start: 2008-01, monthly: 10%}}
                requests:
                  - {name: browse, share: 1, reads: 1, read_cost: {dist: constant, value: 2ms}}
                replicas: {count: 4, cores: 1}
                app: {servers: 4, pool: {size: 0}}
                run: {warmup: 5s, duration: 30s, replications: 3}
                forecast: {months: 12}
                """);
        assertThat(cli.run("forecast", s.toString(), "--resilience", "replica", "--format", "json"))
                .isZero();
        JsonNode j = JsonMapper.builder().build().readTree(cli.out());
        assertThat(j.get("saturation").get("month").asString()).isEqualTo("2008-08");
        JsonNode r = j.get("resilience");
        assertThat(r.get("kind").asString()).isEqualTo("replica");
        assertThat(r.get("month").asString()).isEqualTo("2008-05");
        assertThat(r.get("bottleneck").asString()).matches("replica-[123]\\.cpu");
        assertThat(r.get("sentence").asString()).startsWith("Can lose one replica until 2008-04; from 2008-05");
    }

    /**
     * {@code --resilience app-server}: the same growth on app servers of one core each whose requests
     * spend 2 ms of app CPU (round-robin spreads them evenly): one server lost leaves three, which breach
     * their 90% limit in 2008-05 while four last until 2008-07.
     */
    @Test
    void losingOneAppServerBreachesTheSloWhenTheOthersPassTheirLimit() throws Exception {
        Path s = CommandRunner.scenario(
                dir,
                """
                version: 1
                traffic: {rate: 1000, growth: {start: 2008-01, monthly: 10%}}
                requests:
                  - {name: browse, share: 1, reads: 1, read_cost: 100us, app_cpu: {dist: constant, value: 2ms}}
                replicas: {count: 2, cores: 0}
                app: {servers: 4, cores: 1, pool: {size: 0}}
                run: {warmup: 5s, duration: 30s, replications: 3}
                forecast: {months: 12}
                """);
        assertThat(cli.run("forecast", s.toString(), "--resilience", "app-server", "--format", "json"))
                .isZero();
        JsonNode j = JsonMapper.builder().build().readTree(cli.out());
        assertThat(j.get("saturation").get("month").asString()).isEqualTo("2008-08");
        JsonNode r = j.get("resilience");
        assertThat(r.get("kind").asString()).isEqualTo("app-server");
        assertThat(r.get("month").asString()).isEqualTo("2008-05");
        assertThat(r.get("bottleneck").asString()).matches("app-[123]\\.cpu");
        assertThat(r.get("sentence").asString())
                .startsWith("Can lose one app server until 2008-04; from 2008-05 an app server failure breaches");
    }

    @Test
    void appServerResilienceNeedsTwoServers() throws Exception {
        Path s = CommandRunner.scenario(dir, CommandRunner.SMALL + "app: {servers: 1}\n");
        assertThat(cli.run("forecast", s.toString(), "--resilience", "app-server"))
                .isEqualTo(2);
        assertThat(cli.err()).contains("--resilience app-server: the scenario has only 1 app server (app.servers: 1)");
    }
}
