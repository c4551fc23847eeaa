package dev.mastersim.experiment.result;

/**
 * One arm of a comparison: its forecast and capacity, and the months it buys over the baseline.
 *
 * @param monthsBought saturation month index minus the baseline's; when the arm does not saturate
 *     within the horizon, the months to the horizon's end (a lower bound: see {@code atLeast})
 */
public record Arm(String name, ForecastResult forecast, CapacityResult capacity, int monthsBought, boolean atLeast) {}
