package dev.mastersim.scenario;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;
import static org.assertj.core.api.Assertions.within;

import java.nio.file.Path;
import java.time.YearMonth;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Good scenarios load into the right records. */
final class ScenarioLoaderTest {

    private static final Path EXAMPLE = Path.of("src/test/resources/dev/mastersim/scenario/contract-example.yaml");
    private static final Path REFERENCE = Path.of("scenarios/reference.yaml");

    private static final String MINIMAL =
            """
            version: 1
            traffic: {rate: 100}
            requests:
              - {name: example, share: 1, write: {table: example}}
            tables:
              example: {rows: 1_000_000}
            """;

    private static Scenario parse(String text, String... sets) throws ScenarioException {
        return ScenarioLoader.parse(text, "test.yaml", List.of(sets));
    }

    private static Scenario withRequest(String request) throws ScenarioException {
        return parse("version: 1\ntraffic: {rate: 100}\nrequests:\n  - {name: r, share: 1, " + request + "}\n");
    }

    @Test
    void contractExampleTrafficParses() throws ScenarioException {
        Scenario s = ScenarioLoader.load(EXAMPLE, List.of());

        Traffic t = s.traffic();
        assertThat(s.name()).isEqualTo("shop");
        assertThat(s.description()).isEqualTo("free text");
        assertThat(s.source()).isEqualTo(EXAMPLE.toString());
        assertThat(t.arrivals()).isEqualTo(Arrivals.OPEN);
        assertThat(t.rate()).isEqualTo(800.0);
        assertThat(t.users()).isEqualTo(500);
        assertThat(t.think()).isEqualTo(new Dist.Exponential(2.0));
        assertThat(t.growth().start()).isEqualTo(YearMonth.of(2007, 1));
        assertThat(t.growth().monthly()).isEqualTo(0.06);
        assertThat(t.growth().points()).isEmpty();
        assertThat(t.daily()).hasSize(24).startsWith(0.4, 0.3);
        assertThat(t.peakDailyMultiplier()).isEqualTo(1.0);
        assertThat(t.spikes()).containsExactly(new Spike(300.0, 60.0, 3.0));
    }

    @Test
    void contractExampleTablesAndRequestsParse() throws ScenarioException {
        Scenario s = ScenarioLoader.load(EXAMPLE, List.of());

        assertThat(s.tables().keySet()).containsExactly("orders", "accounts", "branches");
        assertThat(s.tables().get("orders")).isEqualTo(new Table("orders", 10_000_000L, 100));
        assertThat(s.tables().get("accounts")).isEqualTo(new Table("accounts", 1_000_000L, 100));
        assertThat(s.requests()).extracting(RequestType::name).containsExactly("browse", "buy", "transfer");
        assertThat(s.request("browse"))
                .isEqualTo(new RequestType(
                        "browse", 0.9, 4, new Dist.Exponential(0.001), Consistency.EVENTUAL, 1.0, null));
        Write buy = s.request("buy").write();
        assertThat(buy.steps()).containsExactly(new Step("orders", 6, 0.5, Granule.ROW, new Access.Zipf(0.9)));
        assertThat(buy.cpu()).isEqualTo(new Dist.Exponential(0.001));
        assertThat(buy.cpuPerLock()).isEqualTo(new Dist.Exponential(0.0005));
        assertThat(buy.roundtrip()).isEqualTo(new Dist.Constant(0));
        assertThat(buy.applyCost()).isEqualTo(new Dist.Exponential(0.0003));
        Write transfer = s.request("transfer").write();
        assertThat(transfer.steps())
                .containsExactly(
                        new Step("accounts", 2, 1.0, Granule.ROW, new Access.Uniform()),
                        new Step("branches", 1, 1.0, Granule.ROW, new Access.Zipf(1.1)));
        assertThat(transfer.totalLocks()).isEqualTo(3);
        assertThat(transfer.cpuPerLock()).isEqualTo(new Dist.Exponential(0.0002));
    }

