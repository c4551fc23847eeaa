package dev.mastersim.experiment.result;

import java.time.YearMonth;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * A day of 24 hours: the whole day's figures and verdict, and each hour's.
 *
 * @param month the month whose growth multiplier the day's rates carry
 * @param day the whole day: figures over the 24 hours (rate: the day's mean offered rate); its
 *     verdict is the first saturated hour's, or else the peak hour's bottleneck
 * @param hours hour 0 to 23, each a run result of its own (rate: the hour's mean offered rate,
 *     spikes included, or a closed population's users; verdict: the verdict rule applied to that hour)
 * @param notJudged the hours (from 0) every replication spent inside the faults' windows: their figures
 *     are the whole hour's, fault included, and their verdict judges nothing (never saturated); empty
 *     without faults
 * @param closedPopulation whether the load is a closed population's: the rates of the day and its hours
 *     are then their mean number of users logged in, not requests/s
 */
public record DayResult(
        YearMonth month, RunResult day, List<RunResult> hours, Set<Integer> notJudged, boolean closedPopulation) {
    public DayResult {
        hours = List.copyOf(hours);
        notJudged = Set.copyOf(notJudged);
    }

    /** A day of open arrivals whose every hour is judged (no faults). */
    public DayResult(YearMonth month, RunResult day, List<RunResult> hours) {
        this(month, day, hours, Set.of(), false);
    }

    /** What the day's and its hours' rates count: {@code users} for a closed population, else {@code requests/s}. */
    public String unit() {
        return closedPopulation ? "users" : "requests/s";
    }

    /** Whether hour {@code h} is judged: it has time outside the faults' windows. */
    public boolean judged(int h) {
        return !notJudged.contains(h);
    }

    /** The first hour whose verdict is saturated, if any. */
    public OptionalInt firstSaturatedHour() {
        for (int h = 0; h < hours.size(); h++) {
            if (hours.get(h).verdict().saturated()) {
                return OptionalInt.of(h);
            }
        }
        return OptionalInt.empty();
    }

    /** The hour with the highest offered rate (the earliest of equals). */
    public int peakHour() {
        return peakHour(hours);
    }

    /** Of {@code hours}, the one with the highest offered rate (the earliest of equals). */
    public static int peakHour(List<RunResult> hours) {
        int peak = 0;
        for (int h = 1; h < hours.size(); h++) {
            if (hours.get(h).rate() > hours.get(peak).rate()) {
                peak = h;
            }
        }
        return peak;
    }
}
