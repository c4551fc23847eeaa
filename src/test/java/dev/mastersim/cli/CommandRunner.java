package dev.mastersim.cli;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine;

/** Runs the command line in-process, capturing standard output and error, for tests. */
final class CommandRunner {
    /** A scenario that simulates in well under a second. */
    static final String SMALL =
            """
            version: 1
            name: small
            traffic: {rate: 50}
            requests:
              - {name: read, share: 100%, reads: 1}
            run: {duration: 5s, warmup: 1s, replications: 2}
            """;

    final StringWriter out = new StringWriter();
    final StringWriter err = new StringWriter();

    /** The exit code of {@code mastersim ARGS}. */
    int run(String... args) {
        return runIn(Mastersim.commandLine(), args);
    }

    /** The exit code of {@code args} on the given command line. */
    int runIn(CommandLine cl, String... args) {
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        return cl.execute(args);
    }

    String out() {
        return out.toString();
    }

    String err() {
        return err.toString();
    }

    void clear() {
        out.getBuffer().setLength(0);
        err.getBuffer().setLength(0);
    }

    /** Writes {@code text} as {@code s.yaml} in {@code dir}. */
    static Path scenario(Path dir, String text) throws Exception {
        return Files.writeString(dir.resolve("s.yaml"), text);
    }
}
