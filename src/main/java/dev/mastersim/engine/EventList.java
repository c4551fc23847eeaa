package dev.mastersim.engine;

import java.util.Arrays;

/**
 * The pending events as a binary min-heap on parallel primitive arrays, ordered by (time, key)
 * where key = priority and then sequence packed into one {@code long}.
 *
 * <p>Each heap position holds the event's time, its key and the slot of its payload (handler,
 * type, argument), so a sift moves three primitives and compares two. Slots are recycled through a
 * free list and the arrays only ever double, so in steady state scheduling and taking an event
 * allocate nothing.
 *
 * <p><b>The front.</b> The earliest event may sit outside the heap, in one front place: an event
 * scheduled earlier than everything pending (a short service time, a zero-delay hand-over) goes
 * there, and the next poll takes it without a sift. The front, when occupied, is never later than
 * the heap's root; an event displaced from it goes into the heap. Models schedule many such events,
 * and for them scheduling and taking cost a comparison each instead of two sifts.
 */
final class EventList {
    private double[] time;
    private long[] key;
    private int[] slotAt;
    private EventHandler[] handler;
    private int[] type;
    private long[] arg;
    private int[] freeSlots;
    private int freeCount;
    private int size; // in the heap, not counting the front

    private boolean hasFront;
    private double frontTime;
    private long frontKey;
    private int frontSlot;

    EventList(int capacity) {
        int c = Math.max(16, capacity);
        time = new double[c];
        key = new long[c];
        slotAt = new int[c];
        handler = new EventHandler[c];
        type = new int[c];
        arg = new long[c];
        freeSlots = new int[c];
        for (int i = 0; i < c; i++) {
            freeSlots[i] = c - 1 - i;
        }
        freeCount = c;
    }

    int size() {
        return hasFront ? size + 1 : size;
    }

    double peekTime() {
        return hasFront ? frontTime : time[0];
    }

    void add(double t, long k, EventHandler h, int ty, long a) {
        if (freeCount == 0) {
            grow();
        }
        int slot = freeSlots[--freeCount];
        handler[slot] = h;
        type[slot] = ty;
        arg[slot] = a;
        if (hasFront) {
            if (!before(t, k, frontTime, frontKey)) {
                siftUp(size++, t, k, slot);
                return;
            }
            // the new event is the earliest: the old front goes into the heap
            siftUp(size++, frontTime, frontKey, frontSlot);
        } else if (size > 0 && !before(t, k, time[0], key[0])) {
            siftUp(size++, t, k, slot);
            return;
        }
        hasFront = true;
        frontTime = t;
        frontKey = k;
        frontSlot = slot;
    }

    /**
     * Removes the earliest event and returns its payload slot; the caller reads it, then frees it.
     *
     * <p>Floyd's bottom-up deletion: the hole at the root walks down to a leaf along the earlier
     * child (one comparison per level), then the last event, which almost always belongs near the
     * bottom, sifts up from there. That is about half the comparisons of the textbook sift-down.
     */
    int poll() {
        if (hasFront) {
            hasFront = false;
            return frontSlot;
        }
        int top = slotAt[0];
        int last = --size;
        if (last > 0) {
            int hole = 0;
            int child;
            while ((child = 2 * hole + 1) < last) {
                int right = child + 1;
                if (right < last && before(time[right], key[right], time[child], key[child])) {
                    child = right;
                }
                time[hole] = time[child];
                key[hole] = key[child];
                slotAt[hole] = slotAt[child];
                hole = child;
            }
            siftUp(hole, time[last], key[last], slotAt[last]);
        }
        return top;
    }

    double timeOfTop() {
        return hasFront ? frontTime : time[0];
    }

    EventHandler handler(int slot) {
        return handler[slot];
    }

    int type(int slot) {
        return type[slot];
    }

    long arg(int slot) {
        return arg[slot];
    }

    void free(int slot) {
        handler[slot] = null;
        freeSlots[freeCount++] = slot;
    }

    void clear() {
        for (int i = 0; i < size; i++) {
            free(slotAt[i]);
        }
        size = 0;
        if (hasFront) {
            free(frontSlot);
            hasFront = false;
        }
    }

    private static boolean before(double t1, long k1, double t2, long k2) {
        return t1 < t2 || (t1 == t2 && k1 < k2);
    }

    private void siftUp(int i, double t, long k, int slot) {
        // move parents down until the new event's place is found
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(t, k, time[parent], key[parent])) {
                break;
            }
            time[i] = time[parent];
            key[i] = key[parent];
            slotAt[i] = slotAt[parent];
            i = parent;
        }
        time[i] = t;
        key[i] = k;
        slotAt[i] = slot;
    }

    private void grow() {
        int old = time.length;
        int c = old * 2;
        time = Arrays.copyOf(time, c);
        key = Arrays.copyOf(key, c);
        slotAt = Arrays.copyOf(slotAt, c);
        handler = Arrays.copyOf(handler, c);
        type = Arrays.copyOf(type, c);
        arg = Arrays.copyOf(arg, c);
        freeSlots = Arrays.copyOf(freeSlots, c);
        for (int s = c - 1; s >= old; s--) {
            freeSlots[freeCount++] = s;
        }
    }
}
