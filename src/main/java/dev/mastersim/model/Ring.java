package dev.mastersim.model;

/**
 * A first-in, first-out queue of small records, each one {@code int} (a job, a type) and one or two
 * {@code double}s (a time, a service demand), in a growable ring of primitive arrays: the one queue
 * behind a station's waiting jobs, a disk's waiting commits, a pool's waiting borrowers and the
 * write queue.
 *
 * <p>The capacity is a power of two, so a position is a mask, not a division; it doubles when full
 * and never shrinks, so once the ring has grown to the longest queue seen nothing is allocated. A
 * record is read in place by its offset from the head ({@code 0} is the oldest), which is what a
 * pool's timeout needs to find its waiter in O(1).
 */
public final class Ring {
    private int[] ints;
    private double[] first;
    private double[] second; // null for records of one double
    private int head;
    private int size;

    /** A ring of records of one int and {@code doubles} (1 or 2) doubles, with room for {@code capacity}. */
    public Ring(int capacity, int doubles) {
        if (Integer.bitCount(capacity) != 1 || doubles < 1 || doubles > 2) {
            throw new IllegalArgumentException("capacity " + capacity + " (a power of two), doubles " + doubles);
        }
        ints = new int[capacity];
        first = new double[capacity];
        second = doubles == 2 ? new double[capacity] : null;
    }

    /** Records queued. */
    public int size() {
        return size;
    }

    /** Appends a record of one double. */
    public void add(int i, double x) {
        int slot = slotToAdd();
        ints[slot] = i;
        first[slot] = x;
    }

    /** Appends a record of two doubles. */
    public void add(int i, double x, double y) {
        int slot = slotToAdd();
        ints[slot] = i;
        first[slot] = x;
        second[slot] = y;
    }

    private int slotToAdd() {
        if (size == ints.length) {
            grow();
        }
        return (head + size++) & (ints.length - 1);
    }

    /** The int of the record {@code offset} places behind the head. */
    public int intAt(int offset) {
        return ints[(head + offset) & (ints.length - 1)];
    }

    /** Replaces the int of the record {@code offset} places behind the head. */
    public void setIntAt(int offset, int i) {
        ints[(head + offset) & (ints.length - 1)] = i;
    }

    /** The first double of the record {@code offset} places behind the head. */
    public double firstAt(int offset) {
        return first[(head + offset) & (ints.length - 1)];
    }

    /** The second double of the record {@code offset} places behind the head. */
    public double secondAt(int offset) {
        return second[(head + offset) & (ints.length - 1)];
    }

    /** Drops the oldest record. */
    public void remove() {
        head = (head + 1) & (ints.length - 1);
        size--;
    }

    private void grow() {
        int n = ints.length;
        int[] i = new int[n * 2];
        double[] a = new double[n * 2];
        double[] b = second == null ? null : new double[n * 2];
        // the records from the head to the end of the arrays, then those that wrapped to the start
        int tail = n - head;
        System.arraycopy(ints, head, i, 0, tail);
        System.arraycopy(ints, 0, i, tail, head);
        System.arraycopy(first, head, a, 0, tail);
        System.arraycopy(first, 0, a, tail, head);
        if (b != null) {
            System.arraycopy(second, head, b, 0, tail);
            System.arraycopy(second, 0, b, tail, head);
        }
        ints = i;
        first = a;
        second = b;
        head = 0;
    }
}
