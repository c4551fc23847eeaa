package dev.mastersim.experiment.result;

import java.util.List;

/**
 * A forecast: the first saturated month (null when none is within the horizon) and every month
 * that was evaluated, in calendar order.
 *
 * @param horizon months considered (the scenario's {@code forecast.months})
 */
public record ForecastResult(String scenario, MonthPoint saturation, List<MonthPoint> months, int horizon) {
    public ForecastResult {
        months = List.copyOf(months);
    }
}
