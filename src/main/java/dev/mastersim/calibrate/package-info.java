/**
 * Calibration against a real database through JDBC (HikariCP): the only package with wall-clock time.
 * Measures, fits with Commons Math and writes a scenario fragment.
 */
package dev.mastersim.calibrate;
