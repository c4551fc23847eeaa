package dev.mastersim.scenario;

import dev.mastersim.scenario.YamlTree.Loc;
import java.util.ArrayList;
import java.util.List;
import java.util.function.IntFunction;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Applies {@code key=value} overrides by dotted path to a scenario tree. A list element is addressed by its
 * {@code name} ({@code requests.buy.write.locks}) or by its index; missing maps on the way are created, so the
 * schema check then reports unknown keys at the override's own location.
 */
final class Overrides {
    private Overrides() {}

    /** What problems in an override are located in: {@code --set#N}, N counting from 1 (CONTRACT §2). */
    static final String SET_PREFIX = "--set#";

    /** The "file" of the {@code n}th {@code --set} (from 1). */
    static String setFile(int n) {
        return SET_PREFIX + n;
    }

    /** The position of a {@code --set#N} problem among the overrides, or 0 for a file's. */
    static int setNumber(Problem p) {
        return p.file().startsWith(SET_PREFIX) ? Integer.parseInt(p.file().substring(SET_PREFIX.length())) : 0;
    }

    /**
     * Applies the {@code n}th (from 1) {@code --set key=value} argument; problems are located at columns of
     * the argument, in the file {@code --set#n}.
     */
    static void applySet(YamlTree tree, String argument, int n, List<Problem> problems) {
        String file = setFile(n);
        int eq = argument.indexOf('=');
        if (eq <= 0) {
            problems.add(new Problem(
                    file,
                    1,
                    1,
                    SchemaCheck.clip(argument),
                    "expected key=value such as replicas.count=6 or requests.buy.write.locks=8"));
            return;
        }
        String key = argument.substring(0, eq);
        int bracket = key.indexOf('[');
        if (bracket >= 0) {
            // faults[0].length: the path names a list's entry by a dotted index (or by its name)
            problems.add(new Problem(
                    file,
                    1,
                    bracket + 1,
                    SchemaCheck.clip(key),
                    "expected a dotted key, a list's entry by its index from 0 or its name, such as "
                            + SchemaCheck.clip(key.replaceAll("\\[(\\d*)]", ".$1"))));
            return;
        }
        String valueText = argument.substring(eq + 1);
        Loc valueLoc = new Loc(file, 1, eq + 2);
        JsonNode value = YamlTree.parseValue(valueText, valueLoc, problems, key);
        if (value == null) {
            return;
        }
        apply(tree, key, value, column -> new Loc(file, 1, column), valueLoc, problems);
    }

    /**
     * Sets {@code value} at the dotted {@code key}. {@code keyLoc} gives the location of the key's character
     * at a 1-based column.
     */
    static void apply(
            YamlTree tree, String key, JsonNode value, IntFunction<Loc> keyLoc, Loc valueLoc, List<Problem> problems) {
        List<String> segs = new ArrayList<>();
        List<Integer> cols = new ArrayList<>();
        int start = 0;
        for (int i = 0; i <= key.length(); i++) {
            if (i == key.length() || key.charAt(i) == '.') {
                segs.add(key.substring(start, i));
                cols.add(start + 1);
                start = i + 1;
            }
        }
        for (int i = 0; i < segs.size(); i++) {
            if (segs.get(i).isEmpty()) {
                Loc at = keyLoc.apply(cols.get(i));
                problems.add(new Problem(
                        at.file(), at.line(), at.column(), key, "expected a dotted key such as replicas.count"));
                return;
            }
        }
        if (tree.root == null || !tree.root.isObject()) {
            return;
        }
        JsonNode cur = tree.root;
        String pointer = "";
        StringBuilder shown = new StringBuilder();
        for (int i = 0; i < segs.size(); i++) {
            String seg = segs.get(i);
            boolean last = i == segs.size() - 1;
            Loc segLoc = keyLoc.apply(cols.get(i));
            if (cur instanceof ObjectNode o) {
                String child = pointer + "/" + YamlTree.escape(seg);
                if (last) {
                    if (o.get(seg) instanceof ObjectNode existing && value instanceof ObjectNode given) {
                        // master={cores: 2} changes cores and keeps the other keys of master
                        merge(tree, existing, given, child, valueLoc);
                        tree.keyLocs.put(child, segLoc);
                        return;
                    }
                    forget(tree, child);
                    o.set(seg, value);
                    placeAll(tree, value, child, valueLoc);
                    tree.keyLocs.put(child, segLoc);
                    tree.valueLocs.put(child, valueLoc);
                    return;
                }
                JsonNode next = o.get(seg);
                if ((next == null || next.isNull()) && YamlTree.isIndex(segs.get(i + 1))) {
                    // steps.5.granule where there are no steps: an index needs a list that exists
                    problems.add(new Problem(
                            segLoc.file(),
                            segLoc.line(),
                            segLoc.column(),
                            key,
                            "expected a path to an existing list entry, but " + (shown.length() > 0 ? shown + " " : "")
                                    + "has no " + seg + " (write the whole list instead)"));
                    return;
                }
                if (next == null || next.isNull()) {
                    next = JsonNodeFactory.instance.objectNode();
                    o.set(seg, next);
                    tree.keyLocs.put(child, segLoc);
                    tree.valueLocs.put(child, segLoc);
                }
                cur = next;
                pointer = child;
            } else if (cur instanceof ArrayNode a) {
                int index = find(a, seg);
                if (index < 0) {
                    problems.add(new Problem(
                            segLoc.file(),
                            segLoc.line(),
                            segLoc.column(),
                            key,
                            YamlTree.isIndex(seg) && names(a).equals(" (by index from 0)")
                                    ? "expected the index of an entry of " + shown + ", from 0 to " + (a.size() - 1)
                                            + " (it has " + a.size() + (a.size() == 1 ? " entry" : " entries")
                                            + "), got " + SchemaCheck.clip(seg)
                                    : "expected the name of an entry of " + shown + names(a) + ", got \""
                                            + SchemaCheck.clip(seg) + "\""));
                    return;
                }
                String child = pointer + "/" + index;
                if (last) {
                    forget(tree, child);
                    a.set(index, value);
                    tree.keyLocs.put(child, segLoc);
                    tree.valueLocs.put(child, valueLoc);
                    return;
                }
                cur = a.get(index);
                pointer = child;
            } else {
                problems.add(new Problem(
                        segLoc.file(),
                        segLoc.line(),
                        segLoc.column(),
                        key,
                        "expected a path into a map or list, but " + shown + " is a single value"));
                return;
            }
            if (shown.length() > 0) {
                shown.append('.');
            }
            shown.append(seg);
        }
    }

