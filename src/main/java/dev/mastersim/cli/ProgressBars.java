package dev.mastersim.cli;

import dev.mastersim.experiment.Progress;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.IntSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarConsumer;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * The progress bar on standard error while replications run: whether to draw it, and the bar (the
 * progressbar library) fed by an experiment's {@link Progress}. The bar never touches standard
 * output, and it is cleared before the results are printed.
 */
final class ProgressBars {
    private ProgressBars() {}

    /**
     * What the process runs in, as far as the bar cares.
     *
     * @param terminal whether standard error is a terminal
     * @param ci whether the environment variable {@code CI} is set
     * @param columns the terminal's width, asked only when a bar is drawn
     */
    record Console(boolean terminal, boolean ci, IntSupplier columns) {
        /** This process's standard error and environment. */
        static Console system() {
            return new Console(stderrIsTerminal(), System.getenv("CI") != null, ProgressBars::terminalColumns);
        }
    }

    /**
     * Whether to draw a bar: only when standard error is a terminal, and never under {@code --quiet},
     * with {@code --format json} (a script reads the output), or when {@code CI} is set (a build log).
     */
    static boolean show(boolean terminal, boolean quiet, String format, boolean ci) {
        return terminal && !quiet && !format.equals("json") && !ci;
    }

    /**
     * Whether standard error is a terminal. On Linux, whether file descriptor 2 is a terminal device;
     * elsewhere, whether the JVM has a console (standard input and output are terminals: Java 17 has
     * no test for standard error alone).
     */
    static boolean stderrIsTerminal() {
        try {
            String target = Files.readSymbolicLink(Path.of("/proc/self/fd/2")).toString();
            return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
        } catch (IOException | UnsupportedOperationException | SecurityException e) {
            return System.console() != null;
        }
    }

    /** The terminal's width less a margin, as the progressbar library measures it (JLine). */
    private static int terminalColumns() {
        return new ConsoleProgressBarConsumer(System.err).getMaxRenderedLength();
    }

    /**
     * A bar while it is open; {@link #NONE} draws nothing. Closing it clears the line, and returns only once
     * the line is clear: the results printed next never share the terminal with a frame.
     */
    static final class Bar implements AutoCloseable {
        static final Bar NONE = new Bar(null, null, Progress.NONE);

        private final ProgressBar bar;
        private final ErrConsumer consumer;
        private final Progress progress;

        private Bar(ProgressBar bar, ErrConsumer consumer, Progress progress) {
            this.bar = bar;
            this.consumer = consumer;
            this.progress = progress;
        }

        /** What the experiment reports to: {@code settings.withProgress(bar.progress())}. */
        Progress progress() {
            return progress;
        }

        /**
         * Stops the library's refresh and waits for its consumer's clear. The library clears from its refresh
         * thread; when that has not happened within {@link #CLEAR_WAIT_MILLIS} (a bar closed before its
         * first refresh is never cleared by the library), the line is cleared here. Frames arriving later
         * are dropped.
         */
        @Override
        public void close() {
            if (bar == null) {
                return;
            }
            bar.close();
            consumer.awaitClear(CLEAR_WAIT_MILLIS);
        }
    }

    /** How long closing a bar waits for the library's own clear before clearing the line itself. */
    static final long CLEAR_WAIT_MILLIS = 200;

    /**
     * Opens a bar named {@code task} on {@code err}, {@code columns} wide. Searches do not know their
     * total ({@code totalKnown} false): the total grows as they go, so no time left is shown.
     */
    static Bar open(PrintWriter err, int columns, String task, boolean totalKnown) {
        ErrConsumer consumer = new ErrConsumer(err, columns);
        ProgressBarBuilder b = new ProgressBarBuilder()
                .setTaskName(task)
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .continuousUpdate()
                .clearDisplayOnFinish()
                .setConsumer(consumer);
        if (!totalKnown) {
            b.hideEta();
        }
        ProgressBar bar = b.build();
        Progress progress = Progress.to((done, expected, message) -> {
            if (expected > 0) {
                bar.maxHint(expected);
            }
            bar.stepTo(done);
            bar.setExtraMessage(message);
        });
        return new Bar(bar, consumer, progress);
    }

    /** Draws on the command's standard error, each frame over the last ({@code \r}). */
    private static final class ErrConsumer implements ProgressBarConsumer {
        private final PrintWriter err;
        private final int columns;
        private final CountDownLatch clearedLatch = new CountDownLatch(1);
        private boolean cleared;

        ErrConsumer(PrintWriter err, int columns) {
            this.err = err;
            this.columns = Math.max(20, columns);
        }

        @Override
        public int getMaxRenderedLength() {
            return columns;
        }

        @Override
        public synchronized void accept(String rendered) {
            // the library's refresh thread can still deliver a frame while the bar closes: once the
            // line is cleared, later frames are dropped so nothing is left above the results
            if (cleared) {
                return;
            }
            String line = rendered.length() > columns ? rendered.substring(0, columns) : rendered;
            err.print('\r' + line);
            err.flush();
        }

        @Override
        public synchronized void clear() {
            if (cleared) {
                return;
            }
            err.print('\r' + " ".repeat(columns) + '\r');
            err.flush();
            cleared = true;
            clearedLatch.countDown();
        }

        @Override
        public synchronized void close() {
            if (!cleared) {
                err.println();
            }
            err.flush();
        }

        /** Waits up to {@code millis} for the library's clear, then clears the line itself if need be. */
        void awaitClear(long millis) {
            try {
                clearedLatch.await(millis, TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            clear();
        }
    }
}
