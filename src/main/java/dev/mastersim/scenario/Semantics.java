package dev.mastersim.scenario;

import dev.mastersim.scenario.SchemaCheck.Issue;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.JsonNode;

/**
 * Checks that need more than one value at a time: shares summing to 1, tables that exist, unique names,
 * months in order. Runs on the raw tree and skips any value it cannot read, since the schema check already
 * reported those.
 */
final class Semantics {
    private Semantics() {}

    private static final BigDecimal SHARE_TOLERANCE = new BigDecimal("1e-9");
    /** A day's length: {@code run --day}'s faults start before it. */
    private static final double DAY_S = 24 * 3600;

    private static final String[] SIMPLE_WRITE_KEYS = {"table", "locks", "exclusive", "granule", "access"};

    static List<Issue> check(YamlTree tree, ScenarioLoader.Span span) {
        List<Issue> out = new ArrayList<>();
        JsonNode root = tree.root;
        if (root == null || !root.isObject()) {
            return out;
        }
        traffic(tree, root.get("traffic"), out);
        requests(tree, root, out);
        uniformBounds(tree, root, "", out);
        JsonNode run = root.get("run");
        if (run != null && run.isObject() && Values.seconds(run.get("duration")) == 0) {
            out.add(issue(
                    tree, "/run/duration", "expected a duration > 0, got " + SchemaCheck.render(run.get("duration"))));
        }
        noWaitBackoff(tree, root, out);
        faults(tree, root, span, out);
        return out;
    }

    /**
     * Each fault starts inside the run {@code span} loads for ({@code at} counts as a spike's: from the
     * run's start, warm-up included, or from the start of hour 0 of a day) and names a replica, shard or
     * app server the deployment has; rounds are at most the servers restarted.
     */
    private static void faults(YamlTree tree, JsonNode root, ScenarioLoader.Span span, List<Issue> out) {
        JsonNode faults = root.get("faults");
        if (faults == null || !faults.isArray()) {
            return;
        }
        JsonNode run = root.get("run");
        boolean day = span == ScenarioLoader.Span.DAY;
        double end = day
                ? DAY_S
                : seconds(run, "warmup", Defaults.RUN.warmup()) + seconds(run, "duration", Defaults.RUN.duration());
        long replicas = whole(root.get("replicas"), "count", Defaults.REPLICAS.count());
        long shards = whole(root.get("master"), "shards", Defaults.MASTER.shards());
        long servers = whole(root.get("app"), "servers", Defaults.APP.servers());
        for (int i = 0; i < faults.size(); i++) {
            JsonNode f = faults.get(i);
            if (!f.isObject()) {
                continue;
            }
            String p = "/faults/" + i;
            JsonNode at = f.get("at");
            if (at != null && at.isString() && Values.seconds(at) >= end) {
                out.add(issue(
                        tree,
                        p + "/at",
                        day
                                ? "expected a start before the day's end (24h from the start of hour 0), got "
                                        + SchemaCheck.render(at)
                                : "expected a start before the run's end (warm-up + duration = "
                                        + BigDecimal.valueOf(end)
                                                .stripTrailingZeros()
                                                .toPlainString() + "s), got "
                                        + SchemaCheck.render(at)
                                        + (Values.seconds(at) < DAY_S
                                                ? " (with run --day, at counts from the start of hour 0, up to 24h)"
                                                : "")));
            }
            JsonNode length = f.get("length");
            if (length != null && length.isString() && Values.seconds(length) == 0) {
                out.add(issue(tree, p + "/length", "expected a duration > 0, got " + SchemaCheck.render(length)));
            }
            atMost(tree, f.get("replica"), p + "/replica", replicas, "replicas.count", out);
            atMost(tree, f.get("shard"), p + "/shard", shards, "master.shards", out);
            JsonNode target = f.get("target");
            String t = Values.text(target);
            if (t != null && t.matches("replica-[0-9]+") && Long.parseLong(t.substring(8)) > replicas) {
                out.add(issue(
                        tree,
                        p + "/target",
                        "expected master or replica-1 .. replica-" + replicas + " (replicas.count), got "
                                + SchemaCheck.render(target)));
            }
            JsonNode list = f.get("servers");
            long restarted = servers;
            if (list != null && list.isArray()) {
                restarted = list.size();
                for (int k = 0; k < list.size(); k++) {
                    atMost(tree, list.get(k), p + "/servers/" + k, servers, "app.servers", out);
                }
            }
            JsonNode rounds = f.get("rounds");
            BigDecimal r = rounds == null ? null : Values.decimal(rounds);
            if (r != null && r.compareTo(BigDecimal.valueOf(restarted)) > 0) {
                out.add(issue(
                        tree,
                        p + "/rounds",
                        "expected at most one round per server restarted (" + restarted + "), got "
                                + SchemaCheck.render(rounds)));
            }
            JsonNode cold = f.get("cold");
            JsonNode factor = cold == null || !cold.isObject() ? null : cold.get("factor");
            if (factor != null && Values.decimal(factor) != null && Values.number(factor) < 1) {
                out.add(issue(
                        tree,
                        p + "/cold/factor",
                        "expected a factor >= 1 (a cold cache is slower), got " + SchemaCheck.render(factor)));
            }
        }
    }