    private static int find(ArrayNode a, String seg) {
        for (int i = 0; i < a.size(); i++) {
            JsonNode e = a.get(i);
            if (e.isObject()
                    && e.get("name") != null
                    && e.get("name").isString()
                    && e.get("name").stringValue().equals(seg)) {
                return i;
            }
        }
        if (YamlTree.isIndex(seg)) {
            int i = Integer.parseInt(seg);
            return i < a.size() ? i : -1;
        }
        return -1;
    }

    private static String names(ArrayNode a) {
        List<String> names = new ArrayList<>();
        for (JsonNode e : a) {
            if (e.isObject() && e.get("name") != null && e.get("name").isString()) {
                names.add(e.get("name").stringValue());
            }
        }
        return names.isEmpty() ? " (by index from 0)" : " (" + String.join(", ", names) + ")";
    }

    /** Sets each key of {@code given} in {@code target}, merging maps found in both; located at {@code at}. */
    private static void merge(YamlTree tree, ObjectNode target, ObjectNode given, String pointer, Loc at) {
        for (var e : given.properties()) {
            String child = pointer + "/" + YamlTree.escape(e.getKey());
            if (target.get(e.getKey()) instanceof ObjectNode inner && e.getValue() instanceof ObjectNode more) {
                merge(tree, inner, more, child, at);
                continue;
            }
            forget(tree, child);
            target.set(e.getKey(), e.getValue());
            tree.keyLocs.put(child, at);
            tree.valueLocs.put(child, at);
            placeAll(tree, e.getValue(), child, at);
        }
    }

    /** Locates every node under {@code node} at {@code at} (a value given on the command line). */
    private static void placeAll(YamlTree tree, JsonNode node, String pointer, Loc at) {
        if (node instanceof ObjectNode o) {
            for (var e : o.properties()) {
                String child = pointer + "/" + YamlTree.escape(e.getKey());
                tree.keyLocs.put(child, at);
                tree.valueLocs.put(child, at);
                placeAll(tree, e.getValue(), child, at);
            }
        } else if (node instanceof ArrayNode a) {
            for (int i = 0; i < a.size(); i++) {
                tree.valueLocs.put(pointer + "/" + i, at);
                placeAll(tree, a.get(i), pointer + "/" + i, at);
            }
        }
    }

    /** Drops the file locations of a subtree that is being replaced. */
    private static void forget(YamlTree tree, String pointer) {
        String prefix = pointer + "/";
        tree.keyLocs.keySet().removeIf(p -> p.startsWith(prefix));
        tree.valueLocs.keySet().removeIf(p -> p.startsWith(prefix));
        tree.rawText.keySet().removeIf(p -> p.startsWith(prefix));
    }
}
