package dev.mastersim.experiment;

import dev.mastersim.experiment.result.Arm;
import dev.mastersim.scenario.Scenario;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalInt;

/**
 * Every re-architecture arm against the baseline: the month each saturates in, the months it buys,
 * its capacity, and its rank. All arms use the same seed and stream indices, so the comparison is
 * between architectures under the same traffic (common random numbers).
 *
 * <p>One search per arm answers both the month and the capacity ({@link ArmSearch}): within the
 * horizon the month is the forecast's, past it the month is derived from the capacity and the growth
 * curve (marked {@code derived}). Arms rank by month (later is better; an arm that never saturates
 * on its curve ranks first), then free before paid (an arm costing no more a month than the baseline), then
 * by capacity; with 0% growth no arm has a month, and they rank by
 * capacity, that is by {@code capacity_gain} (capacity ÷ the baseline's). Equal arms share a rank.
 */
public final class Compare {
    private Compare() {}

    /** {@code arms} maps a name to its scenario; the first is the baseline. Arms come back in that order. */
    public static List<Arm> run(Map<String, Scenario> arms, RunSettings settings) {
        Map<String, ArmSearch.Answer> answers = new LinkedHashMap<>();
        arms.forEach((name, s) -> answers.put(name, ArmSearch.run(s, settings.within(name))));
        ArmSearch.Answer base = answers.values().iterator().next();
        double baseCapacity = base.capacity().capacity();
        List<Arm> out = new ArrayList<>();
        for (Map.Entry<String, ArmSearch.Answer> e : answers.entrySet()) {
            ArmSearch.Answer a = e.getValue();
            Scenario s = arms.get(e.getKey());
            OptionalInt month = a.month();
            YearMonth calendar = month.isPresent() ? s.traffic().growth().month(month.getAsInt()) : null;
            Integer bought = month.isPresent() && base.month().isPresent()
                    ? month.getAsInt() - base.month().getAsInt()
                    : null;
            double gain = baseCapacity > 0 ? a.capacity().capacity() / baseCapacity : Double.NaN;
            out.add(new Arm(
                    e.getKey(),
                    a.forecast(),
                    a.capacity(),
                    calendar,
                    month.isPresent() ? month.getAsInt() : null,
                    a.derived(),
                    bought,
                    a.atLeast(),
                    gain));
        }
        return ranked(priced(arms, out));
    }

    /** The same arms, in the same order, each with its rank: 1 + the number of arms strictly better. */
    static List<Arm> ranked(List<Arm> arms) {
        List<Arm> out = new ArrayList<>(arms.size());
        Arm base = arms.get(0);
        for (Arm a : arms) {
            int better = 0;
            for (Arm b : arms) {
                if (compare(b, a, base) > 0) {
                    better++;
                }
            }
            out.add(a.withRank(better + 1));
        }
        return out;
    }

    /** The arms with their monthly cost from their own scenario's {@code cost:} (unchanged without one). */
    static List<Arm> priced(Map<String, Scenario> scenarios, List<Arm> arms) {
        List<Arm> out = new ArrayList<>();
        for (Arm a : arms) {
            Scenario s = scenarios.get(a.name());
            out.add(
                    s == null || s.cost() == null
                            ? a
                            : a.withCost(s.cost().currency(), s.cost().monthly(s)));
        }
        return out;
    }

    /**
     * Positive when {@code a} buys more time than {@code b}: a later month (none is latest), then free
     * (costing no more a month than {@code base}, the baseline) before paid, then more capacity.
     */
    static int compare(Arm a, Arm b, Arm base) {
        long ma = a.monthIndex() == null ? Long.MAX_VALUE : a.monthIndex();
        long mb = b.monthIndex() == null ? Long.MAX_VALUE : b.monthIndex();
        if (ma != mb) {
            return Long.compare(ma, mb);
        }
        boolean fa = a.free(base);
        boolean fb = b.free(base);
        if (fa != fb) {
            return fa ? 1 : -1;
        }
        return Double.compare(a.capacity().capacity(), b.capacity().capacity());
    }
}