    @Test
    void theAppTiersCapacityKeysParse() throws ScenarioException {
        Scenario s = parse(
                MINIMAL + "app: {servers: 3, cores: 4, threads: 50, thread_timeout: 2s}\n",
                "requests.example.app_cpu={dist: constant, value: 3ms}",
                "requests.example.app_cpu_after=1ms");
        assertThat(s.app()).isEqualTo(new App(3, new Pool(20, 30.0), 4, 50, 2.0));
        assertThat(s.requests().get(0).appCpu()).isEqualTo(new Dist.Constant(0.003));
        assertThat(s.requests().get(0).appCpuAfter()).isEqualTo(new Dist.Exponential(0.001));
        assertThat(parse(MINIMAL).requests().get(0).appCpu()).isEqualTo(Defaults.APP_CPU);
    }

    @Test
    void aMeanResponseTargetParses() throws ScenarioException {
        assertThat(parse(MINIMAL + "slo: {percentile: mean}\n").slo().percentile())
                .isEqualTo(Percentile.MEAN);
    }

    @Test
    void contractExampleInfrastructureParses() throws ScenarioException {
        Scenario s = ScenarioLoader.load(EXAMPLE, List.of());

        assertThat(s.master()).isEqualTo(new Master(8, new Dist.Exponential(0.002), true, 500, 50.0, 1));
        assertThat(s.concurrency()).isEqualTo(Concurrency.LOCKING);
        assertThat(s.replicas()).isEqualTo(new Replicas(4, 8, 1, Routing.ROUND_ROBIN));
        assertThat(s.app()).isEqualTo(new App(10, new Pool(20, 30.0)));
        assertThat(s.cache()).isEqualTo(new Cache(0.0));
        assertThat(s.writeQueue()).isEqualTo(new WriteQueue(false, 50, 0.1, 1));
        assertThat(s.retries()).isEqualTo(new Retries(3, 0.01));
        assertThat(s.slo()).isEqualTo(new Slo(Percentile.P99, 0.5, 0.001, 0.9));
        assertThat(s.run()).isEqualTo(new RunSpec(600.0, 60.0, 10, 42L));
        assertThat(s.forecast()).isEqualTo(new ForecastSpec(36));
        assertThat(s.cost()).isEqualTo(new Cost("USD", 2000, 800, 300, 200, 100));
        assertThat(s.options())
                .containsExactly(
                        Map.entry("more-replicas", Map.of("replicas.count", "8")),
                        Map.entry("shard-4", Map.of("master.shards", "4")),
                        Map.entry("row-locks", Map.of("requests.buy.write.granule", "row")));
    }

    @Test
    void minimalFileTakesEveryDefault() throws ScenarioException {
        Scenario s = parse(MINIMAL);

        assertThat(s.name()).isEqualTo("test");
        assertThat(s.description()).isEqualTo(Defaults.DESCRIPTION);
        assertThat(s.traffic().arrivals()).isEqualTo(Arrivals.OPEN);
        assertThat(s.traffic().think()).isEqualTo(Defaults.THINK);
        assertThat(s.traffic().growth()).isEqualTo(Defaults.GROWTH);
        assertThat(s.traffic().daily()).isEmpty();
        assertThat(s.traffic().spikes()).isEmpty();
        assertThat(s.request("example"))
                .isEqualTo(new RequestType(
                        "example",
                        1.0,
                        Defaults.READS,
                        Defaults.READ_COST,
                        Defaults.CONSISTENCY,
                        Defaults.MAX_LAG,
                        new Write(
                                List.of(new Step(
                                        "example",
                                        Defaults.LOCKS,
                                        Defaults.EXCLUSIVE,
                                        Defaults.GRANULE,
                                        Defaults.ACCESS)),
                                Defaults.CPU,
                                Defaults.CPU_PER_LOCK,
                                Defaults.ROUNDTRIP,
                                Defaults.APPLY_COST)));
        assertThat(s.master()).isEqualTo(Defaults.MASTER);
        assertThat(s.concurrency()).isEqualTo(Defaults.CONCURRENCY);
        assertThat(s.replicas()).isEqualTo(Defaults.REPLICAS);
        assertThat(s.app()).isEqualTo(Defaults.APP);
        assertThat(s.cache()).isEqualTo(Defaults.CACHE);
        assertThat(s.writeQueue()).isEqualTo(Defaults.WRITE_QUEUE);
        assertThat(s.retries()).isEqualTo(Defaults.RETRIES);
        assertThat(s.slo()).isEqualTo(Defaults.SLO);
        assertThat(s.run()).isEqualTo(Defaults.RUN);
        assertThat(s.forecast()).isEqualTo(Defaults.FORECAST);
        assertThat(s.options()).isEmpty();
    }

