package dev.mastersim.experiment.result;

import java.time.YearMonth;

/**
 * A forecast beside the same forecast with one unit lost for the whole run (N+1): from which month
 * the site can no longer lose one.
 *
 * @param forecast the usual forecast
 * @param kind what is lost: {@code replica} or {@code app-server}
 * @param lost the forecast with one fewer of it
 */
public record ResilienceResult(ForecastResult forecast, String kind, ForecastResult lost) {

    /** The first month that saturates with one lost, or null when none does within the horizon. */
    public MonthPoint breach() {
        return lost.saturation();
    }

    /** The sentence a planner can quote. */
    public String sentence() {
        MonthPoint b = breach();
        String unit = kind.replace('-', ' ');
        if (b == null) {
            return "Can lose one " + unit + " through the horizon (" + lost.horizon() + " months).";
        }
        String article = "aeiou".indexOf(unit.charAt(0)) >= 0 ? "an " : "a ";
        String why = article + unit + " failure breaches the SLO on "
                + b.result().verdict().bottleneck() + " ("
                + b.result().verdict().reason() + ")";
        if (b.index() == 0) {
            return "Cannot lose one " + unit + " even in " + b.month() + ": " + why + ".";
        }
        YearMonth last = b.month().minusMonths(1);
        return "Can lose one " + unit + " until " + last + "; from " + b.month() + " " + why + ".";
    }
}
