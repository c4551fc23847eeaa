package dev.mastersim.scenario;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * The offered load.
 *
 * @param rate open: requests per second at the peak hour of month 0
 * @param users closed: population
 * @param think closed: think time
 * @param daily 24 hourly multipliers (hour 0..23), or empty when the load does not vary over the day
 * @param spikes short surges inside one run
 */
public record Traffic(
        Arrivals arrivals, double rate, int users, Dist think, Growth growth, double[] daily, List<Spike> spikes) {

    public Traffic {
        Objects.requireNonNull(arrivals, "arrivals");
        Objects.requireNonNull(think, "think");
        Objects.requireNonNull(growth, "growth");
        daily = daily.clone();
        if (daily.length != 0 && daily.length != 24) {
            throw new IllegalArgumentException("daily needs 24 entries, got " + daily.length);
        }
        spikes = List.copyOf(spikes);
    }

    /** A copy of the hourly multipliers (length 24 or 0). */
    @Override
    public double[] daily() {
        return daily.clone();
    }

    /** The largest daily multiplier, or 1 when there is no daily profile. */
    public double peakDailyMultiplier() {
        if (daily.length == 0) {
            return 1.0;
        }
        double max = daily[0];
        for (double d : daily) {
            max = Math.max(max, d);
        }
        return max;
    }

    /** The multiplier of month {@code month}'s peak hour: its growth times the largest daily multiplier. */
    public double peakMultiplier(int month) {
        return growth.multiplier(month) * peakDailyMultiplier();
    }

    /**
     * The closed population under {@code multiplier} (growth, daily): {@code users} times it, rounded to
     * the nearest user, within {@link Limits#USERS}.
     */
    public int usersAt(double multiplier) {
        return (int) Math.min(Limits.USERS, Math.max(0, Math.round(users * multiplier)));
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Traffic t
                && arrivals == t.arrivals
                && Double.compare(rate, t.rate) == 0
                && users == t.users
                && think.equals(t.think)
                && growth.equals(t.growth)
                && Arrays.equals(daily, t.daily)
                && spikes.equals(t.spikes);
    }

    @Override
    public int hashCode() {
        return Objects.hash(arrivals, rate, users, think, growth, Arrays.hashCode(daily), spikes);
    }

    @Override
    public String toString() {
        return "Traffic[arrivals=" + arrivals + ", rate=" + rate + ", users=" + users + ", think=" + think + ", growth="
                + growth + ", daily=" + Arrays.toString(daily) + ", spikes=" + spikes + "]";
    }
}