    private static void atMost(YamlTree tree, JsonNode n, String pointer, long max, String key, List<Issue> out) {
        BigDecimal v = n == null ? null : Values.decimal(n);
        if (v != null && v.compareTo(BigDecimal.valueOf(max)) > 0) {
            out.add(issue(
                    tree,
                    pointer,
                    "expected a number from 1 to " + max + " (" + key + "), got " + SchemaCheck.render(n)));
        }
    }

    private static double seconds(JsonNode parent, String key, double fallback) {
        JsonNode n = parent == null || !parent.isObject() ? null : parent.get(key);
        return n == null || !n.isString() ? fallback : Values.seconds(n);
    }

    private static long whole(JsonNode parent, String key, long fallback) {
        JsonNode n = parent == null || !parent.isObject() ? null : parent.get(key);
        BigDecimal v = n == null ? null : Values.decimal(n);
        return v == null ? fallback : v.longValue();
    }

    /**
     * No-wait with retries and a zero back-off: a retry repeats the same granules in the same order, so
     * a conflict on the first lock meets the same holder at the same instant and burns every retry.
     */
    private static void noWaitBackoff(YamlTree tree, JsonNode root, List<Issue> out) {
        JsonNode retries = root.get("retries");
        if (!"no-wait".equals(Values.text(root.get("concurrency"))) || retries == null || !retries.isObject()) {
            return;
        }
        JsonNode backoff = retries.get("backoff");
        JsonNode max = retries.get("max");
        boolean retrying = max == null || !max.isNumber() || max.asInt() > 0;
        if (backoff != null && retrying && Values.seconds(backoff) == 0) {
            out.add(issue(
                    tree,
                    "/retries/backoff",
                    "expected a back-off > 0 with concurrency: no-wait (a retry repeats the same granules,"
                            + " so with no wait it meets the same holder at the same instant and burns every"
                            + " retry), got " + SchemaCheck.render(backoff)));
        }
    }

    private static void traffic(YamlTree tree, JsonNode traffic, List<Issue> out) {
        if (traffic == null || !traffic.isObject()) {
            return;
        }
        String arrivals = Values.text(traffic.get("arrivals"));
        if (arrivals == null || arrivals.equals("open")) {
            positive(tree, traffic, "rate", "a rate > 0 (requests per second) for open arrivals", out);
        } else if (arrivals.equals("closed")) {
            positive(tree, traffic, "users", "a number of users ≥ 1 for closed arrivals", out);
        }
        JsonNode daily = traffic.get("daily");
        if (daily != null && daily.isArray() && daily.size() != 0 && daily.size() != 24) {
            out.add(issue(
                    tree,
                    "/traffic/daily",
                    "expected a list of 24 hourly multipliers, got " + SchemaCheck.render(daily)));
        }
        JsonNode growth = traffic.get("growth");
        if (growth == null || !growth.isObject()) {
            return;
        }
        JsonNode points = growth.get("points");
        if (points != null && growth.has("monthly")) {
            out.add(new Issue(
                    "/traffic/growth/points",
                    true,
                    "traffic.growth.points",
                    "expected either monthly or points, not both"));
        }
        if (points != null && points.isObject()) {
            String previous = null;
            for (String month : points.propertyNames()) {
                if (previous != null && month.compareTo(previous) <= 0) {
                    String pointer = "/traffic/growth/points/" + YamlTree.escape(month);
                    out.add(new Issue(
                            pointer,
                            true,
                            tree.display(pointer),
                            "expected months in ascending order, got " + month + " after " + previous));
                }
                previous = month;
            }
        }
    }

    private static void positive(YamlTree tree, JsonNode parent, String key, String what, List<Issue> out) {
        JsonNode n = parent.get(key);
        if (n == null) {
            out.add(new Issue("/traffic", true, "traffic." + key, "missing key \"" + key + "\": expected " + what));
            return;
        }
        double v = Values.number(n);
        if (v == 0) {
            out.add(issue(tree, "/traffic/" + key, "expected " + what + ", got " + SchemaCheck.render(n)));
        }
    }

