package dev.mastersim.scenario;

import dev.mastersim.scenario.SchemaCheck.Issue;
import dev.mastersim.scenario.YamlTree.Loc;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import tools.jackson.databind.JsonNode;

/**
 * Loads a scenario file into a {@link Scenario}, or fails with every problem found.
 *
 * <p>The stages: read the bytes (at most {@link #MAX_BYTES}, UTF-8 text only); parse the YAML with locations
 * ({@link YamlTree}: aliases bounded in expanded size, bounded nesting); apply the {@code --set} overrides
 * ({@link Overrides}); validate against {@code scenario.schema.json} ({@link SchemaCheck}); check what needs
 * several values at once ({@link Semantics}), including that every option arm still gives a valid scenario;
 * finally bind the records ({@link Binder}) with the defaults of {@link Defaults}. Problems of all the
 * validation stages are reported together, sorted by line then column, the file first, then each
 * {@code --set#N} in order; a cross-field problem that only an override causes is located at that {@code --set#N}.
 */
public final class ScenarioLoader {
    private ScenarioLoader() {}

    /** Largest scenario file accepted, in bytes. */
    public static final int MAX_BYTES = 1 << 20;

    /**
     * Which run the scenario is loaded for, as far as checking it depends on that: a fault must start
     * inside the run, and a day's faults count from the start of hour 0 ({@code run --day}).
     */
    public enum Span {
        /** One month's peak hour, warm-up included: {@code run.warmup + run.duration}. */
        PEAK_HOUR,
        /** A whole day ({@code run --day}): 24 hours from the start of hour 0. */
        DAY
    }

    /** Loads {@code file} for a peak-hour run, then applies the {@code --set key=value} overrides in order. */
    public static Scenario load(Path file, List<String> sets) throws ScenarioException {
        return load(file, sets, Span.PEAK_HOUR);
    }

    /** Loads {@code file} for a run of {@code span}, then applies the {@code --set key=value} overrides in order. */
    public static Scenario load(Path file, List<String> sets, Span span) throws ScenarioException {
        String name = file.toString();
        byte[] bytes;
        try {
            if (!Files.isRegularFile(file)) {
                throw fail(name, "(file)", "expected a readable scenario file, but " + notAFile(file));
            }
            if (Files.size(file) > MAX_BYTES) {
                throw fail(
                        name, "(file)", "expected a scenario file of at most 1 MB, got " + Files.size(file) + " bytes");
            }
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw fail(name, "(file)", "expected a readable scenario file, but reading failed: " + why(e));
        }
        return fromBytes(bytes, name, sets, span);
    }

    /** What {@code file} is instead of a regular file. */
    private static String notAFile(Path file) {
        if (file.toString().equals("-")) {
            return "'-' (standard input) is not read; give the scenario's file name";
        }
        if (Files.isDirectory(file)) {
            return "it is a directory";
        }
        if (Files.exists(file)) {
            return "it is a device, a pipe or a socket, not a regular file";
        }
        return "there is no such file";
    }

