package dev.mastersim.experiment;

import dev.mastersim.scenario.Access;
import dev.mastersim.scenario.App;
import dev.mastersim.scenario.Arrivals;
import dev.mastersim.scenario.Consistency;
import dev.mastersim.scenario.Defaults;
import dev.mastersim.scenario.Dist;
import dev.mastersim.scenario.Granule;
import dev.mastersim.scenario.Master;
import dev.mastersim.scenario.Pool;
import dev.mastersim.scenario.Replicas;
import dev.mastersim.scenario.RequestType;
import dev.mastersim.scenario.RunSpec;
import dev.mastersim.scenario.Scenario;
import dev.mastersim.scenario.Step;
import dev.mastersim.scenario.Table;
import dev.mastersim.scenario.Traffic;
import dev.mastersim.scenario.Write;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Scenario records for tests whose answer is known in closed form: built on the defaults, changed where named. */
final class TestScenarios {
    private TestScenarios() {}

    static final Dist ZERO = new Dist.Constant(0);

    /** Open Poisson arrivals at {@code rate}; one write request doing only {@code cpu} on a master of {@code cores}. */
    static Scenario masterCpu(double rate, int cores, Dist cpu, double duration, int replications) {
        Write w = new Write(List.of(), cpu, ZERO, ZERO, ZERO);
        RequestType t = new RequestType("work", 1.0, 0, Defaults.READ_COST, Consistency.EVENTUAL, 1.0, w);
        return base(
                open(rate),
                Map.of(),
                List.of(t),
                new Master(cores, ZERO, false, 0, 50, 1),
                new Replicas(0, 1, 1, Defaults.REPLICAS.routing()),
                duration,
                replications);
    }

    /** Open arrivals; one read-only request with one read of {@code cost} on a single replica of {@code cores}. */
    static Scenario replicaCpu(double rate, int cores, Dist cost, double duration, int replications) {
        RequestType t = new RequestType("read", 1.0, 1, cost, Consistency.EVENTUAL, 1.0, null);
        return base(
                open(rate),
                Map.of(),
                List.of(t),
                new Master(1, ZERO, false, 0, 50, 1),
                new Replicas(1, cores, 1, Defaults.REPLICAS.routing()),
                duration,
                replications);
    }

    /** A closed population: one read on a 1-core replica, then a write of {@code cpu} on a 1-core master. */
    static Scenario closedTwoStations(int users, double think, double read, double cpu, double duration, int reps) {
        Traffic traffic = new Traffic(
                Arrivals.CLOSED, 0, users, new Dist.Exponential(think), Defaults.GROWTH, new double[0], List.of());
        Write w = new Write(List.of(), new Dist.Exponential(cpu), ZERO, ZERO, ZERO);
        RequestType t = new RequestType("rw", 1.0, 1, new Dist.Exponential(read), Consistency.EVENTUAL, 1.0, w);
        return base(
                traffic,
                Map.of(),
                List.of(t),
                new Master(1, ZERO, false, 0, 50, 1),
                new Replicas(1, 1, 1, Defaults.REPLICAS.routing()),
                duration,
                reps);
    }

    /** Open arrivals of write transactions taking {@code k} exclusive row locks, uniform over {@code rows}. */
    static Scenario lockWorkload(double rate, int k, long rows, Dist cpuPerLock, double duration, int reps) {
        Step step = new Step("items", k, 1.0, Granule.ROW, new Access.Uniform());
        Write w = new Write(List.of(step), ZERO, cpuPerLock, ZERO, ZERO);
        RequestType t = new RequestType("txn", 1.0, 0, Defaults.READ_COST, Consistency.EVENTUAL, 1.0, w);
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put("items", new Table("items", rows, 100));
        return base(
                open(rate),
                tables,
                List.of(t),
                new Master(0, ZERO, false, 0, 1e6, 1),
                new Replicas(0, 1, 1, Defaults.REPLICAS.routing()),
                duration,
                reps);
    }

