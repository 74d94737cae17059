package io.volsurf.backtest.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.backtest.app.Json;
import java.io.PrintStream;

/**
 * Where a command's results go: human-readable text, or with {@code --json} exactly one JSON
 * document on stdout. Progress and errors go to stderr so that stdout stays parseable.
 */
public final class Output {

    private final boolean json;
    private final PrintStream out;
    private final PrintStream err;

    public Output(boolean json) {
        this(json, System.out, System.err);
    }

    public Output(boolean json, PrintStream out, PrintStream err) {
        this.json = json;
        this.out = out;
        this.err = err;
    }

    public boolean json() {
        return json;
    }

    /** A line of human-readable output; suppressed under {@code --json}. */
    public void line(String text) {
        if (!json) {
            out.println(text);
        }
    }

    /** A formatted line of human-readable output; suppressed under {@code --json}. */
    public void linef(String format, Object... args) {
        line(String.format(java.util.Locale.ROOT, format, args));
    }

    /** The command's JSON document (printed only under {@code --json}). */
    public void document(Object value) {
        if (json) {
            out.println(toJson(value));
        }
    }

    /** One JSON object per line, for batch output. */
    public void jsonLine(Object value) {
        out.println(toJson(value));
    }

    public void error(String message) {
        err.println("volsurf: " + message);
    }

    public PrintStream err() {
        return err;
    }

    public PrintStream out() {
        return out;
    }

    /** The value as JSON, as {@link Json} writes every document. */
    public static String toJson(Object value) {
        return Json.toJson(value);
    }

    public static ObjectMapper mapper() {
        return Json.mapper();
    }
}