    @Test
    void referenceFileEqualsTheDefaults() throws ScenarioException {
        Scenario reference = ScenarioLoader.load(REFERENCE, List.of());
        Scenario minimal = ScenarioLoader.parse(MINIMAL, "reference.yaml", List.of());

        // required keys (traffic.rate) and illustrative lists (tables, requests, options) aside, all equal
        assertThat(reference)
                .usingRecursiveComparison()
                .ignoringFields("source", "options", "cost")
                .isEqualTo(minimal);
        assertThat(reference.options()).isNotEmpty();
        assertThat(reference.cost()).isNotNull();
        assertThat(minimal.cost()).isNull();
    }

    @Test
    void costPricesEachInstanceAndAnArmMayOverrideThem() throws ScenarioException {
        Scenario s = parse(MINIMAL
                + "replicas: {count: 3}\napp: {servers: 2}\nmaster: {shards: 2}\n"
                + "cost: {currency: EUR, master: 2_000, replica: 800.5, app_server: 300}\n"
                + "options: {dear: {cost.master: 2500}}\n");

        assertThat(s.cost()).isEqualTo(new Cost("EUR", 2000, 800.5, 300, 0, 0));
        // 2 shards x 2000 + 3 replicas x 800.5 + 2 app servers x 300; no cache, no write queue
        assertThat(s.cost().monthly(s)).isEqualTo(2 * 2000 + 3 * 800.5 + 2 * 300);
        Scenario dear = parse(MINIMAL + "cost: {master: 2000}\n", "cost.master=2500");
        assertThat(dear.cost().master()).isEqualTo(2500);
        assertThat(dear.cost().currency()).isEqualTo(Defaults.CURRENCY);
        assertThat(parse(MINIMAL).cost()).isNull();
    }

    @Test
    void cacheAndWriteQueueWritersArePricedOnlyWhenUsed() throws ScenarioException {
        Scenario s = parse(MINIMAL
                + "replicas: {count: 0}\napp: {servers: 1}\ncache: {hit_ratio: 50%}\n"
                + "write_queue: {enabled: true, writers: 3}\n"
                + "cost: {master: 1000, app_server: 10, cache: 200, write_queue_writer: 100}\n");

        assertThat(s.cost().monthly(s)).isEqualTo(1000 + 10 + 200 + 3 * 100);
        Scenario off = parse(MINIMAL
                + "replicas: {count: 0}\napp: {servers: 1}\n"
                + "cost: {master: 1000, app_server: 10, cache: 200, write_queue_writer: 100}\n");
        assertThat(off.cost().monthly(off)).isEqualTo(1000 + 10);
    }

    @Test
    void bareDurationIsExponentialWithThatMean() throws ScenarioException {
        Scenario s = withRequest("read_cost: 250us");

        assertThat(s.request("r").readCost()).isEqualTo(new Dist.Exponential(0.00025));
    }

    @Test
    void zeroDurationInADistributionSlotIsConstantZero() throws ScenarioException {
        Scenario s = parse(MINIMAL + "master: {flush: 0ms}\n");

        assertThat(s.master().flush()).isEqualTo(new Dist.Constant(0));
    }

    @Test
    void everyDurationUnitConvertsToSeconds() throws ScenarioException {
        Scenario s = parse(MINIMAL + "run: {duration: 1h, warmup: 2min}\nretries: {backoff: 1.5s}\n"
                + "master: {lock_wait_timeout: 1_500ms}\n");

        assertThat(s.run().duration()).isEqualTo(3600.0);
        assertThat(s.run().warmup()).isEqualTo(120.0);
        assertThat(s.retries().backoff()).isEqualTo(1.5);
        assertThat(s.master().lockWaitTimeout()).isEqualTo(1.5);
    }

