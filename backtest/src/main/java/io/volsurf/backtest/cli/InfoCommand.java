package io.volsurf.backtest.cli;

import io.volsurf.backtest.app.RuntimeInfo;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code ./volsurf info}: versions and paths in use. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Versions and paths: Java, DJL and PyTorch, QuantLib (through the binding), PostgreSQL, VOLSURF_HOME.",
        footer = {"", "Example:", "  ./volsurf info", "  ./volsurf info --json --db-url postgresql://postgres@127.0.0.1:5432/postgres"})
public final class InfoCommand implements Runnable {

    @Mixin
    CommonOptions common;

    private final RuntimeInfo runtimeInfo;

    public InfoCommand(RuntimeInfo runtimeInfo) {
        this.runtimeInfo = runtimeInfo;
    }

    @Override
    public void run() {
        Output out = new Output(common.json);
        Map<String, Object> info = runtimeInfo.collect(common.dbUrl);
        out.document(info);
        if (!out.json()) {
            info.forEach((section, value) -> {
                if (value instanceof Map<?, ?> m) {
                    out.line(section + ":");
                    m.forEach((k, v) -> out.linef("  %-16s %s", k, v));
                } else {
                    out.linef("%-18s %s", section, value);
                }
            });
        }
    }
}
