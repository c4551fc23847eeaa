package dev.mastersim.scenario;

import dev.mastersim.scenario.SchemaCheck.Issue;
import java.math.BigDecimal;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import tools.jackson.databind.JsonNode;

/**
 * Turns a validated tree into the immutable records, taking every absent value from {@link Defaults}.
 * Validation has already passed, so the only problems left are numbers too large for their field.
 */
final class Binder {

    private final YamlTree tree;
    private final List<Issue> issues;

    private Binder(YamlTree tree, List<Issue> issues) {
        this.tree = tree;
        this.issues = issues;
    }

    /** The scenario, or null with {@code issues} filled. */
    static Scenario bind(YamlTree tree, String source, List<Issue> issues) {
        return new Binder(tree, issues).scenario(source);
    }

    private Scenario scenario(String source) {
        JsonNode r = tree.root;
        Map<String, Table> tables = new LinkedHashMap<>();
        JsonNode t = r.get("tables");
        if (t != null) {
            for (Map.Entry<String, JsonNode> e : t.properties()) {
                String p = "/tables/" + YamlTree.escape(e.getKey());
                JsonNode table = e.getValue();
                tables.put(e.getKey(), new Table(e.getKey(), count(table, "rows", p, 1, Long.MAX_VALUE, 1), (int)
                        count(table, "rows_per_page", p, 1, Limits.ROWS_PER_PAGE, Defaults.ROWS_PER_PAGE)));
            }
        }
        List<RequestType> requests = new ArrayList<>();
        JsonNode reqs = r.get("requests");
        for (int i = 0; i < reqs.size(); i++) {
            requests.add(request(reqs.get(i), "/requests/" + i));
        }
        Scenario s = new Scenario(
                text(r.get("name"), defaultName(source)),
                text(r.get("description"), Defaults.DESCRIPTION),
                source,
                traffic(r.get("traffic")),
                tables,
                requests,
                master(r.get("master")),
                enumOf(r.get("concurrency"), Concurrency.class, Defaults.CONCURRENCY),
                replicas(r.get("replicas")),
                app(r.get("app")),
                new Cache(fraction(r.get("cache"), "hit_ratio", Defaults.CACHE.hitRatio())),
                writeQueue(r.get("write_queue")),
                retries(r.get("retries")),
                slo(r.get("slo")),
                run(r.get("run")),
                new ForecastSpec((int)
                        count(r.get("forecast"), "months", "/forecast", 1, Limits.MONTHS, Defaults.FORECAST.months())),
                options(r.get("options")),
                cost(r.get("cost")),
                faults(r.get("faults")));
        return issues.isEmpty() ? s : null;
    }

    /** The {@code cost:} prices, or null when the file has none; a price left out is 0. */
    private static Cost cost(JsonNode c) {
        if (c == null) {
            return null;
        }
        return new Cost(
                text(c.get("currency"), Defaults.CURRENCY),
                number(c, "master", 0),
                number(c, "replica", 0),
                number(c, "app_server", 0),
                number(c, "cache", 0),
                number(c, "write_queue_writer", 0));
    }

    /** The file name without directory and extension, when it is a valid name; else {@link Defaults#NAME}. */
    static String defaultName(String source) {
        String base = source.replace('\\', '/');
        base = base.substring(base.lastIndexOf('/') + 1);
        int dot = base.indexOf('.');
        if (dot >= 0) {
            base = base.substring(0, dot);
        }
        return base.matches("[A-Za-z0-9][A-Za-z0-9_-]{0,63}") ? base : Defaults.NAME;
    }

