package dev.mastersim.scenario;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.NodePath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Validates a scenario tree against {@code scenario.schema.json} and words each error for a person: the
 * {@code description} of the innermost {@code $defs} entry that failed says what was expected.
 */
final class SchemaCheck {

    /** One schema finding, before it is given a file location. */
    record Issue(String pointer, boolean atKey, String path, String expected) {}

    static final String TEXT = loadText();
    private static final JsonNode SCHEMA_TREE = JsonMapper.builder().build().readTree(TEXT);
    private static final Schema SCHEMA = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
            .getSchema(TEXT, InputFormat.JSON);

    /** A bare number up to this, given for a percentage, was probably meant as one (8 for 8%). */
    private static final BigDecimal PLAUSIBLE_PERCENT = BigDecimal.valueOf(1000);

    private SchemaCheck() {}

    private static String loadText() {
        try (InputStream in = SchemaCheck.class.getResourceAsStream("scenario.schema.json")) {
            if (in == null) {
                throw new IllegalStateException("scenario.schema.json is missing from the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The schema errors of {@code tree}, one per offending node, worded for a person. */
    static List<Issue> check(YamlTree tree) {
        List<Error> errors;
        try {
            errors = SCHEMA.validate(tree.root);
        } catch (RuntimeException e) {
            // the validator failing on some input must still end as a problem, never a stack trace
            return List.of(new Issue("", false, "(file)", "expected a scenario the schema validator can check"));
        }
        List<Issue> out = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (Error e : errors) {
            Issue issue = word(tree, e);
            if (issue != null && seen.add(issue.pointer() + "|" + issue.atKey() + "|" + issue.path())) {
                out.add(issue);
            }
        }
        return out;
    }

    private static Issue word(YamlTree tree, Error e) {
        String pointer = pointer(e.getInstanceLocation());
        String keyword = e.getKeyword() == null ? "" : e.getKeyword();
        String schemaPointer = pointer(e.getSchemaLocation().getFragment());
        switch (keyword) {
            case "additionalProperties", "unevaluatedProperties" -> {
                String property = property(e);
                String child = pointer + "/" + YamlTree.escape(property);
                JsonNode parentSchema = at(SCHEMA_TREE, schemaPointer.substring(0, schemaPointer.lastIndexOf('/')));
                List<String> allowed = new ArrayList<>();
                JsonNode props = parentSchema == null ? null : parentSchema.get("properties");
                if (props != null) {
                    allowed.addAll(props.propertyNames());
                }
                return new Issue(child, true, tree.display(child), unknownKey(property, allowed));
            }
            case "required" -> {
                String property = property(e);
                String parentPath = tree.display(pointer);
                String path = pointer.isEmpty() ? property : parentPath + "." + property;
                return new Issue(pointer, true, path, "missing required key \"" + property + "\"");
            }
            case "propertyNames" -> {
                String property = property(e);
                String child = pointer + "/" + YamlTree.escape(property);
                return new Issue(
                        child,
                        true,
                        tree.display(child),
                        "expected a key that is " + describeKey(schemaPointer) + ", got \"" + clip(property) + "\"");
            }
            default -> {
                JsonNode max = at(SCHEMA_TREE, schemaPointer);
                JsonNode instance = e.getInstanceNode();
                String wanted = describe(schemaPointer);
                if (keyword.equals("maximum")
                        && instance != null
                        && instance.isNumber()
                        && instance.decimalValue().compareTo(PLAUSIBLE_PERCENT) <= 0
                        && (wanted.startsWith("a percentage") || wanted.startsWith("a growth rate"))) {
                    // a bare 8 for a percentage is 800%: almost always meant as 8%
                    BigDecimal v = instance.decimalValue().stripTrailingZeros();
                    String n = v.toPlainString();
                    return new Issue(
                            pointer,
                            false,
                            tree.display(pointer),
                            "expected " + wanted + ": write " + n + "% or "
                                    + v.movePointLeft(2).toPlainString() + ", got " + render(instance));
                }
                if (keyword.equals("maximum") && max != null && wanted.startsWith("a whole number")) {
                    return new Issue(
                            pointer,
                            false,
                            tree.display(pointer),
                            "expected a whole number ≤ " + max.asString() + ", got " + render(e.getInstanceNode()));
                }
                return new Issue(
                        pointer, false, tree.display(pointer), "expected " + wanted + ", got " + render(instance));
            }
        }
    }

    private static String property(Error e) {
        if (e.getProperty() != null) {
            return e.getProperty();
        }
        Object[] args = e.getArguments();
        return args != null && args.length > 0 ? String.valueOf(args[0]) : "?";
    }

    /** The description of the definition a {@code propertyNames} keyword refers to. */
    private static String describeKey(String schemaPointer) {
        JsonNode names = at(SCHEMA_TREE, schemaPointer);
        JsonNode ref = names == null ? null : names.get("$ref");
        if (ref != null && ref.isString() && ref.stringValue().startsWith("#")) {
            return describe(ref.stringValue().substring(1) + "/type");
        }
        return describe(schemaPointer);
    }

    /** The description of the innermost {@code $defs} entry on the schema path that has one. */
    private static String describe(String schemaPointer) {
        List<String> segs = YamlTree.segments(schemaPointer);
        String best = null;
        JsonNode node = SCHEMA_TREE;
        StringBuilder walked = new StringBuilder();
        for (int i = 0; i < segs.size() && node != null; i++) {
            String s = segs.get(i);
            node = node.isArray() && YamlTree.isIndex(s) ? node.get(Integer.parseInt(s)) : node.get(s);
            walked.append('/').append(s);
            if (i > 0 && "$defs".equals(segs.get(i - 1)) && node != null && node.has("description")) {
                best = node.get("description").stringValue();
            }
        }
        if (best == null && segs.size() <= 1) {
            best = SCHEMA_TREE.get("description").stringValue();
        }
        return best != null ? best : "a valid value";
    }

    static String unknownKey(String key, List<String> allowed) {
        StringBuilder sb = new StringBuilder("unknown key \"").append(clip(key)).append('"');
        String close = Suggest.closest(key, allowed);
        if (close != null) {
            sb.append(" (did you mean \"").append(close).append("\"?)");
        }
        if (allowed.isEmpty()) {
            sb.append("; no keys are allowed here");
        } else {
            sb.append("; expected one of: ").append(String.join(", ", allowed));
        }
        return sb.toString();
    }

    /** How a value is shown after "got". */
    static String render(JsonNode n) {
        if (n == null || n.isMissingNode()) {
            return "nothing";
        }
        if (n.isNull()) {
            return "nothing (null)";
        }
        if (n.isString()) {
            return "\"" + clip(n.stringValue()) + "\"";
        }
        if (n.isObject()) {
            return n.isEmpty() ? "an empty map" : "a map";
        }
        if (n.isArray() && n.isEmpty()) {
            return "an empty list";
        }
        if (n.isArray()) {
            return "a list of " + n.size() + (n.size() == 1 ? " entry" : " entries");
        }
        return clip(n.toString());
    }

    static String clip(String s) {
        String one = s.replace("\n", "\\n").replace("\r", "\\r").replace("\t", "\\t");
        return one.length() <= 40 ? one : one.substring(0, 37) + "...";
    }

    private static String pointer(NodePath path) {
        if (path == null) {
            return "";
        }
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < path.getNameCount(); i++) {
            sb.append('/').append(YamlTree.escape(String.valueOf(path.getElement(i))));
        }
        return sb.toString();
    }

    private static JsonNode at(JsonNode root, String pointer) {
        JsonNode node = root;
        for (String s : YamlTree.segments(pointer)) {
            if (node == null) {
                return null;
            }
            node = node.isArray() && YamlTree.isIndex(s) ? node.get(Integer.parseInt(s)) : node.get(s);
        }
        return node;
    }
}
