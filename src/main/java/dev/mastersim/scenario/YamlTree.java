package dev.mastersim.scenario;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonParser;
import tools.jackson.core.JsonToken;
import tools.jackson.core.ObjectReadContext;
import tools.jackson.core.StreamReadConstraints;
import tools.jackson.core.TokenStreamLocation;
import tools.jackson.core.exc.StreamConstraintsException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLFactory;
import tools.jackson.dataformat.yaml.YAMLParser;

/**
 * A YAML document as a Jackson tree plus the line and column of every key and value, addressed by JSON
 * pointer ({@code /requests/0/write/locks}).
 *
 * <p>The parser is streaming, so nothing is expanded: anchors and aliases are refused outright (no "billion
 * laughs"), nesting is capped by {@link StreamReadConstraints}, duplicate keys are reported, and
 * non-finite floats ({@code .nan}, {@code .inf}) are kept as text so that validation rejects them.
 */
final class YamlTree {

    /** Deepest nesting accepted; a scenario needs about eight levels. */
    static final int MAX_DEPTH = 40;

    /** Floats at or above this magnitude are kept as text. */
    private static final double MAX_FLOAT = 1e15;

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final YAMLFactory YAML = YAMLFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(MAX_DEPTH)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(100)
                    .build())
            .build();

    /** A place in a file, or in a {@code --set} argument. */
    record Loc(String file, int line, int column) {}

    JsonNode root;
    final Map<String, Loc> keyLocs = new HashMap<>();
    final Map<String, Loc> valueLocs = new HashMap<>();
    /** The text of every scalar as written, by pointer (used for options' raw values). */
    final Map<String, String> rawText = new HashMap<>();

    private YamlTree() {}

    /** Parses one YAML document; all problems found while reading are thrown together. */
    static YamlTree parse(String text, String file) throws ScenarioException {
        YamlTree tree = new YamlTree();
        List<Problem> problems = new ArrayList<>();
        tree.read(text, file, problems);
        if (!problems.isEmpty()) {
            throw new ScenarioException(problems);
        }
        return tree;
    }

    /** Parses a {@code --set} value (or an option's value); every node is placed at {@code at}. */
    static JsonNode parseValue(String text, Loc at, List<Problem> problems, String path) {
        YamlTree tree = new YamlTree();
        List<Problem> inner = new ArrayList<>();
        tree.read(text, at.file(), inner);
        if (!inner.isEmpty()) {
            problems.add(new Problem(at.file(), at.line(), at.column(), path, "expected a single YAML value"));
            return null;
        }
        return tree.root == null ? NODES.stringNode("") : tree.root;
    }

    private void read(String text, String file, List<Problem> problems) {
        String pointer = "";
        Loc last = new Loc(file, 1, 1);
        try (JsonParser p = YAML.createParser(ObjectReadContext.empty(), text)) {
            Deque<JsonNode> stack = new ArrayDeque<>();
            Deque<String> pointers = new ArrayDeque<>();
            String pendingKey = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Loc loc = loc(file, p.currentTokenLocation());
                last = loc;
                if (p.getObjectId() != null || (p instanceof YAMLParser y && y.isCurrentAlias())) {
                    problems.add(new Problem(
                            file,
                            loc.line(),
                            loc.column(),
                            display(pointer),
                            "anchors and aliases (&name, *name) are not supported; write the value out in full"));
                    return;
                }
                if (t == JsonToken.PROPERTY_NAME) {
                    pendingKey = p.currentName();
                    pointer = pointers.peek() + "/" + escape(pendingKey);
                    if (((ObjectNode) stack.peek()).has(pendingKey)) {
                        problems.add(new Problem(
                                file,
                                loc.line(),
                                loc.column(),
                                display(pointer),
                                "duplicate key \"" + pendingKey + "\"; each key may appear once"));
                    }
                    keyLocs.put(pointer, loc);
                    continue;
                }
                if (t == JsonToken.END_OBJECT || t == JsonToken.END_ARRAY) {
                    stack.pop();
                    pointers.pop();
                    pointer = pointers.isEmpty() ? "" : pointers.peek();
                    if (stack.isEmpty()) {
                        break;
                    }
                    continue;
                }
                if (stack.isEmpty() && root != null) {
                    break;
                }
                String here;
                JsonNode parent = stack.peek();
                if (parent == null) {
                    here = "";
                } else if (parent instanceof ArrayNode a) {
                    here = pointers.peek() + "/" + a.size();
                } else {
                    here = pointers.peek() + "/" + escape(pendingKey);
                }
                pointer = here;
                JsonNode node = value(t, p);
                valueLocs.put(here, loc);
                if (node.isValueNode()) {
                    rawText.put(here, t == JsonToken.VALUE_NULL ? "" : p.getString());
                }
                if (parent == null) {
                    root = node;
                } else if (parent instanceof ArrayNode a) {
                    a.add(node);
                } else {
                    ((ObjectNode) parent).set(pendingKey, node);
                }
                if (node.isContainer()) {
                    stack.push(node);
                    pointers.push(here);
                    if (stack.size() > MAX_DEPTH) {
                        throw new StreamConstraintsException("nesting too deep");
                    }
                }
            }
            if (root != null && stack.isEmpty() && p.nextToken() != null) {
                Loc loc = loc(file, p.currentTokenLocation());
                problems.add(new Problem(
                        file, loc.line(), loc.column(), "(file)", "expected one YAML document, found more"));
            }
        } catch (StreamConstraintsException e) {
            Loc loc = e.getLocation() == null ? last : loc(file, e.getLocation());
            List<String> segs = segments(pointer);
            problems.add(new Problem(
                    file,
                    loc.line(),
                    loc.column(),
                    segs.isEmpty() ? "(file)" : segs.get(0),
                    "expected at most " + MAX_DEPTH + " levels of nesting (or a shorter value)"));
        } catch (JacksonException e) {
            Loc loc = loc(file, e.getLocation());
            problems.add(new Problem(
                    file, loc.line(), loc.column(), display(pointer), "expected valid YAML: " + firstLine(e)));
        } catch (RuntimeException e) {
            // the YAML engine may fail on malformed input with its own unchecked exceptions
            problems.add(new Problem(file, 1, 1, display(pointer), "expected valid YAML: " + firstLine(e)));
        }
    }

    private static JsonNode value(JsonToken t, JsonParser p) {
        switch (t) {
            case START_OBJECT:
                return NODES.objectNode();
            case START_ARRAY:
                return NODES.arrayNode();
            case VALUE_NUMBER_INT:
                return switch (p.getNumberType()) {
                    case INT -> NODES.numberNode(p.getIntValue());
                    case LONG -> NODES.numberNode(p.getLongValue());
                    default -> NODES.numberNode(p.getBigIntegerValue());
                };
            case VALUE_NUMBER_FLOAT: {
                String text = p.getString();
                try {
                    double d = Double.parseDouble(text);
                    // beyond any scenario value; the schema validator cannot compare such doubles with
                    // integer bounds (it converts them to long), so they stay text and fail validation
                    return Double.isFinite(d) && Math.abs(d) < MAX_FLOAT ? NODES.numberNode(d) : NODES.stringNode(text);
                } catch (NumberFormatException e) {
                    return NODES.stringNode(text);
                }
            }
            case VALUE_TRUE:
                return NODES.booleanNode(true);
            case VALUE_FALSE:
                return NODES.booleanNode(false);
            case VALUE_NULL:
                return NODES.nullNode();
            case VALUE_STRING:
                return NODES.stringNode(p.getString());
            default:
                String s = p.getString();
                return NODES.stringNode(s == null ? "" : s);
        }
    }

    /** The YAML engine's message without its context lines ("in reader, line 3..." and the excerpt). */
    private static String firstLine(Exception e) {
        String m = e instanceof JacksonException j ? j.getOriginalMessage() : e.getMessage();
        if (m == null || m.isBlank()) {
            return e.getClass().getSimpleName();
        }
        List<String> parts = new ArrayList<>();
        for (String line : m.split("\n")) {
            if (line.isBlank() || Character.isWhitespace(line.charAt(0)) || line.startsWith("at [Source")) {
                continue;
            }
            parts.add(line.strip());
        }
        String out = parts.isEmpty() ? m.strip() : String.join("; ", parts);
        return out.length() <= 200 ? out : out.substring(0, 197) + "...";
    }

    private static Loc loc(String file, TokenStreamLocation l) {
        if (l == null) {
            return new Loc(file, 1, 1);
        }
        return new Loc(file, Math.max(1, l.getLineNr()), Math.max(1, l.getColumnNr()));
    }

    /** Escapes one JSON pointer segment. */
    static String escape(String segment) {
        return segment.replace("~", "~0").replace("/", "~1");
    }

    /** Unescapes one JSON pointer segment. */
    static String unescape(String segment) {
        return segment.replace("~1", "/").replace("~0", "~");
    }

    /** The segments of a JSON pointer, unescaped. */
    static List<String> segments(String pointer) {
        List<String> out = new ArrayList<>();
        if (pointer.isEmpty()) {
            return out;
        }
        for (String s : pointer.substring(1).split("/", -1)) {
            out.add(unescape(s));
        }
        return out;
    }

    /** The dotted path for a pointer: array elements with a name are shown by name, others by index. */
    String display(String pointer) {
        List<String> segs = segments(pointer);
        if (segs.isEmpty()) {
            return "(file)";
        }
        StringBuilder sb = new StringBuilder();
        JsonNode node = root;
        for (String s : segs) {
            String shown = s;
            JsonNode next = null;
            if (node instanceof ArrayNode a && isIndex(s)) {
                int i = Integer.parseInt(s);
                next = i < a.size() ? a.get(i) : null;
                if (next != null
                        && next.isObject()
                        && next.get("name") != null
                        && next.get("name").isString()) {
                    shown = next.get("name").stringValue();
                }
            } else if (node instanceof ObjectNode o) {
                next = o.get(s);
            }
            if (sb.length() > 0) {
                sb.append('.');
            }
            sb.append(shown);
            node = next;
        }
        return sb.toString();
    }

    static boolean isIndex(String s) {
        return !s.isEmpty() && s.length() < 9 && s.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The location of the value at pointer, else of its key, else of the nearest ancestor. */
    Loc locate(String pointer, boolean preferKey, String file) {
        String p = pointer;
        while (true) {
            Loc first = preferKey ? keyLocs.get(p) : valueLocs.get(p);
            Loc second = preferKey ? valueLocs.get(p) : keyLocs.get(p);
            if (first != null) {
                return first;
            }
            if (second != null) {
                return second;
            }
            if (p.isEmpty()) {
                return new Loc(file, 1, 1);
            }
            p = p.substring(0, p.lastIndexOf('/'));
            preferKey = true;
        }
    }

    /** A deep copy (the locations are shared: they describe the same file). */
    YamlTree copy() {
        YamlTree t = new YamlTree();
        t.root = root == null ? null : root.deepCopy();
        t.keyLocs.putAll(keyLocs);
        t.valueLocs.putAll(valueLocs);
        t.rawText.putAll(rawText);
        return t;
    }
}