    private Traffic traffic(JsonNode t) {
        JsonNode g = t.get("growth");
        Growth growth = Defaults.GROWTH;
        if (g != null) {
            YearMonth start = g.has("start") ? YearMonth.parse(g.get("start").stringValue()) : Defaults.GROWTH.start();
            TreeMap<YearMonth, Double> points = new TreeMap<>();
            JsonNode p = g.get("points");
            if (p != null) {
                for (Map.Entry<String, JsonNode> e : p.properties()) {
                    points.put(YearMonth.parse(e.getKey()), Values.number(e.getValue()));
                }
            }
            growth = new Growth(start, fraction(g, "monthly", Defaults.GROWTH.monthly()), points);
        }
        double[] daily = Defaults.DAILY;
        JsonNode d = t.get("daily");
        if (d != null) {
            daily = new double[d.size()];
            for (int i = 0; i < daily.length; i++) {
                daily[i] = Values.number(d.get(i));
            }
        }
        List<Spike> spikes = new ArrayList<>(Defaults.SPIKES);
        JsonNode s = t.get("spikes");
        if (s != null) {
            for (JsonNode spike : s) {
                spikes.add(new Spike(
                        Values.seconds(spike.get("at")),
                        Values.seconds(spike.get("length")),
                        Values.number(spike.get("factor"))));
            }
        }
        return new Traffic(
                enumOf(t.get("arrivals"), Arrivals.class, Arrivals.OPEN),
                number(t, "rate", Defaults.RATE),
                (int) count(t, "users", "/traffic", 0, Limits.USERS, Defaults.USERS),
                dist(t.get("think"), Defaults.THINK),
                growth,
                daily,
                spikes);
    }

    /** The fault events, in the file's order (the schema and {@link Semantics} have checked each). */
    private static List<Fault> faults(JsonNode list) {
        List<Fault> out = new ArrayList<>();
        if (list == null) {
            return out;
        }
        for (JsonNode f : list) {
            FaultKind kind = enumOf(f.get("kind"), FaultKind.class, FaultKind.STORAGE_DEGRADED);
            JsonNode cold = f.get("cold");
            List<Integer> servers = new ArrayList<>();
            JsonNode s = f.get("servers");
            if (s != null && s.isArray()) {
                for (JsonNode n : s) {
                    servers.add(Values.decimal(n).intValue());
                }
            }
            String target = Values.text(f.get("target"));
            out.add(new Fault(
                    kind,
                    Values.seconds(f.get("at")),
                    Values.seconds(f.get("length")),
                    f.has("factor") ? Values.number(f.get("factor")) : 1.0,
                    target == null || target.equals("master") ? 0 : Integer.parseInt(target.substring(8)),
                    f.has("shard") ? Values.decimal(f.get("shard")).intValue() : 0,
                    f.has("replica") ? Values.decimal(f.get("replica")).intValue() : 0,
                    cold == null ? 0 : Values.seconds(cold.get("length")),
                    cold == null ? 1 : Values.number(cold.get("factor")),
                    servers,
                    f.has("rounds") ? Values.decimal(f.get("rounds")).intValue() : 1,
                    duration(f, "gap", 0)));
        }
        return out;
    }

    private RequestType request(JsonNode r, String p) {
        JsonNode w = r.get("write");
        Write write = null;
        if (w != null) {
            List<Step> steps = new ArrayList<>();
            JsonNode stepsNode = w.get("steps");
            if (stepsNode != null) {
                for (int j = 0; j < stepsNode.size(); j++) {
                    steps.add(step(stepsNode.get(j), p + "/write/steps/" + j));
                }
            } else if (w.has("table")) {
                steps.add(step(w, p + "/write"));
            }
            write = new Write(
                    steps,
                    dist(w.get("cpu"), Defaults.CPU),
                    dist(w.get("cpu_per_lock"), Defaults.CPU_PER_LOCK),
                    dist(w.get("roundtrip"), Defaults.ROUNDTRIP),
                    dist(w.get("apply_cost"), Defaults.APPLY_COST));
        }
        return new RequestType(
                r.get("name").stringValue(),
                Values.fractionValue(r.get("share")),
                (int) count(r, "reads", p, 0, Limits.READS, Defaults.READS),
                dist(r.get("read_cost"), Defaults.READ_COST),
                enumOf(r.get("consistency"), Consistency.class, Defaults.CONSISTENCY),
                duration(r, "max_lag", Defaults.MAX_LAG),
                write,
                dist(r.get("app_cpu"), Defaults.APP_CPU),
                dist(r.get("app_cpu_after"), Defaults.APP_CPU));
    }

