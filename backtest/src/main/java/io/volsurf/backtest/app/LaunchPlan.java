package io.volsurf.backtest.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What a command line needs before Quarkus boots: which command runs, whether it needs the
 * database, where that database is, and how loud the logging is. Decided from the raw arguments
 * because the datasource and the HTTP listener are configured at boot, before picocli parses.
 */
public record LaunchPlan(String command, boolean help, boolean needsDatabase, String dbUrl, boolean verbose,
        boolean opensListener, Path home) {

    /** Commands that read or write the database. */
    public static final Set<String> DATABASE_COMMANDS =
            Set.of("demo", "ingest", "train", "evaluate", "forecast", "backtest", "report", "serve", "ablate",
                    "export");

    public static LaunchPlan of(String[] args, Map<String, String> env) {
        String command = null;
        boolean help = false;
        boolean verbose = false;
        String dbUrl = blankToNull(env.get("VOLSURF_DB_URL"));
        List<String> list = List.of(args);
        for (int i = 0; i < list.size(); i++) {
            String a = list.get(i);
            if (a.equals("--help") || a.equals("-h") || a.equals("help") && command == null) {
                help = true;
            } else if (a.equals("--verbose") || a.equals("-v")) {
                verbose = true;
            } else if (a.equals("--db-url") && i + 1 < list.size()) {
                dbUrl = list.get(++i);
            } else if (a.startsWith("--db-url=")) {
                dbUrl = a.substring("--db-url=".length());
            } else if (command == null && !a.startsWith("-")) {
                command = a;
            }
        }
        boolean needsDb = !help && command != null && DATABASE_COMMANDS.contains(command);
        boolean listener = !help && "serve".equals(command);
        return new LaunchPlan(command, help, needsDb, dbUrl, verbose, listener, home(env));
    }

    /** {@code VOLSURF_HOME}, default {@code ./.volsurf}. */
    public static Path home(Map<String, String> env) {
        String h = blankToNull(env.get("VOLSURF_HOME"));
        return Path.of(h == null ? ".volsurf" : h).toAbsolutePath().normalize();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }
}
