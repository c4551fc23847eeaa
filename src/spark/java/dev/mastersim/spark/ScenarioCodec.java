package dev.mastersim.spark;

import dev.mastersim.scenario.Scenario;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.io.Serializable;
import java.lang.reflect.Constructor;
import java.lang.reflect.Method;
import java.lang.reflect.RecordComponent;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A scenario as bytes, and back, so that a unit of work can name its scenario wherever it runs.
 *
 * <p>A scenario is a tree of immutable records; this writes each record as its class and its
 * components in order, lists and sets as their elements, maps as their entries in iteration order
 * (sorted ones marked so), and every other leaf (strings, numbers, enums, arrays of numbers, dates)
 * with Java serialization. Reading calls each record's canonical constructor with its components,
 * so a record validates and copies them as it does when the scenario is loaded. {@link #encode}
 * checks that the scenario read back equals the one written, so a scenario this cannot carry exactly
 * is refused on the driver rather than simulated differently on a worker.
 */
final class ScenarioCodec {
    private ScenarioCodec() {}

    /** A record as it travels: its class and its components. */
    private record RecordNode(String type, Object[] components) implements Serializable {}

    /** A list as it travels. */
    private record ListNode(Object[] items) implements Serializable {}

    /** A set as it travels, in iteration order; sorted when the original was sorted by natural order. */
    private record SetNode(boolean sorted, Object[] items) implements Serializable {}

    /** A map as it travels, in iteration order; sorted when the original was sorted by natural order. */
    private record MapNode(boolean sorted, Object[] keys, Object[] values) implements Serializable {}

    /** {@code s} as bytes; refused when reading them back would not give a scenario equal to {@code s}. */
    static byte[] encode(Scenario s) {
        byte[] bytes;
        try (ByteArrayOutputStream buffer = new ByteArrayOutputStream();
                ObjectOutputStream out = new ObjectOutputStream(buffer)) {
            out.writeObject(write(s));
            out.flush();
            bytes = buffer.toByteArray();
        } catch (IOException e) {
            throw new IllegalStateException("scenario " + s.name() + " cannot be shipped: " + e, e);
        }
        if (!decode(bytes).equals(s)) {
            throw new IllegalStateException(
                    "scenario " + s.name() + " does not read back equal to itself; it cannot be shipped to a worker");
        }
        return bytes;
    }

    /** The scenario {@code bytes} encode. */
    static Scenario decode(byte[] bytes) {
        try (ObjectInputStream in = new ObjectInputStream(new ByteArrayInputStream(bytes))) {
            return (Scenario) read(in.readObject());
        } catch (IOException | ClassNotFoundException e) {
            throw new IllegalStateException("a shipped scenario cannot be read: " + e, e);
        }
    }

    /** The SHA-256 of {@code bytes}, in hex: the scenario's key on the workers. */
    static String hash(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object write(Object v) {
        if (v == null) {
            return null;
        }
        if (v instanceof Record r) {
            RecordComponent[] rc = r.getClass().getRecordComponents();
            Object[] components = new Object[rc.length];
            for (int i = 0; i < rc.length; i++) {
                try {
                    Method accessor = rc[i].getAccessor();
                    accessor.setAccessible(true);
                    components[i] = write(accessor.invoke(r));
                } catch (ReflectiveOperationException e) {
                    throw new IllegalStateException(
                            "cannot read " + r.getClass().getName() + "." + rc[i].getName(), e);
                }
            }
            return new RecordNode(r.getClass().getName(), components);
        }
        if (v instanceof List<?> list) {
            return new ListNode(writeAll(list));
        }
        if (v instanceof Set<?> set) {
            return new SetNode(set instanceof SortedSet<?> s && s.comparator() == null, writeAll(set));
        }
        if (v instanceof Map<?, ?> map) {
            boolean sorted = map instanceof SortedMap<?, ?> s && s.comparator() == null;
            return new MapNode(sorted, writeAll(map.keySet()), writeAll(map.values()));
        }
        if (v instanceof Serializable) {
            return v;
        }
        throw new IllegalStateException("a scenario holds a " + v.getClass().getName() + ", which cannot be shipped");
    }

    private static Object[] writeAll(Collection<?> items) {
        Object[] out = new Object[items.size()];
        int i = 0;
        for (Object item : items) {
            out[i++] = write(item);
        }
        return out;
    }

    private static Object read(Object v) throws ClassNotFoundException {
        if (v instanceof RecordNode r) {
            Class<?> type = Class.forName(r.type(), true, ScenarioCodec.class.getClassLoader());
            RecordComponent[] rc = type.getRecordComponents();
            Class<?>[] types = new Class<?>[rc.length];
            Object[] args = new Object[rc.length];
            for (int i = 0; i < rc.length; i++) {
                types[i] = rc[i].getType();
                args[i] = read(r.components()[i]);
            }
            try {
                Constructor<?> canonical = type.getDeclaredConstructor(types);
                canonical.setAccessible(true);
                return canonical.newInstance(args);
            } catch (ReflectiveOperationException e) {
                throw new IllegalStateException("cannot rebuild " + r.type(), e);
            }
        }
        if (v instanceof ListNode l) {
            return Collections.unmodifiableList(readAll(l.items()));
        }
        if (v instanceof SetNode s) {
            Set<Object> out = s.sorted() ? new TreeSet<>() : new LinkedHashSet<>();
            out.addAll(readAll(s.items()));
            return out;
        }
        if (v instanceof MapNode m) {
            Map<Object, Object> out = m.sorted() ? new TreeMap<>() : new LinkedHashMap<>();
            List<Object> keys = readAll(m.keys());
            List<Object> values = readAll(m.values());
            for (int i = 0; i < keys.size(); i++) {
                out.put(keys.get(i), values.get(i));
            }
            return out;
        }
        return v;
    }

    private static List<Object> readAll(Object[] items) throws ClassNotFoundException {
        List<Object> out = new ArrayList<>(items.length);
        for (Object item : items) {
            out.add(read(item));
        }
        return out;
    }
}