    private Step step(JsonNode s, String p) {
        return new Step(
                s.get("table").stringValue(),
                (int) count(s, "locks", p, 0, Limits.LOCKS, Defaults.LOCKS),
                fraction(s, "exclusive", Defaults.EXCLUSIVE),
                enumOf(s.get("granule"), Granule.class, Defaults.GRANULE),
                access(s.get("access")));
    }

    private static Access access(JsonNode a) {
        if (a == null || a.isString()) {
            return Defaults.ACCESS;
        }
        return switch (a.get("dist").stringValue()) {
            case "zipf" -> new Access.Zipf(Values.number(a.get("s")));
            case "hotset" -> new Access.HotSet(
                    Values.fractionValue(a.get("fraction")), Values.fractionValue(a.get("share")));
            default -> new Access.Uniform();
        };
    }

    /** A bare duration is exponential with that mean (constant 0 when it is zero); a map names its family. */
    static Dist dist(JsonNode n, Dist fallback) {
        if (n == null) {
            return fallback;
        }
        if (n.isString()) {
            double mean = Values.seconds(n);
            return mean == 0 ? new Dist.Constant(0) : new Dist.Exponential(mean);
        }
        double mean = Values.seconds(n.get("mean"));
        return switch (n.get("dist").stringValue()) {
            case "constant" -> new Dist.Constant(Values.seconds(n.get("value")));
            case "lognormal" -> new Dist.LogNormal(mean, Values.number(n.get("cv")));
            case "gamma" -> new Dist.Gamma(mean, Values.number(n.get("cv")));
            case "uniform" -> new Dist.Uniform(Values.seconds(n.get("min")), Values.seconds(n.get("max")));
            default -> mean == 0 ? new Dist.Constant(0) : new Dist.Exponential(mean);
        };
    }

    private Master master(JsonNode m) {
        Master d = Defaults.MASTER;
        return new Master(
                (int) count(m, "cores", "/master", 0, Limits.MASTER_CORES, d.cores()),
                dist(get(m, "flush"), d.flush()),
                bool(m, "group_commit", d.groupCommit()),
                (int) count(m, "max_connections", "/master", 0, Limits.MAX_CONNECTIONS, d.maxConnections()),
                duration(m, "lock_wait_timeout", d.lockWaitTimeout()),
                (int) count(m, "shards", "/master", 1, Limits.SHARDS, d.shards()),
                fraction(m, "cross_shard", d.crossShard()),
                duration(m, "flush_per_commit", d.flushPerCommit()),
                duration(m, "deadlock_timeout", d.deadlockTimeout()),
                duration(m, "wakeup_cost", d.wakeupCost()),
                duration(m, "refetch_cost", d.refetchCost()));
    }

    private Replicas replicas(JsonNode n) {
        Replicas d = Defaults.REPLICAS;
        return new Replicas(
                (int) count(n, "count", "/replicas", 0, Limits.REPLICAS, d.count()),
                (int) count(n, "cores", "/replicas", 0, Limits.REPLICA_CORES, d.cores()),
                (int) count(n, "appliers", "/replicas", 1, Limits.APPLIERS, d.appliers()),
                enumOf(get(n, "routing"), Routing.class, d.routing()));
    }

    private App app(JsonNode n) {
        App d = Defaults.APP;
        JsonNode pool = get(n, "pool");
        return new App(
                (int) count(n, "servers", "/app", 1, Limits.SERVERS, d.servers()),
                new Pool(
                        (int) count(
                                pool,
                                "size",
                                "/app/pool",
                                0,
                                Limits.POOL_SIZE,
                                d.pool().size()),
                        duration(pool, "connection_timeout", d.pool().connectionTimeout())),
                (int) count(n, "cores", "/app", 0, Limits.APP_CORES, d.cores()),
                (int) count(n, "threads", "/app", 0, Limits.APP_THREADS, d.threads()),
                duration(n, "thread_timeout", d.threadTimeout()));
    }

