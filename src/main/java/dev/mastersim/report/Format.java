package dev.mastersim.report;

import dev.mastersim.experiment.result.RunResult;
import java.util.function.Function;

/** The output formats by name, each with its renderer and file extension: the one place they map. */
public enum Format {
    TABLE("txt", TableReport::run),
    JSON("json", JsonReport::run),
    CSV("csv", CsvReport::run);

    private final String extension;
    private final Function<RunResult, String> run;

    Format(String extension, Function<RunResult, String> run) {
        this.extension = extension;
        this.run = run;
    }

    public String extension() {
        return extension;
    }

    public String render(RunResult r) {
        return run.apply(r);
    }
}
