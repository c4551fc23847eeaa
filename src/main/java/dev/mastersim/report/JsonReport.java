package dev.mastersim.report;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.experiment.result.CapacityResult;
import dev.mastersim.experiment.result.ClosedForm;
import dev.mastersim.experiment.result.DayResult;
import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.FigureNames;
import dev.mastersim.experiment.result.ForecastResult;
import dev.mastersim.experiment.result.MonthPoint;
import dev.mastersim.experiment.result.ResilienceResult;
import dev.mastersim.experiment.result.RunResult;
import dev.mastersim.experiment.result.StoppedEarly;
import dev.mastersim.experiment.result.SweepPoint;
import dev.mastersim.experiment.result.Verdict;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Results as JSON with CONTRACT §3's names. Figures nest by their path; each is
 * {@code {"mean": x, "ci95": h}}; a number that is not finite (the interval of a single
 * replication) is written as null. Key order follows insertion, so the same result always gives
 * the same bytes.
 */
public final class JsonReport {
    private static final JsonMapper MAPPER =
            JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private JsonReport() {}

    /** The whole {@code run} document. */
    public static String run(RunResult r) {
        return MAPPER.writeValueAsString(runNode(r)) + "\n";
    }

    /** The {@code run} document as a tree, for embedding in larger documents. */
    public static ObjectNode runNode(RunResult r) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", r.scenario());
        root.put("seed", r.seed());
        root.put("replications", r.replications());
        number(root, "rate_per_s", r.rate());
        stoppedEarly(root, r);
        verdictAndFigures(root, r);
        return root;
    }

    /** {@code "stopped_early": {"reason", "replications"}} when the run ended before its full length (CONTRACT §3). */
    private static void stoppedEarly(ObjectNode node, RunResult r) {
        StoppedEarly stopped = r.stoppedEarly();
        if (stopped != null) {
            ObjectNode n = node.putObject("stopped_early");
            n.put("reason", stopped.reason());
            n.put("replications", stopped.replications());
        }
    }

    /**
     * The {@code run --day} document: the {@code run} document of the whole day (its rate the day's
     * mean offered rate), with {@code "day"} added: the month, the first saturated hour (or null), the
     * peak hour, and each hour's rate, verdict and figures, nested as in {@code run}.
     */
    public static String day(DayResult d) {
        ObjectNode root = runNode(d.day());
        ObjectNode day = root.putObject("day");
        day.put("month", d.month().toString());
        OptionalInt first = d.firstSaturatedHour();
        if (first.isPresent()) {
            day.put("first_saturated_hour", first.getAsInt());
        } else {
            day.putNull("first_saturated_hour");
        }
        day.put("peak_hour", d.peakHour());
        if (d.closedPopulation()) {
            // the rates of the day and its hours are numbers of users logged in (see DayResult)
            day.put("closed_population", true);
        }
        number(day, "peak_rate_per_s", d.hours().get(d.peakHour()).rate());
        ArrayNode hours = day.putArray("hours");
        for (int h = 0; h < d.hours().size(); h++) {
            RunResult r = d.hours().get(h);
            ObjectNode n = hours.addObject();
            n.put("hour", h);
            number(n, "rate_per_s", r.rate());
            if (!d.judged(h)) {
                // spent wholly inside the faults' windows: figures of the whole hour, verdict judges nothing
                n.put("judged", false);
            }
            verdictAndFigures(n, r);
        }
        return write(root);
    }

    private static void verdictAndFigures(ObjectNode root, RunResult r) {
        ObjectNode v = root.putObject("verdict");
        v.put("saturated", r.verdict().saturated());
        v.put("reason", r.verdict().reason());
        v.put("bottleneck", r.verdict().bottleneck());
        v.put("definition", Verdict.DEFINITION);
        ObjectNode indices = v.putObject("indices");
        r.verdict().indices().forEach((name, index) -> number(indices, name, index));
        ObjectNode faults = null;
        ObjectNode timeline = null;
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            ObjectNode at = root;
            List<String> path = e.getKey();
            if (FigureNames.isTimeline(path)) {
                // timeline: a list, one entry per minute of the run, with its number
                if (timeline == null) {
                    timeline = JsonNodeFactory.instance.objectNode();
                }
                ObjectNode minute = (ObjectNode) timeline.get(path.get(1));
                if (minute == null) {
                    minute = timeline.putObject(path.get(1));
                    minute.put("minute", Integer.parseInt(path.get(1)));
                }
                figure(minute.putObject(path.get(2)), e.getValue());
                continue;
            }
            if (FigureNames.isFault(path)) {
                // faults: a list, each fault's kind and figures (the entity names its number and kind)
                if (faults == null) {
                    faults = JsonNodeFactory.instance.objectNode();
                }
                ObjectNode fault = (ObjectNode) faults.get(path.get(1));
                if (fault == null) {
                    fault = faults.putObject(path.get(1));
                    fault.put("kind", FigureNames.faultKind(path));
                }
                figure(fault.putObject(path.get(2)), e.getValue());
                continue;
            }
            for (int i = 0; i < path.size() - 1; i++) {
                ObjectNode next = (ObjectNode) at.get(path.get(i));
                at = next != null ? next : at.putObject(path.get(i));
            }
            figure(at.putObject(path.get(path.size() - 1)), e.getValue());
        }
        if (faults != null) {
            ArrayNode list = root.putArray("faults");
            faults.properties().forEach(f -> list.add(f.getValue()));
        }
        if (timeline != null) {
            ArrayNode list = root.putArray("timeline");
            timeline.properties().stream()
                    .sorted(java.util.Comparator.comparingInt(m -> Integer.parseInt(m.getKey())))
                    .forEach(m -> list.add(m.getValue()));
        }
    }

    /** The {@code forecast} document (CONTRACT §3). */
    public static String forecast(ForecastResult f) {
        return write(forecastNode(f));
    }

    public static ObjectNode forecastNode(ForecastResult f) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", f.scenario());
        root.put("horizon_months", f.horizon());
        MonthPoint sat = f.saturation();
        if (sat == null) {
            root.putNull("saturation");
        } else {
            ObjectNode n = root.putObject("saturation");
            n.put("month", sat.month().toString());
            n.put("index", sat.index());
            number(n, "rate_per_s", sat.rate());
            n.put("bottleneck", sat.result().verdict().bottleneck());
            n.put("reason", sat.result().verdict().reason());
        }
        ArrayNode months = root.putArray("months");
        for (MonthPoint p : f.months()) {
            ObjectNode n = months.addObject();
            n.put("month", p.month().toString());
            n.put("index", p.index());
            number(n, "rate_per_s", p.rate());
            n.put("saturated", p.saturated());
            ObjectNode response = n.putObject("response_ms");
            for (String q : new String[] {"mean", "p50", "p95", "p99", "p999"}) {
                Figure fig = p.result().figure(FigureNames.response(q));
                if (fig != null) {
                    figure(response.putObject(q), fig);
                }
            }
            n.put("bottleneck", p.result().verdict().bottleneck());
            n.put("reason", p.result().verdict().reason());
            n.put("decided", p.result().verdict().decided());
            n.put("replications", p.result().replications());
            stoppedEarly(n, p.result());
            ObjectNode indices = n.putObject("indices");
            p.result().verdict().indices().forEach((name, index) -> number(indices, name, index));
            ObjectNode util = n.putObject("utilisation");
            p.result().figures().forEach((path, fig) -> {
                if (FigureNames.isUtilisation(path)) {
                    figure(util.putObject(path.get(1)), fig);
                }
            });
        }
        headroom(root, f);
        return root;
    }

    /** The highest load index at the tightest month simulated before saturation ({@link PlanReport#headroomMonth}), and on what. */
    private static void headroom(ObjectNode root, ForecastResult f) {
        MonthPoint last = PlanReport.headroomMonth(f);
        if (last == null || last.result().verdict().indices().isEmpty()) {
            root.putNull("headroom");
            return;
        }
        String resource = last.result().verdict().bottleneck();
        Double index = last.result().verdict().indices().get(resource);
        ObjectNode h = root.putObject("headroom");
        h.put("resource", resource);
        h.put("month", last.month().toString());
        number(h, "index", index == null ? Double.NaN : index);
    }

    /**
     * The {@code forecast --resilience} document: the forecast's, with {@code "resilience": {"kind",
     * "month", "bottleneck", "reason"}}: the first month that saturates with one unit lost (null
     * members when none does within the horizon).
     */
    public static String resilience(ResilienceResult r) {
        ObjectNode root = forecastNode(r.forecast());
        ObjectNode n = root.putObject("resilience");
        n.put("kind", r.kind());
        MonthPoint b = r.breach();
        if (b == null) {
            n.putNull("month");
            n.putNull("bottleneck");
            n.putNull("reason");
        } else {
            n.put("month", b.month().toString());
            n.put("bottleneck", b.result().verdict().bottleneck());
            n.put("reason", b.result().verdict().reason());
        }
        n.put("sentence", r.sentence());
        return write(root);
    }

    /** The {@code capacity} document. */
    public static String capacity(CapacityResult c) {
        return write(capacityNode(c));
    }

    /** The {@code capacity} document with {@code "closed_form"}, the closed-form first answer. */
    public static String capacity(CapacityResult c, ClosedForm closed) {
        return write(capacityNode(c, closed));
    }

    public static ObjectNode capacityNode(CapacityResult c) {
        return capacityNode(c, null);
    }

    /**
     * The {@code capacity} document; with {@code closed}, {@code "closed_form": {"capacity_per_s",
     * "method", "bottleneck"}} after the reason (for a closed population {@code "capacity_users"} first, and
     * {@code "capacity_per_s"} the throughput there), or {@code {"capacity_per_s": null, "why": "..."}}.
     * For a closed population, {@code "capacity_per_s"} and {@code "today_per_s"} are numbers of users, and
     * each point, whose run offers no rate ({@code "rate_per_s"}: 0), adds its population as {@code "users"}.
     */
    public static ObjectNode capacityNode(CapacityResult c, ClosedForm closed) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("scenario", c.scenario());
        number(root, "capacity_per_s", c.capacity());
        number(root, "today_per_s", c.today());
        number(root, "growth_factor", c.growthFactor());
        number(root, "residual_per_s", c.residual());
        root.put("bottleneck", c.limit().bottleneck());
        root.put("reason", c.limit().reason());
        if (closed != null) {
            ObjectNode f = root.putObject("closed_form");
            if (closed.users()) {
                // a closed population's capacity is a number of users; the rate is theirs at it
                number(f, "capacity_users", closed.capacity());
                number(f, "capacity_per_s", closed.throughput());
            } else {
                number(f, "capacity_per_s", closed.capacity());
            }
            if (closed.covered()) {
                f.put("method", closed.method());
                f.put("bottleneck", closed.bottleneck());
            } else {
                f.put("why", closed.why());
            }
        }
        ArrayNode points = root.putArray("points");
        for (int i = 0; i < c.points().size(); i++) {
            RunResult r = c.points().get(i);
            ObjectNode n = points.addObject();
            number(n, "rate_per_s", r.rate());
            if (r.closedPopulation()) {
                // a closed population's run offers no rate (0): its level is its users
                number(n, "users", c.levels().get(i));
            }
            n.put("saturated", r.verdict().saturated());
            n.put("reason", r.verdict().reason());
            n.put("bottleneck", r.verdict().bottleneck());
            n.put("replications", r.replications());
        }
        return root;
    }

    /** The {@code compare} document (CONTRACT §3). */
    public static String compare(List<Arm> arms) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        ArrayNode list = root.putArray("arms");
        for (Arm a : arms) {
            ObjectNode n = list.addObject();
            n.put("name", a.name());
            if (a.saturationMonth() == null) {
                n.putNull("saturation_month");
            } else {
                n.put("saturation_month", a.saturationMonth().toString());
            }
            if (a.monthsBought() == null) {
                n.putNull("months_bought");
            } else {
                n.put("months_bought", a.monthsBought().intValue());
            }
            n.put("months_bought_at_least", a.atLeast());
            n.put("derived", a.derived());
            number(n, "capacity_per_s", a.capacity().capacity());
            number(n, "capacity_gain", a.capacityGain());
            n.put("rank", a.rank());
            MonthPoint sat = a.forecast().saturation();
            String bottleneck = sat != null
                    ? sat.result().verdict().bottleneck()
                    : a.capacity().limit().bottleneck();
            n.put("bottleneck", bottleneck);
            n.put(
                    "reason",
                    sat != null
                            ? sat.result().verdict().reason()
                            : a.capacity().limit().reason());
            n.put("next_bottleneck", a.nextBottleneck());
            if (a.hasCost()) {
                number(n, "cost_per_month", a.costPerMonth());
                n.put("currency", a.currency());
                // null: the arm costs no more a month than the baseline ("free")
                number(n, "months_per_1000", a.monthsPer1000(arms.get(0)));
            }
        }
        return write(root);
    }

    /** The {@code sweep} document: the parameter and one {@code run} document per value. */
    public static String sweep(String param, List<SweepPoint> points) {
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("param", param);
        ArrayNode list = root.putArray("points");
        for (SweepPoint p : points) {
            ObjectNode n = list.addObject();
            n.put("value", p.value());
            n.set("run", runNode(p.result()));
        }
        return write(root);
    }

    /** Any tree as indented JSON text. */
    public static String write(ObjectNode node) {
        return MAPPER.writeValueAsString(node) + "\n";
    }

    static void figure(ObjectNode node, Figure f) {
        number(node, "mean", f.mean());
        number(node, "ci95", f.ci95());
    }

    static void number(ObjectNode node, String key, double x) {
        if (Double.isFinite(x)) {
            node.put(key, x);
        } else {
            node.putNull(key);
        }
    }
}
