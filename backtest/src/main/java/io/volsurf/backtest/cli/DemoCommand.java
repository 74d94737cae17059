package io.volsurf.backtest.cli;

import io.volsurf.backtest.app.DatabaseStatus;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./volsurf demo}: the whole pipeline on a generated market, on the embedded database. */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "End to end on a generated market, on the embedded database: ingest, train a small model, "
                + "evaluate, backtest, report.",
        footer = {"", "Example:", "  ./volsurf demo", "  VOLSURF_HOME=/tmp/vs ./volsurf demo --json"})
public final class DemoCommand implements Runnable {

    @Mixin
    CommonOptions common;

    private final DatabaseStatus database;

    public DemoCommand(DatabaseStatus database) {
        this.database = database;
    }

    @Override
    public void run() {
        Output out = new Output(common.json);
        Map<String, Object> result = new LinkedHashMap<>();
        Map<String, Object> db = database.describe();
        result.put("database", db);
        out.line("volsurf demo");
        out.linef("  database       %s (schema version %s)", db.get("url"), db.get("schemaVersion"));
        out.linef("  tables         %s", db.get("tables"));
        out.document(result);
    }
}