    private WriteQueue writeQueue(JsonNode n) {
        WriteQueue d = Defaults.WRITE_QUEUE;
        return new WriteQueue(
                bool(n, "enabled", d.enabled()),
                (int) count(n, "batch", "/write_queue", 1, Limits.BATCH, d.batch()),
                duration(n, "max_delay", d.maxDelay()),
                (int) count(n, "writers", "/write_queue", 1, Limits.WRITERS, d.writers()));
    }

    private Retries retries(JsonNode n) {
        Retries d = Defaults.RETRIES;
        return new Retries(
                (int) count(n, "max", "/retries", 0, Limits.RETRIES, d.max()), duration(n, "backoff", d.backoff()));
    }

    private static Slo slo(JsonNode n) {
        Slo d = Defaults.SLO;
        return new Slo(
                enumOf(get(n, "percentile"), Percentile.class, d.percentile()),
                duration(n, "target", d.target()),
                fraction(n, "error_rate", d.errorRate()),
                fraction(n, "utilisation", d.utilisation()),
                duration(n, "max_lag", d.maxLag()));
    }

    private RunSpec run(JsonNode n) {
        RunSpec d = Defaults.RUN;
        return new RunSpec(
                duration(n, "duration", d.duration()),
                duration(n, "warmup", d.warmup()),
                (int) count(n, "replications", "/run", 1, Limits.REPLICATIONS, d.replications()),
                count(n, "seed", "/run", 0, Long.MAX_VALUE, d.seed()));
    }

    private Map<String, Map<String, String>> options(JsonNode n) {
        Map<String, Map<String, String>> out = new LinkedHashMap<>();
        if (n == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> arm : n.properties()) {
            Map<String, String> sets = new LinkedHashMap<>();
            String base = "/options/" + YamlTree.escape(arm.getKey());
            for (Map.Entry<String, JsonNode> e : arm.getValue().properties()) {
                String raw = tree.rawText.get(base + "/" + YamlTree.escape(e.getKey()));
                sets.put(e.getKey(), raw != null ? raw : e.getValue().asString());
            }
            out.put(arm.getKey(), sets);
        }
        return out;
    }

    private static JsonNode get(JsonNode parent, String key) {
        return parent == null ? null : parent.get(key);
    }

    private long count(JsonNode parent, String key, String p, long min, long max, long fallback) {
        JsonNode n = get(parent, key);
        if (n == null) {
            return fallback;
        }
        BigDecimal v = Values.decimal(n);
        if (v == null || v.compareTo(BigDecimal.valueOf(min)) < 0 || v.compareTo(BigDecimal.valueOf(max)) > 0) {
            String pointer = p + "/" + key;
            issues.add(new Issue(
                    pointer,
                    false,
                    tree.display(pointer),
                    "expected a whole number from " + min + " to " + max + ", got " + SchemaCheck.render(n)));
            return fallback;
        }
        return v.longValue();
    }

    private static double number(JsonNode parent, String key, double fallback) {
        JsonNode n = get(parent, key);
        return n == null ? fallback : Values.number(n);
    }

    private static double fraction(JsonNode parent, String key, double fallback) {
        JsonNode n = get(parent, key);
        return n == null ? fallback : Values.fractionValue(n);
    }

    private static double duration(JsonNode parent, String key, double fallback) {
        JsonNode n = get(parent, key);
        return n == null ? fallback : Values.seconds(n);
    }

    private static boolean bool(JsonNode parent, String key, boolean fallback) {
        JsonNode n = get(parent, key);
        return n == null ? fallback : n.booleanValue();
    }

    private static String text(JsonNode n, String fallback) {
        return n == null ? fallback : n.stringValue();
    }

    /** The enum constant for a file value such as {@code read-your-writes}. */
    static <E extends Enum<E>> E enumOf(JsonNode n, Class<E> type, E fallback) {
        if (n == null) {
            return fallback;
        }
        return Enum.valueOf(type, n.stringValue().toUpperCase(Locale.ROOT).replace('-', '_'));
    }
}