    @Test
    void distributionMapsGiveTheirFamilies() throws ScenarioException {
        Scenario s = parse(MINIMAL.replace(
                        "traffic: {rate: 100}",
                        "traffic: {arrivals: closed, users: 5, think: {dist: uniform, min: 1s, max: 3s}}")
                + "master: {flush: {dist: lognormal, mean: 2ms, cv: 1.5}}\n");

        assertThat(s.master().flush()).isEqualTo(new Dist.LogNormal(0.002, 1.5));
        assertThat(s.traffic().think()).isEqualTo(new Dist.Uniform(1.0, 3.0));
        assertThat(s.traffic().think().mean()).isEqualTo(2.0);
    }

    @Test
    void gammaAndConstantDistributionsParse() throws ScenarioException {
        Scenario s =
                withRequest("read_cost: {dist: gamma, mean: 4ms, cv: 0.5}, write: {cpu: {dist: constant, value: 1ms}}");

        assertThat(s.request("r").readCost()).isEqualTo(new Dist.Gamma(0.004, 0.5));
        assertThat(s.request("r").write().cpu()).isEqualTo(new Dist.Constant(0.001));
        assertThat(s.request("r").write().steps()).isEmpty();
    }

    @Test
    void underscoresInNumbersAreSeparators() throws ScenarioException {
        Scenario s = parse(MINIMAL.replace("rate: 100", "rate: 1_000.5") + "run: {seed: 1_000_000_000_000}\n");

        assertThat(s.traffic().rate()).isEqualTo(1000.5);
        assertThat(s.table("example").rows()).isEqualTo(1_000_000L);
        assertThat(s.run().seed()).isEqualTo(1_000_000_000_000L);
    }

    @Test
    void percentageAndFractionMeanTheSame() throws ScenarioException {
        Scenario percent = parse(MINIMAL + "slo: {utilisation: 85%}\n");
        Scenario fraction = parse(MINIMAL + "slo: {utilisation: 0.85}\n");

        assertThat(percent.slo().utilisation()).isEqualTo(0.85);
        assertThat(percent).isEqualTo(fraction);
    }

    @Test
    void sharesSummingToOneWithinRoundingAreAccepted() throws ScenarioException {
        Scenario s = parse("version: 1\ntraffic: {rate: 1}\nrequests:\n"
                + "  - {name: a, share: 0.1}\n  - {name: b, share: 0.2}\n  - {name: c, share: 70%}\n");

        assertThat(s.requests()).extracting(RequestType::share).containsExactly(0.1, 0.2, 0.7);
    }

    @Test
    void setOverridesAPlainKey() throws ScenarioException {
        Scenario s = parse(MINIMAL, "replicas.count=6", "master.flush=5ms");

        assertThat(s.replicas().count()).isEqualTo(6);
        assertThat(s.master().flush()).isEqualTo(new Dist.Exponential(0.005));
    }

    @Test
    void setAddressesARequestByName() throws ScenarioException {
        Scenario s = parse(MINIMAL, "requests.example.write.locks=8", "requests.example.write.granule=page");

        assertThat(s.request("example").write().steps()).singleElement().satisfies(step -> {
            assertThat(step.locks()).isEqualTo(8);
            assertThat(step.granule()).isEqualTo(Granule.PAGE);
        });
    }

    @Test
    void laterSetWins() throws ScenarioException {
        Scenario s = parse(MINIMAL, "run.replications=3", "run.replications=5");

        assertThat(s.run().replications()).isEqualTo(5);
    }

    @Test
    void setValueIsValidatedLikeTheFile() {
        ScenarioException e = catchThrowableOfType(ScenarioException.class, () -> parse(MINIMAL, "master.cores=lots"));

        assertThat(e.problems())
                .map(Problem::toString)
                .containsExactly("--set#1:1:14: master.cores: expected a whole number from 0 to 100000, got \"lots\"");
    }