    /** A closed population of {@code users} always in the system (no think time), k exclusive locks on D rows. */
    static Scenario closedLocking(int users, int k, long rows, double action, double duration, int reps) {
        Traffic traffic = new Traffic(Arrivals.CLOSED, 0, users, ZERO, Defaults.GROWTH, new double[0], List.of());
        Step step = new Step("items", k, 1.0, Granule.ROW, new Access.Uniform());
        Write w = new Write(List.of(step), ZERO, new Dist.Exponential(action), ZERO, ZERO);
        RequestType t = new RequestType("txn", 1.0, 0, Defaults.READ_COST, Consistency.EVENTUAL, 1.0, w);
        Map<String, Table> tables = new LinkedHashMap<>();
        tables.put("items", new Table("items", rows, 100));
        return base(
                traffic,
                tables,
                List.of(t),
                new Master(0, ZERO, false, 0, 1e6, 1),
                new Replicas(0, 1, 1, Defaults.REPLICAS.routing()),
                duration,
                reps);
    }

    /** Open arrivals of lock-free writes with {@code apply} work on each of {@code replicas} single-applier replicas. */
    static Scenario replicated(double rate, int replicas, Dist apply, double duration, int reps) {
        Write w = new Write(List.of(), ZERO, ZERO, ZERO, apply);
        RequestType t = new RequestType("write", 1.0, 0, Defaults.READ_COST, Consistency.EVENTUAL, 1.0, w);
        return base(
                open(rate),
                Map.of(),
                List.of(t),
                new Master(0, ZERO, false, 0, 50, 1),
                new Replicas(replicas, 1, 1, Defaults.REPLICAS.routing()),
                duration,
                reps);
    }

    /** Open arrivals of lock-free writes whose only work is the commit flush. */
    static Scenario flushing(double rate, Dist flush, boolean groupCommit, double duration, int reps) {
        Write w = new Write(List.of(), ZERO, ZERO, ZERO, ZERO);
        RequestType t = new RequestType("write", 1.0, 0, Defaults.READ_COST, Consistency.EVENTUAL, 1.0, w);
        return base(
                open(rate),
                Map.of(),
                List.of(t),
                new Master(0, flush, groupCommit, 0, 50, 1),
                new Replicas(0, 1, 1, Defaults.REPLICAS.routing()),
                duration,
                reps);
    }

    /** The same scenario with one app server whose master pool has {@code size} connections. */
    static Scenario withPool(Scenario s, int size, double timeout) {
        return new Scenario(
                s.name(),
                s.description(),
                s.source(),
                s.traffic(),
                s.tables(),
                s.requests(),
                s.master(),
                s.concurrency(),
                s.replicas(),
                new App(1, new Pool(size, timeout)),
                s.cache(),
                s.writeQueue(),
                s.retries(),
                s.slo(),
                s.run(),
                s.forecast(),
                s.options());
    }

    /** The same scenario with other traffic, master, SLO, run length, horizon, tables or requests. */
    static Scenario with(Scenario s, Traffic traffic, Master master, dev.mastersim.scenario.Slo slo, int months) {
        return new Scenario(
                s.name(),
                s.description(),
                s.source(),
                traffic,
                s.tables(),
                s.requests(),
                master,
                s.concurrency(),
                s.replicas(),
                s.app(),
                s.cache(),
                s.writeQueue(),
                s.retries(),
                slo,
                s.run(),
                new dev.mastersim.scenario.ForecastSpec(months),
                s.options());
    }

    static Traffic growing(double rate, double monthly) {
        return new Traffic(
                Arrivals.OPEN,
                rate,
                0,
                Defaults.THINK,
                new dev.mastersim.scenario.Growth(java.time.YearMonth.of(2027, 1), monthly, new java.util.TreeMap<>()),
                new double[0],
                List.of());
    }

    static Traffic open(double rate) {
        return new Traffic(Arrivals.OPEN, rate, 0, Defaults.THINK, Defaults.GROWTH, new double[0], List.of());
    }

    static Scenario base(
            Traffic traffic,
            Map<String, Table> tables,
            List<RequestType> requests,
            Master master,
            Replicas replicas,
            double duration,
            int replications) {
        return new Scenario(
                "test",
                "",
                "test.yaml",
                traffic,
                tables,
                requests,
                master,
                Defaults.CONCURRENCY,
                replicas,
                new App(1, new Pool(0, 30)),
                Defaults.CACHE,
                Defaults.WRITE_QUEUE,
                Defaults.RETRIES,
                Defaults.SLO,
                new RunSpec(duration, duration / 10, replications, 42),
                Defaults.FORECAST,
                Map.of());
    }
}
