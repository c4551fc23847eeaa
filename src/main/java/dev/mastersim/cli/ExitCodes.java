package dev.mastersim.cli;

/** The exit codes of CONTRACT §2. */
public final class ExitCodes {
    private ExitCodes() {}

    public static final int DONE = 0;
    public static final int FAILED = 1;
    public static final int BAD_COMMAND_LINE = 2;
    public static final int INVALID_SCENARIO = 3;
    /** {@code forecast --fail-within N}: the first saturated (or undecided) month is within N months. */
    public static final int SATURATES_WITHIN = 4;
}
