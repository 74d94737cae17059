package io.volsurf.backtest.cli;

import picocli.CommandLine.Option;

/**
 * Options every command takes. {@code --db-url} and {@code --verbose} are also read before Quarkus
 * boots (see {@code LaunchPlan}); they are declared here so that picocli accepts them and documents them.
 */
public final class CommonOptions {

    @Option(names = "--json", description = "Print one JSON document on stdout instead of tables.")
    public boolean json;

    @Option(names = {"-v", "--verbose"}, description = "Log more (INFO, and DEBUG for volsurf).")
    public boolean verbose;

    @Option(names = "--db-url", paramLabel = "URL",
            description = "PostgreSQL server to use instead of the embedded one, e.g. "
                    + "postgresql://postgres@127.0.0.1:5432/volsurf (also VOLSURF_DB_URL).")
    public String dbUrl;
}
