package dev.mastersim.spark;

import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.spark.executor.TaskMetrics;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.SparkListenerTaskEnd;

/**
 * What the round trips of one command cost, from Spark's own clocks and metrics: the jobs (one per
 * step of a search), their total length as the driver waited for them, the tasks (one per unit), the
 * time the executors spent running units, and the summaries' size. Printed on standard error after
 * the command; never part of its outputs.
 */
final class JobTally extends SparkListener {
    private final AtomicLong jobs = new AtomicLong();
    private final AtomicLong jobMillis = new AtomicLong();
    private final AtomicLong tasks = new AtomicLong();
    private final AtomicLong runMillis = new AtomicLong();
    private final AtomicLong resultBytes = new AtomicLong();

    @Override
    public void onJobStart(SparkListenerJobStart start) {
        jobs.incrementAndGet();
        jobMillis.addAndGet(-start.time());
    }

    @Override
    public void onJobEnd(SparkListenerJobEnd end) {
        jobMillis.addAndGet(end.time());
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd end) {
        tasks.incrementAndGet();
        TaskMetrics m = end.taskMetrics();
        if (m != null) {
            runMillis.addAndGet(m.executorRunTime());
            resultBytes.addAndGet(m.resultSize());
        }
    }

    /** One line: jobs, their total length, tasks, executor run time, result bytes. */
    String summary() {
        long t = Math.max(1, tasks.get());
        return String.format(
                Locale.ROOT,
                "spark: %d jobs (round trips) taking %.1f s in all; %d tasks (units) running %.1f s on executors"
                        + " (%.3f s a unit); summaries %d bytes (%d a unit)",
                jobs.get(),
                jobMillis.get() / 1e3,
                tasks.get(),
                runMillis.get() / 1e3,
                runMillis.get() / 1e3 / t,
                resultBytes.get(),
                resultBytes.get() / t);
    }
}
