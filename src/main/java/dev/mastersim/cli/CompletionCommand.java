package dev.mastersim.cli;

import java.util.concurrent.Callable;
import picocli.AutoComplete;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code mastersim completion}: a bash completion script (zsh loads it through bashcompinit). */
@Command(
        name = "completion",
        mixinStandardHelpOptions = true,
        header = "Print a bash/zsh completion script for mastersim.",
        description = {
            "bash: source <(mastersim completion), or save it as ~/.local/share/bash-completion/completions/mastersim.",
            "zsh: autoload -U +X bashcompinit && bashcompinit, then source <(mastersim completion)."
        })
final class CompletionCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine()
                .getOut()
                .print(AutoComplete.bash("mastersim", spec.root().commandLine()));
        spec.commandLine().getOut().flush();
        return ExitCodes.DONE;
    }
}
