package io.volsurf.backtest.cli;

import java.io.PrintStream;
import java.time.Duration;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * A progress bar on stderr for long work (stdout stays clean for {@code --json}). Silent when
 * stderr is not a terminal and {@code VOLSURF_PROGRESS} is not set, so logs and CI stay readable.
 */
public final class Progress implements AutoCloseable {

    private final ProgressBar bar;

    private Progress(ProgressBar bar) {
        this.bar = bar;
    }

    public static Progress start(String task, long total) {
        boolean show = System.console() != null || "1".equals(System.getenv("VOLSURF_PROGRESS"));
        if (!show) {
            return new Progress(null);
        }
        PrintStream err = System.err;
        ProgressBar bar = new ProgressBarBuilder()
                .setTaskName(task)
                .setInitialMax(Math.max(total, 1))
                .setStyle(ProgressBarStyle.ASCII)
                .setUpdateIntervalMillis(250)
                .setMaxRenderedLength(100)
                .showSpeed()
                .setSpeedUnit(java.time.temporal.ChronoUnit.SECONDS)
                .setConsumer(new ConsoleProgressBarConsumer(err))
                .build();
        return new Progress(bar);
    }

    public void step(String extra) {
        if (bar != null) {
            bar.step();
            if (extra != null) {
                bar.setExtraMessage(extra);
            }
        }
    }

    public void stepTo(long n, String extra) {
        if (bar != null) {
            bar.stepTo(n);
            if (extra != null) {
                bar.setExtraMessage(extra);
            }
        }
    }

    /** A new extra message without moving the bar. */
    public void message(String extra) {
        if (bar != null) {
            bar.setExtraMessage(extra);
        }
    }

    /** This bar as an ingest run's progress: one step per file, named by the file. */
    public io.volsurf.backtest.ingest.IngestService.Progress perFile() {
        return (file, index, total) -> {
            maxHint(total);
            stepTo(index, file.getFileName().toString());
        };
    }

    public void maxHint(long max) {
        if (bar != null) {
            bar.maxHint(max);
        }
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }

    static String seconds(Duration d) {
        return String.format(java.util.Locale.ROOT, "%.1f s", d.toMillis() / 1000.0);
    }
}
