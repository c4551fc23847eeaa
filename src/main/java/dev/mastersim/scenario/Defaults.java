package dev.mastersim.scenario;

import java.time.YearMonth;
import java.util.List;
import java.util.TreeMap;

/**
 * Every default of the scenario file, in one place. {@code scenarios/reference.yaml} documents the same values
 * and a test keeps the two equal.
 */
public final class Defaults {
    private Defaults() {}

    public static final String NAME = "scenario";
    public static final String DESCRIPTION = "";

    public static final int USERS = 0;
    public static final double RATE = 0;
    public static final Dist THINK = new Dist.Exponential(2.0);
    public static final Growth GROWTH = new Growth(YearMonth.of(2026, 1), 0.0, new TreeMap<>());
    public static final double[] DAILY = {};
    public static final List<Spike> SPIKES = List.of();

    public static final int ROWS_PER_PAGE = 100;

    public static final int READS = 0;
    public static final Dist READ_COST = new Dist.Exponential(0.001);
    public static final Consistency CONSISTENCY = Consistency.EVENTUAL;
    public static final double MAX_LAG = 1.0;

    public static final Dist CPU = new Dist.Constant(0);
    public static final Dist CPU_PER_LOCK = new Dist.Constant(0);
    public static final Dist ROUNDTRIP = new Dist.Constant(0);
    public static final Dist APPLY_COST = new Dist.Exponential(0.0003);
    public static final int LOCKS = 1;
    public static final double EXCLUSIVE = 1.0;
    public static final Granule GRANULE = Granule.ROW;
    public static final Access ACCESS = new Access.Uniform();

    public static final double CROSS_SHARD = 0.1;
    public static final Master MASTER = new Master(8, new Dist.Exponential(0.002), true, 500, 50.0, 1, CROSS_SHARD);
    public static final Concurrency CONCURRENCY = Concurrency.LOCKING;
    public static final Replicas REPLICAS = new Replicas(4, 8, 1, Routing.ROUND_ROBIN);
    public static final Dist APP_CPU = new Dist.Constant(0);
    public static final double THREAD_TIMEOUT = 30.0;
    public static final App APP = new App(10, new Pool(20, 30.0), 0, 0, THREAD_TIMEOUT);
    public static final Cache CACHE = new Cache(0.0);
    public static final WriteQueue WRITE_QUEUE = new WriteQueue(false, 50, 0.1, 1);
    public static final Retries RETRIES = new Retries(3, 0.01);
    /** Replica lag readers tolerate (seconds): {@code slo.max_lag}. */
    public static final double SLO_MAX_LAG = 30.0;

    public static final Slo SLO = new Slo(Percentile.P99, 0.5, 0.001, 0.9, SLO_MAX_LAG);
    public static final RunSpec RUN = new RunSpec(600.0, 60.0, 10, 42L);
    /** The currency of {@code cost:} when it names none. */
    public static final String CURRENCY = "USD";

    public static final ForecastSpec FORECAST = new ForecastSpec(36);
}
