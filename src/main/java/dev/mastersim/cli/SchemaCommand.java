package dev.mastersim.cli;

import dev.mastersim.scenario.ScenarioLoader;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mastersim schema}: print the scenario file's JSON schema. */
@Command(name = "schema", mixinStandardHelpOptions = true, header = "Print the scenario JSON schema.")
final class SchemaCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().getOut().print(ScenarioLoader.schemaText());
        spec.commandLine().getOut().flush();
        return ExitCodes.DONE;
    }
}
