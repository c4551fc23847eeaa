package dev.mastersim.cli;

import dev.mastersim.calibrate.Calibration;
import dev.mastersim.calibrate.Workload;
import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/** The database options of calibrate and validate; a password is never an argument. */
final class DatabaseOptions {
    @Option(
            names = "--jdbc-url",
            paramLabel = "U",
            description = "The database (default: a new embedded H2 file database, deleted afterwards).")
    String jdbcUrl;

    @Option(names = "--user", paramLabel = "U", description = "The database user.")
    String user;

    @Option(
            names = "--password-env",
            paramLabel = "VAR",
            description = "The environment variable that holds the password.")
    String passwordEnv;

    /** The settings, or a bad-command-line error when the password variable is not set. */
    Calibration.Settings settings(CommandSpec spec, Workload w, boolean keep) {
        return settings(spec, w, keep, jdbcUrl, user, passwordEnv);
    }

    /** As {@link #settings(CommandSpec, Workload, boolean)}, the command line's values before {@code recorded*}. */
    Calibration.Settings settings(
            CommandSpec spec, Workload w, boolean keep, String recordedUrl, String recordedUser, String recordedEnv) {
        String url = jdbcUrl != null ? jdbcUrl : recordedUrl;
        String u = user != null ? user : recordedUser;
        String env = passwordEnv != null ? passwordEnv : recordedEnv;
        String password = null;
        if (env != null) {
            password = System.getenv(env);
            if (password == null) {
                throw new CommandLine.ParameterException(
                        spec.commandLine(), "--password-env: the environment variable " + env + " is not set");
            }
        }
        return new Calibration.Settings(url, u, password, env, w, keep);
    }
}
