package dev.mastersim.calibrate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * The {@code calibration} section {@code calibrate} writes into its scenario: the database and workload it
 * measured, read back as a typed {@link Workload} for {@code validate}. The scenario loader has already
 * checked the section against the schema, so reading it cannot meet a malformed value.
 *
 * @param jdbcUrl null for a new embedded H2 database
 */
public record Recorded(String jdbcUrl, String user, String passwordEnv, Workload workload) {
    private static final Pattern DURATION = Pattern.compile("([0-9][0-9_]*(?:\\.[0-9]+)?)(us|ms|s|min|h)");

    /** The section of {@code scenario}, or null when it has none. */
    public static Recorded read(Path scenario) throws IOException {
        JsonNode root = YAMLMapper.builder().build().readTree(Files.readString(scenario));
        JsonNode c = root.get("calibration");
        if (c == null || c.isNull()) {
            return null;
        }
        List<Integer> clients = new ArrayList<>();
        for (JsonNode n : c.get("clients")) {
            clients.add(Integer.parseInt(n.asString().replace("_", "")));
        }
        Workload.Kind kind = Workload.Kind.of(c.get("workload").asString());
        Workload w = new Workload(
                kind,
                Workload.Mode.of(text(c, "mode", "closed")),
                number(c, "rate", 0),
                (int) number(c, "locks", kind == Workload.Kind.HOT_ROW ? 2 : 4),
                (int) number(c, "reads", 1),
                (int) number(c, "rows", 10_000),
                (int) number(c, "hot_rows", 1),
                number(c, "zipf_s", 0.9),
                fraction(c, "hot_fraction", 0.1),
                fraction(c, "hot_share", 0.9),
                clients,
                seconds(c.get("step").asString()),
                c.has("lock_wait_timeout") ? seconds(c.get("lock_wait_timeout").asString()) : 10.0);
        String url = "jdbc".equals(text(c, "database", "h2-embedded")) ? text(c, "jdbc_url", null) : null;
        return new Recorded(url, text(c, "user", null), text(c, "password_env", null), w);
    }

    /** Seconds in a duration such as {@code 250ms} or {@code 10s}. */
    public static double seconds(String s) {
        Matcher m = DURATION.matcher(s.strip().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new IllegalArgumentException("expected a duration such as 500ms or 10s, got '" + s + "'");
        }
        double v = Double.parseDouble(m.group(1).replace("_", ""));
        return switch (m.group(2)) {
            case "us" -> v * 1e-6;
            case "ms" -> v * 1e-3;
            case "s" -> v;
            case "min" -> v * 60;
            default -> v * 3600;
        };
    }

    private static String text(JsonNode c, String key, String otherwise) {
        JsonNode n = c.get(key);
        return n == null || n.isNull() ? otherwise : n.asString();
    }

    private static double number(JsonNode c, String key, double otherwise) {
        JsonNode n = c.get(key);
        return n == null || n.isNull()
                ? otherwise
                : Double.parseDouble(n.asString().replace("_", ""));
    }

    private static double fraction(JsonNode c, String key, double otherwise) {
        JsonNode n = c.get(key);
        if (n == null || n.isNull()) {
            return otherwise;
        }
        String s = n.asString().strip();
        return s.endsWith("%") ? Double.parseDouble(s.substring(0, s.length() - 1)) / 100 : Double.parseDouble(s);
    }
}