    private static void requests(YamlTree tree, JsonNode root, List<Issue> out) {
        JsonNode requests = root.get("requests");
        if (requests == null || !requests.isArray()) {
            return;
        }
        JsonNode tables = root.get("tables");
        List<String> tableNames = new ArrayList<>();
        if (tables != null && tables.isObject()) {
            tableNames.addAll(tables.propertyNames());
        }
        Map<String, Integer> names = new HashMap<>();
        BigDecimal sum = BigDecimal.ZERO;
        boolean sumKnown = true;
        for (int i = 0; i < requests.size(); i++) {
            JsonNode r = requests.get(i);
            if (!r.isObject()) {
                sumKnown = false;
                continue;
            }
            String base = "/requests/" + i;
            String name = Values.text(r.get("name"));
            if (name != null) {
                Integer first = names.putIfAbsent(name, i);
                if (first != null) {
                    int line = tree.locate("/requests/" + first + "/name", false, "")
                            .line();
                    out.add(new Issue(
                            base + "/name",
                            false,
                            "requests." + name,
                            "expected a unique request name, got \"" + SchemaCheck.clip(name)
                                    + "\" again (first on line " + line + ")"));
                }
            }
            BigDecimal share = Values.fraction(r.get("share"));
            if (share == null || share.signum() < 0 || share.compareTo(BigDecimal.ONE) > 0) {
                sumKnown = false;
            } else {
                sum = sum.add(share);
            }
            JsonNode write = r.get("write");
            if (write != null && write.isObject()) {
                write(tree, base + "/write", write, tables != null, tableNames, out);
            }
        }
        if (sumKnown
                && !requests.isEmpty()
                && sum.subtract(BigDecimal.ONE).abs().compareTo(SHARE_TOLERANCE) > 0) {
            out.add(new Issue(
                    "/requests",
                    true,
                    "requests",
                    "expected shares summing to 1, got "
                            + sum.stripTrailingZeros().toPlainString()));
        }
    }

    private static void write(
            YamlTree tree, String base, JsonNode write, boolean haveTables, List<String> tableNames, List<Issue> out) {
        JsonNode steps = write.get("steps");
        if (steps != null) {
            for (String k : SIMPLE_WRITE_KEYS) {
                if (write.has(k)) {
                    out.add(new Issue(
                            base + "/" + k,
                            true,
                            tree.display(base + "/" + k),
                            "expected either steps or " + k + " directly under write, not both"));
                }
            }
            if (steps.isArray()) {
                for (int j = 0; j < steps.size(); j++) {
                    JsonNode step = steps.get(j);
                    if (step.isObject()) {
                        tableRef(tree, base + "/steps/" + j, step, haveTables, tableNames, out);
                    }
                }
            }
            return;
        }
        if (write.has("table")) {
            tableRef(tree, base, write, haveTables, tableNames, out);
        } else {
            double locks = Values.number(write.get("locks"));
            if (locks > 0) {
                out.add(new Issue(
                        base,
                        true,
                        tree.display(base) + ".table",
                        "missing key \"table\": expected the table a write with locks works on"));
            }
        }
    }

    private static void tableRef(
            YamlTree tree, String base, JsonNode holder, boolean haveTables, List<String> tableNames, List<Issue> out) {
        String table = Values.text(holder.get("table"));
        if (table == null || tableNames.contains(table)) {
            return;
        }
        String pointer = base + "/table";
        String expected;
        if (!haveTables) {
            expected = "expected a table defined under tables (a write that takes locks needs tables:), got \""
                    + SchemaCheck.clip(table) + "\"";
        } else {
            String close = Suggest.closest(table, tableNames);
            expected = "expected one of the tables " + String.join(", ", tableNames) + ", got \""
                    + SchemaCheck.clip(table) + "\"" + (close == null ? "" : " (did you mean \"" + close + "\"?)");
        }
        out.add(issue(tree, pointer, expected));
    }

    private static void uniformBounds(YamlTree tree, JsonNode node, String pointer, List<Issue> out) {
        if (node.isObject()) {
            if ("uniform".equals(Values.text(node.get("dist"))) && node.has("min") && node.has("max")) {
                double min = Values.seconds(node.get("min"));
                double max = Values.seconds(node.get("max"));
                if (min > max) {
                    out.add(issue(
                            tree,
                            pointer + "/max",
                            "expected max ≥ min (" + node.get("min").stringValue() + "), got "
                                    + SchemaCheck.render(node.get("max"))));
                }
            }
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                uniformBounds(tree, e.getValue(), pointer + "/" + YamlTree.escape(e.getKey()), out);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                uniformBounds(tree, node.get(i), pointer + "/" + i, out);
            }
        }
    }

    private static Issue issue(YamlTree tree, String pointer, String expected) {
        return new Issue(pointer, false, tree.display(pointer), expected);
    }
}
