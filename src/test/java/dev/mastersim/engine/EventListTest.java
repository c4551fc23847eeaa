package dev.mastersim.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

final class EventListTest {
    private static final EventHandler NONE = (type, arg) -> {};

    @Test
    void growsBeyondItsInitialCapacityAndKeepsEveryEvent() {
        EventList list = new EventList(16);
        SplittableRandom random = new SplittableRandom(7);
        int n = 10_000;
        for (int i = 0; i < n; i++) {
            list.add(random.nextInt(100), i, NONE, i, i);
        }
        assertThat(list.size()).isEqualTo(n);

        List<Long> seen = new ArrayList<>();
        double lastTime = Double.NEGATIVE_INFINITY;
        long lastKey = -1;
        while (list.size() > 0) {
            double t = list.timeOfTop();
            int slot = list.poll();
            long arg = list.arg(slot);
            assertThat(list.type(slot)).isEqualTo((int) arg);
            list.free(slot);
            // keys were the insertion index, so (time, key) must strictly increase
            assertThat(t > lastTime || (t == lastTime && arg > lastKey)).isTrue();
            lastTime = t;
            lastKey = arg;
            seen.add(arg);
        }
        assertThat(seen).hasSize(n).doesNotHaveDuplicates();
    }

    @Test
    void recyclesSlotsSoASteadyStateNeverGrows() {
        EventList list = new EventList(16);
        for (int i = 0; i < 16; i++) {
            list.add(i, i, NONE, 0, i);
        }
        for (int i = 16; i < 100_000; i++) {
            list.free(list.poll());
            list.add(i, i, NONE, 0, i);
        }
        assertThat(list.size()).isEqualTo(16);
        assertThat(list.timeOfTop()).isEqualTo(100_000 - 16);
    }

    @Test
    void clearEmptiesTheListAndFreesEverySlot() {
        EventList list = new EventList(16);
        for (int i = 0; i < 16; i++) {
            list.add(i, i, NONE, 0, i);
        }
        list.clear();
        assertThat(list.size()).isZero();
        list.add(5, 0, NONE, 3, 4);
        int slot = list.poll();
        assertThat(list.type(slot)).isEqualTo(3);
        assertThat(list.arg(slot)).isEqualTo(4);
    }

    @Test
    void freeingASlotDropsTheHandlerReference() {
        EventList list = new EventList(16);
        list.add(1, 0, NONE, 0, 0);
        int slot = list.poll();
        list.free(slot);
        assertThat(list.handler(slot)).isNull();
    }
}
