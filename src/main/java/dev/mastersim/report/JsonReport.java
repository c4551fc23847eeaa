package dev.mastersim.report;

import dev.mastersim.experiment.result.Figure;
import dev.mastersim.experiment.result.RunResult;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
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
        ObjectNode v = root.putObject("verdict");
        v.put("saturated", r.verdict().saturated());
        v.put("reason", r.verdict().reason());
        v.put("bottleneck", r.verdict().bottleneck());
        for (Map.Entry<List<String>, Figure> e : r.figures().entrySet()) {
            ObjectNode at = root;
            List<String> path = e.getKey();
            for (int i = 0; i < path.size() - 1; i++) {
                ObjectNode next = (ObjectNode) at.get(path.get(i));
                at = next != null ? next : at.putObject(path.get(i));
            }
            figure(at.putObject(path.get(path.size() - 1)), e.getValue());
        }
        return root;
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
