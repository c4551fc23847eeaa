package dev.mastersim.scenario;

/**
 * One thing wrong with a scenario, where it is and what was expected there.
 *
 * @param file the file name as given, or {@code --set#N} for the Nth command-line override (from 1)
 * @param line 1-based line (1 for {@code --set})
 * @param column 1-based column (for {@code --set}: the position in the argument)
 * @param path dotted path of the offending key, e.g. {@code tables.orders.rows}
 * @param expected what was expected, in words, e.g. {@code expected a whole number ≥ 1, got -5}
 */
public record Problem(String file, int line, int column, String path, String expected) {

    /** {@code FILE:LINE:COLUMN: path: what was expected}. */
    @Override
    public String toString() {
        return file + ":" + line + ":" + column + ": " + path + ": " + expected;
    }
}
