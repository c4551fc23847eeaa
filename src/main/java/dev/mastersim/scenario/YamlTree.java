package dev.mastersim.scenario;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.snakeyaml.engine.v2.exceptions.Mark;
import org.snakeyaml.engine.v2.exceptions.MarkedYamlEngineException;
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
 * <p>The parser is streaming. Anchors and aliases ({@code &base}, {@code *base}, and the merge key
 * {@code <<: *base}) are expanded as they are read, and the values of the whole document, aliases counted in
 * full, are bounded by {@link #MAX_VALUES} before anything is copied, so an alias bomb ("billion laughs") is
 * refused at the alias that crosses the bound. Nesting is capped by {@link StreamReadConstraints}, duplicate
 * keys are reported, tags other than YAML's own are refused, and non-finite floats ({@code .nan},
 * {@code .inf}) are kept as text so that validation rejects them.
 */
final class YamlTree {

    /** Deepest nesting accepted; a scenario needs about eight levels. */
    static final int MAX_DEPTH = 40;

    /** Most values (scalars, maps, lists) a document may hold with its aliases expanded. */
    static final long MAX_VALUES = 100_000;

    /** YAML's own tags, which only say what plain text would: a string, a number, a list. */
    private static final Set<String> CORE_TAGS = Set.of(
            "tag:yaml.org,2002:str",
            "tag:yaml.org,2002:int",
            "tag:yaml.org,2002:float",
            "tag:yaml.org,2002:bool",
            "tag:yaml.org,2002:null",
            "tag:yaml.org,2002:map",
            "tag:yaml.org,2002:seq",
            "!!str",
            "!!int",
            "!!float",
            "!!bool",
            "!!null",
            "!!map",
            "!!seq");

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
            Deque<String> anchorsOpen = new ArrayDeque<>(); // the anchor of each open container, or ""
            Map<String, JsonNode> anchors = new HashMap<>();
            Map<String, Long> anchorSizes = new HashMap<>();
            Set<String> merged = new HashSet<>(); // keys a "<<" merge set, which later keys may override
            long values = 0;
            String pendingKey = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                Loc loc = loc(file, p.currentTokenLocation());
                last = loc;
                String tag = p instanceof YAMLParser y && t != JsonToken.PROPERTY_NAME ? y.getTypeId() : null;
                if (tag != null && !CORE_TAGS.contains(tag)) {
                    problems.add(new Problem(
                            file,
                            loc.line(),
                            loc.column(),
                            display(pointer),
                            "expected a plain value, got the YAML tag "
                                    + SchemaCheck.clip(tag.startsWith("!") || tag.startsWith("tag:") ? tag : "!" + tag)
                                    + " (tags other than YAML's own, such as !!str, are not supported)"));
                    return;
                }
                if (t == JsonToken.PROPERTY_NAME) {
                    pendingKey = p.currentName();
                    pointer = pointers.peek() + "/" + escape(pendingKey);
                    if (((ObjectNode) stack.peek()).has(pendingKey) && !merged.remove(pointer)) {
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
                    JsonNode done = stack.pop();
                    pointers.pop();
                    String anchor = anchorsOpen.pop();
                    if (!anchor.isEmpty()) {
                        anchors.put(anchor, done);
                        anchorSizes.put(anchor, size(done));
                    }
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
                boolean alias = p instanceof YAMLParser y && y.isCurrentAlias();
                JsonNode node;
                if (alias) {
                    // *name: a copy of the anchored value, counted in full against the bound
                    String name = p.getString();
                    JsonNode anchored = anchors.get(name);
                    if (anchored == null) {
                        problems.add(new Problem(
                                file,
                                loc.line(),
                                loc.column(),
                                display(here),
                                "expected an alias to an anchor defined above it, got *" + SchemaCheck.clip(name)));
                        return;
                    }
                    values += anchorSizes.get(name);
                    if (values > MAX_VALUES) {
                        problems.add(tooLarge(file, loc, here));
                        return;
                    }
                    node = anchored.deepCopy();
                    placeAll(node, here, loc);
                } else {
                    node = value(t, p);
                    if (++values > MAX_VALUES) {
                        problems.add(tooLarge(file, loc, here));
                        return;
                    }
                }
                valueLocs.put(here, loc);
                if (node.isValueNode()) {
                    rawText.put(here, t == JsonToken.VALUE_NULL ? "" : p.getString());
                }
                Object anchorId = alias ? null : p.getObjectId();
                String anchor = anchorId == null ? "" : anchorId.toString();
                if (parent == null) {
                    root = node;
                } else if (parent instanceof ArrayNode a) {
                    a.add(node);
                } else if ("<<".equals(pendingKey) && alias && node instanceof ObjectNode from) {
                    // a merge key (<<: *base): the anchored map's keys, unless already given; later ones win
                    ObjectNode into = (ObjectNode) parent;
                    for (Map.Entry<String, JsonNode> e : from.properties()) {
                        if (!into.has(e.getKey())) {
                            String child = pointers.peek() + "/" + escape(e.getKey());
                            into.set(e.getKey(), e.getValue());
                            keyLocs.put(child, loc);
                            placeAll(e.getValue(), child, loc);
                            merged.add(child);
                        }
                    }
                    keyLocs.remove(here);
                    valueLocs.remove(here);
                } else {
                    ((ObjectNode) parent).set(pendingKey, node);
                }
                if (node.isContainer() && !alias) {
                    stack.push(node);
                    pointers.push(here);
                    anchorsOpen.push(anchor);
                    if (stack.size() > MAX_DEPTH) {
                        throw new StreamConstraintsException("nesting too deep");
                    }
                } else if (!anchor.isEmpty()) {
                    anchors.put(anchor, node);
                    anchorSizes.put(anchor, 1L);
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
            Loc loc = problemMark(file, e);
            if (loc == null) {
                loc = loc(file, e.getLocation());
            }
            problems.add(new Problem(
                    file, loc.line(), loc.column(), display(pointer), "expected valid YAML: " + firstLine(e)));
        } catch (RuntimeException e) {
            // the YAML engine may fail on malformed input with its own unchecked exceptions
            problems.add(new Problem(file, 1, 1, display(pointer), "expected valid YAML: " + firstLine(e)));
        }
    }

    private Problem tooLarge(String file, Loc loc, String here) {
        return new Problem(
                file,
                loc.line(),
                loc.column(),
                display(here),
                "expected at most " + MAX_VALUES + " values with every alias (*name) expanded; "
                        + "aliases that repeat aliases grow without bound");
    }

    /** The number of values in {@code n}, itself included. */
    private static long size(JsonNode n) {
        long count = 1;
        for (JsonNode child : n) {
            count += size(child);
        }
        return count;
    }

    /** Locates {@code node} and everything under it at {@code at} (an alias's copy). */
    private void placeAll(JsonNode node, String pointer, Loc at) {
        valueLocs.put(pointer, at);
        if (node.isObject()) {
            for (Map.Entry<String, JsonNode> e : node.properties()) {
                String child = pointer + "/" + escape(e.getKey());
                keyLocs.put(child, at);
                placeAll(e.getValue(), child, at);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                placeAll(node.get(i), pointer + "/" + i, at);
            }
        } else {
            rawText.put(pointer, node.isNull() ? "" : node.asString());
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

    /**
     * Where the YAML engine saw the problem (a tab is reported at the tab, not at the token before it; a
     * bracket left open at the end of the text, where it was opened), or null when it did not say.
     */
    private static Loc problemMark(String file, Throwable e) {
        for (Throwable c = e; c != null; c = c.getCause()) {
            if (c instanceof MarkedYamlEngineException m && m.getProblemMark().isPresent()) {
                // at the end of the text, the place of what was left open says more ("[" never closed)
                boolean atEnd = m.getProblem() != null && m.getProblem().contains("<stream end>");
                Mark mark = atEnd && m.getContextMark().isPresent()
                        ? m.getContextMark().get()
                        : m.getProblemMark().get();
                return new Loc(file, mark.getLine() + 1, mark.getColumn() + 1);
            }
        }
        return null;
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
