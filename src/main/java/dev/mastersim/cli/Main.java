package dev.mastersim.cli;

/** The entry point: hands the arguments to the top command and exits with its code. */
public final class Main {
    private Main() {}

    public static void main(String[] args) {
        System.exit(Mastersim.commandLine().execute(args));
    }
}
