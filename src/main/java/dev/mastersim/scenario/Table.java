package dev.mastersim.scenario;

/** A lockable table: its own granule space of {@code rows} rows in pages of {@code rowsPerPage}. */
public record Table(String name, long rows, int rowsPerPage) {

    /** Number of pages, rounded up. */
    public long pages() {
        return (rows + rowsPerPage - 1) / rowsPerPage;
    }
}
