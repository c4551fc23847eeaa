package dev.mastersim.experiment.result;

import java.time.YearMonth;

/** One month of a forecast: its peak-hour rate (for a closed population: its users) and the run's result there. */
public record MonthPoint(YearMonth month, int index, double rate, RunResult result) {
    public boolean saturated() {
        return result.verdict().saturated();
    }
}