    @Test
    void growthPointsInterpolateLinearlyAndStayFlatOutside() throws ScenarioException {
        Scenario s = parse(MINIMAL.replace(
                "traffic: {rate: 100}",
                "traffic: {rate: 100, growth: {start: 2007-01, points: {2007-03: 1.0, 2007-07: 3.0}}}"));

        Growth g = s.traffic().growth();
        assertThat(g.multiplier(0)).isEqualTo(1.0);
        assertThat(g.multiplier(4)).isEqualTo(2.0);
        assertThat(g.multiplier(20)).isEqualTo(3.0);
        assertThat(g.month(4)).isEqualTo(YearMonth.of(2007, 5));
    }

    @Test
    void monthlyGrowthCompounds() throws ScenarioException {
        Scenario s = parse(MINIMAL.replace("traffic: {rate: 100}", "traffic: {rate: 100, growth: {monthly: 10%}}"));

        assertThat(s.traffic().growth().multiplier(2)).isCloseTo(1.21, within(1e-12));
    }

    @Test
    void hotSetAccessAndTableGranuleParse() throws ScenarioException {
        Scenario s = parse(MINIMAL.replace(
                "write: {table: example}",
                "write: {table: example, granule: table, access: {dist: hotset, fraction: 10%, share: 0.9}}"));

        Step step = s.request("example").write().steps().get(0);
        assertThat(step.granule()).isEqualTo(Granule.TABLE);
        assertThat(step.access()).isEqualTo(new Access.HotSet(0.1, 0.9));
    }

    @Test
    void closedArrivalsNeedNoRate() throws ScenarioException {
        Scenario s = parse("version: 1\ntraffic: {arrivals: closed, users: 50}\nrequests: [{name: a, share: 1}]\n");

        assertThat(s.traffic().arrivals()).isEqualTo(Arrivals.CLOSED);
        assertThat(s.traffic().users()).isEqualTo(50);
        assertThat(s.request("a").readOnly()).isTrue();
    }

    @Test
    void enumSpellingsWithHyphensMapToConstants() throws ScenarioException {
        Scenario s =
                parse(MINIMAL + "concurrency: no-wait\nreplicas: {routing: least-loaded}\nslo: {percentile: p999}\n");

        assertThat(s.concurrency()).isEqualTo(Concurrency.NO_WAIT);
        assertThat(s.replicas().routing()).isEqualTo(Routing.LEAST_LOADED);
        assertThat(s.slo().percentile().quantile()).isEqualTo(0.999);
        assertThat(s.slo().percentile().key()).isEqualTo("p999");
    }

    @Test
    void problemsAreSortedByLineThenColumn() {
        ScenarioException e = catchThrowableOfType(
                ScenarioException.class,
                () -> parse("version: 1\ntraffic: {rate: 100}\nmaster: {shards: 0, cores: -1}\n"
                        + "requests: [{name: a, share: 1, reads: x}]\n"));

        assertThat(e.problems()).extracting(p -> p.line() + ":" + p.column()).containsExactly("3:18", "3:28", "4:39");
    }

    @Test
    void schemaTextIsTheDraft202012Schema() {
        assertThat(ScenarioLoader.schemaText())
                .contains("\"$schema\": \"https://json-schema.org/draft/2020-12/schema\"")
                .contains("\"additionalProperties\": false");
    }

    @Test
    void utf8ByteOrderMarkIsIgnored() throws ScenarioException {
        Scenario s = parse("\uFEFF" + MINIMAL);

        assertThat(s.traffic().rate()).isEqualTo(100.0);
    }

    @Test
    void everyReferenceInTheSchemaNamesADefinitionItHas() {
        String schema = ScenarioLoader.schemaText();
        java.util.regex.Matcher refs =
                java.util.regex.Pattern.compile("\"#/\\$defs/([A-Za-z0-9_]+)\"").matcher(schema);
        int n = 0;
        while (refs.find()) {
            n++;
            assertThat(schema).as("a definition for %s", refs.group(1)).contains("\"" + refs.group(1) + "\": {");
        }
        assertThat(n).isGreaterThan(20);
    }
}