    /** Why reading failed, in words (the exception's message is often just the path). */
    private static String why(IOException e) {
        if (e instanceof AccessDeniedException) {
            return "permission denied";
        }
        if (e instanceof FileSystemException f && f.getReason() != null) {
            return f.getReason();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    /** Decodes {@code bytes} as UTF-8 and parses them; what {@link #load} does after reading the file. */
    static Scenario fromBytes(byte[] bytes, String name, List<String> sets) throws ScenarioException {
        return fromBytes(bytes, name, sets, Span.PEAK_HOUR);
    }

    private static Scenario fromBytes(byte[] bytes, String name, List<String> sets, Span span)
            throws ScenarioException {
        if (bytes.length > MAX_BYTES) {
            throw fail(name, "(file)", "expected a scenario file of at most 1 MB, got " + bytes.length + " bytes");
        }
        String text;
        try {
            text = StandardCharsets.UTF_8
                    .newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw fail(name, "(file)", "expected UTF-8 text, got binary data or another encoding");
        }
        return parse(text, name, sets, span);
    }

    /** Parses scenario {@code text}; {@code fileName} is used in problems and as {@link Scenario#source()}. */
    public static Scenario parse(String text, String fileName, List<String> sets) throws ScenarioException {
        return parse(text, fileName, sets, Span.PEAK_HOUR);
    }

    /** Parses scenario {@code text} for a run of {@code span}; otherwise as {@link #parse(String, String, List)}. */
    public static Scenario parse(String text, String fileName, List<String> sets, Span span) throws ScenarioException {
        if (text.startsWith("\uFEFF")) {
            text = text.substring(1);
        }
        checkText(text, fileName);
        YamlTree tree = YamlTree.parse(text, fileName);
        if (tree.root == null) {
            throw fail(fileName, "(file)", "expected a scenario with version, traffic and requests, got an empty file");
        }
        List<Problem> problems = new ArrayList<>();
        YamlTree original = sets.isEmpty() ? null : tree.copy();
        for (int n = 0; n < sets.size(); n++) {
            Overrides.applySet(tree, sets.get(n), n + 1, problems);
        }
        List<Issue> issues = validate(tree, span);
        List<Set<String>> after = new ArrayList<>();
        for (Issue i : issues) {
            problems.add(blame(tree, i, fileName, original, sets, after, span));
        }
        // the arms are checked when the rest of the file is valid; an arm with problems of its own is skipped
        Set<String> badArms = new HashSet<>();
        boolean restValid = true;
        for (Issue i : issues) {
            List<String> segs = YamlTree.segments(i.pointer());
            if (segs.size() >= 2 && segs.get(0).equals("options")) {
                badArms.add(segs.get(1));
            } else {
                restValid = false;
            }
        }
        if (restValid) {
            problems.addAll(checkOptions(tree, fileName, badArms, span));
        }
        if (problems.isEmpty()) {
            List<Issue> bindIssues = new ArrayList<>();
            Scenario s = Binder.bind(tree, fileName, bindIssues);
            if (s != null) {
                return s;
            }
            for (Issue i : bindIssues) {
                problems.add(locate(tree, i, fileName));
            }
        }
        throw new ScenarioException(sorted(problems));
    }

    /**
     * What is valid but probably not meant, one sentence each, for the command line to print as warnings:
     * a request type with share 0 never occurs.
     */
    public static List<String> warnings(Scenario s) {
        List<String> out = new ArrayList<>();
        for (var r : s.requests()) {
            if (r.share() == 0) {
                out.add(s.source() + ": requests." + r.name() + ".share is 0, so this request type never occurs");
            }
        }
        return out;
    }

    /** The JSON schema of the scenario file (draft 2020-12). */
    public static String schemaText() {
        return SchemaCheck.TEXT;
    }

    private static List<Issue> validate(YamlTree tree, Span span) {
        List<Issue> issues = new ArrayList<>(SchemaCheck.check(tree));
        issues.addAll(Semantics.check(tree, span));
        return issues;
    }

    /** Every option arm, applied to a copy, must give a scenario that validates like the file. */
    private static List<Problem> checkOptions(YamlTree tree, String fileName, Set<String> skip, Span span) {
        List<Problem> out = new ArrayList<>();
        JsonNode options = tree.root.get("options");
        if (options == null) {
            return out;
        }
        for (Map.Entry<String, JsonNode> arm : options.properties()) {
            if (skip.contains(arm.getKey()) || !arm.getValue().isObject()) {
                continue;
            }
            YamlTree copy = tree.copy();
            String armPointer = "/options/" + YamlTree.escape(arm.getKey());
            List<Problem> applyProblems = new ArrayList<>();
            for (Map.Entry<String, JsonNode> e : arm.getValue().properties()) {
                String pointer = armPointer + "/" + YamlTree.escape(e.getKey());
                Loc keyLoc = tree.locate(pointer, true, fileName);
                Loc valueLoc = tree.locate(pointer, false, fileName);
                List<Problem> raw = new ArrayList<>();
                Overrides.apply(copy, e.getKey(), e.getValue().deepCopy(), c -> keyLoc, valueLoc, raw);
                for (Problem p : raw) {
                    out.add(new Problem(p.file(), p.line(), p.column(), tree.display(pointer), p.expected()));
                }
                applyProblems.addAll(raw);
            }
            if (!applyProblems.isEmpty()) {
                continue;
            }
            Set<String> seen = new HashSet<>();
            for (Issue i : validate(copy, span)) {
                if (i.pointer().startsWith("/options/")) {
                    continue; // the other arms' own problems are reported once, as the file's
                }
                Loc loc = copy.locate(i.pointer(), i.atKey(), fileName);
                String key = loc + i.path() + i.expected();
                if (seen.add(key)) {
                    out.add(new Problem(
                            loc.file(),
                            loc.line(),
                            loc.column(),
                            "options." + arm.getKey(),
                            "makes " + i.path() + " invalid: " + i.expected()));
                }
            }
        }
        return out;
    }

    /**
     * Locates an issue; one the file alone does not have, found at a place in the file, is caused by the
     * overrides, and is located at the first {@code --set} after which it appears (its column 1).
     * {@code after.get(k)} holds the issues after the first k overrides, computed once when first needed.
     */
    private static Problem blame(
            YamlTree tree,
            Issue i,
            String fileName,
            YamlTree original,
            List<String> sets,
            List<Set<String>> after,
            Span span) {
        Problem p = locate(tree, i, fileName);
        if (original == null || !p.file().equals(fileName)) {
            return p;
        }
        if (after.isEmpty()) {
            YamlTree partial = original.copy();
            List<Problem> ignored = new ArrayList<>();
            after.add(keys(partial, span));
            for (int n = 0; n < sets.size(); n++) {
                Overrides.applySet(partial, sets.get(n), n + 1, ignored);
                after.add(keys(partial, span));
            }
        }
        String key = i.path() + "\n" + i.expected();
        if (after.get(0).contains(key)) {
            return p;
        }
        for (int n = 1; n < after.size(); n++) {
            if (after.get(n).contains(key)) {
                return new Problem(Overrides.setFile(n), 1, 1, i.path(), i.expected());
            }
        }
        return p;
    }

    private static Set<String> keys(YamlTree tree, Span span) {
        Set<String> out = new HashSet<>();
        for (Issue i : validate(tree, span)) {
            out.add(i.path() + "\n" + i.expected());
        }
        return out;
    }

    private static Problem locate(YamlTree tree, Issue i, String fileName) {
        Loc loc = tree.locate(i.pointer(), i.atKey(), fileName);
        return new Problem(loc.file(), loc.line(), loc.column(), i.path(), i.expected());
    }

    private static void checkText(String text, String fileName) throws ScenarioException {
        if (text.length() > MAX_BYTES) {
            throw fail(
                    fileName,
                    "(file)",
                    "expected a scenario file of at most 1 MB, got " + text.length() + " characters");
        }
        int line = 1;
        int column = 1;
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c == '\n') {
                line++;
                column = 1;
                continue;
            }
            boolean control = (c < 0x20 && c != '\t' && c != '\r')
                    || c == 0x7f
                    || c == 0xfffd
                    || c == 0xfffe
                    || c == 0xffff
                    || (c >= 0x80 && c < 0xa0);
            if (control) {
                throw new ScenarioException(List.of(new Problem(
                        fileName,
                        line,
                        column,
                        "(file)",
                        String.format("expected YAML text, got binary data (character U+%04X)", (int) c))));
            }
            column++;
        }
    }

    private static ScenarioException fail(String file, String path, String expected) {
        return new ScenarioException(List.of(new Problem(file, 1, 1, path, expected)));
    }

    private static List<Problem> sorted(List<Problem> problems) {
        List<Problem> out = new ArrayList<>(problems);
        out.sort(Comparator.comparingInt(Overrides::setNumber)
                .thenComparingInt(Problem::line)
                .thenComparingInt(Problem::column));
        return out;
    }
}
