package io.volsurf.spark;

import java.io.PrintStream;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerStageCompleted;
import org.apache.spark.scheduler.SparkListenerStageSubmitted;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.scheduler.StageInfo;

/**
 * Driver-side progress: one line when a stage starts, at most one a second while its tasks finish, one when
 * it ends (with failed tasks, which Spark retries). Runs on Spark's listener-bus thread.
 */
final class StageProgress extends SparkListener {

    private final JavaSparkContext jsc;
    private final PrintStream out;
    private final Map<Integer, AtomicInteger> done = new ConcurrentHashMap<>();
    private final Map<Integer, Integer> total = new ConcurrentHashMap<>();
    private final Map<Integer, Long> startedNanos = new ConcurrentHashMap<>();
    private final Map<Integer, String> names = new ConcurrentHashMap<>();
    private volatile long lastPrint;

    private StageProgress(JavaSparkContext jsc, PrintStream out) {
        this.jsc = jsc;
        this.out = out;
    }

    static StageProgress attach(JavaSparkContext jsc, PrintStream out) {
        StageProgress p = new StageProgress(jsc, out);
        jsc.sc().addSparkListener(p);
        return p;
    }

    void detach() {
        jsc.sc().removeSparkListener(this);
    }

    @Override
    public void onStageSubmitted(SparkListenerStageSubmitted event) {
        StageInfo s = event.stageInfo();
        done.put(s.stageId(), new AtomicInteger());
        total.put(s.stageId(), s.numTasks());
        startedNanos.put(s.stageId(), System.nanoTime());
        // The job description (set by the job for each stage) says what the stage does; the call site does not.
        String job = event.properties() == null ? null : event.properties().getProperty("spark.job.description");
        names.put(s.stageId(), job == null ? s.name() : job);
        out.println("stage " + s.stageId() + " started: " + description(s) + " (" + s.numTasks() + " tasks)");
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd event) {
        AtomicInteger n = done.get(event.stageId());
        if (n == null || !event.taskInfo().successful()) {
            return;
        }
        int finished = n.incrementAndGet();
        long now = System.nanoTime();
        if (now - lastPrint > 1_000_000_000L) {
            lastPrint = now;
            out.println("stage " + event.stageId() + ": " + finished + "/" + total.get(event.stageId()) + " tasks");
        }
    }

    @Override
    public void onStageCompleted(SparkListenerStageCompleted event) {
        StageInfo s = event.stageInfo();
        Long t0 = startedNanos.remove(s.stageId());
        double seconds = t0 == null ? Double.NaN : (System.nanoTime() - t0) / 1e9;
        String failure = s.failureReason().isDefined() ? ", failed: " + s.failureReason().get() : "";
        // One println, not printf: Spark's log lines must not land inside it.
        out.println(String.format("stage %d done: %s, %d tasks in %.1f s%s", s.stageId(), description(s),
                s.numTasks(), seconds, failure));
        done.remove(s.stageId());
        total.remove(s.stageId());
        names.remove(s.stageId());
    }

    private String description(StageInfo s) {
        return names.getOrDefault(s.stageId(), s.name());
    }
}
