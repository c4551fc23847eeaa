package dev.mastersim.scenario;

import java.util.List;
import java.util.stream.Collectors;

/** A scenario that cannot be loaded, with every problem found, sorted by line then column. */
public final class ScenarioException extends Exception {

    private final transient List<Problem> problems;

    public ScenarioException(List<Problem> problems) {
        super(problems.stream().map(Problem::toString).collect(Collectors.joining("\n")), null, false, false);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("a ScenarioException needs at least one problem");
        }
        this.problems = List.copyOf(problems);
    }

    /** The problems, sorted by line then column. */
    public List<Problem> problems() {
        return problems;
    }
}
