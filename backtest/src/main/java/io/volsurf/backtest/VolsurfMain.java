package io.volsurf.backtest;

import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.QuarkusApplication;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.volsurf.backtest.app.DatabaseStartup;
import io.volsurf.backtest.app.LaunchPlan;
import io.volsurf.backtest.cli.HelpWithoutBoot;
import io.volsurf.backtest.cli.VolsurfCommand;
import io.volsurf.db.DatabaseUnavailableException;
import jakarta.inject.Inject;
import picocli.CommandLine;

/**
 * Entry point of {@code ./volsurf}. Before Quarkus boots it decides, from the raw arguments, whether
 * the command needs the database (and then starts or reaches it and migrates the schema) and
 * whether it may open an HTTP listener (only {@code serve}); the rest is picocli.
 */
@QuarkusMain
public class VolsurfMain implements QuarkusApplication {

    @Inject
    CommandLine.IFactory factory;

    public static void main(String... args) {
        LaunchPlan plan = LaunchPlan.of(args, System.getenv());
        if (plan.help() && HelpWithoutBoot.print(args)) {
            System.exit(0);
        }
        configureBoot(plan);
        if (plan.opensListener()) {
            applyServePort(args);
        }
        DatabaseStartup db = null;
        if (plan.needsDatabase()) {
            try {
                db = DatabaseStartup.open(plan);
            } catch (DatabaseUnavailableException e) {
                System.err.println("volsurf: " + e.getMessage());
                System.exit(1);
            }
            db.exportToQuarkus();
        }
        final DatabaseStartup started = db;
        Quarkus.run(VolsurfMain.class, (code, failure) -> {
            if (failure != null) {
                System.err.println("volsurf: " + rootMessage(failure));
                if (plan.verbose()) {
                    failure.printStackTrace();
                }
            }
            if (started != null) {
                started.close();
            }
            System.exit(failure != null && code == 0 ? 1 : code);
        }, args);
    }

    @Override
    public int run(String... args) {
        return VolsurfCommand.commandLine(factory).execute(args);
    }

    /**
     * One PyTorch thread unless told otherwise ({@code -Dai.djl.pytorch.num_threads=N} in VOLSURF_JAVA_OPTS): the
     * forecaster's tensors are small, and a second intra-op thread spinning on a shared 2-core machine made training
     * and evaluation several times slower (ablate's default variant: minutes instead of 39 s). Read by DJL when the
     * engine loads, so set before anything touches it.
     */
    static void defaultPytorchThreads(java.util.Properties props) {
        props.putIfAbsent("ai.djl.pytorch.num_threads", "1");
        props.putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
    }

    /** System properties are read as Quarkus runtime configuration at boot. */
    static void configureBoot(LaunchPlan plan) {
        System.setProperty("volsurf.home", plan.home().toString());
        System.setProperty("ai.djl.offline", "true");
        defaultPytorchThreads(System.getProperties());
        if (System.getenv("ENGINE_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR", plan.home().resolve("djl").toString());
        }
        if (!plan.needsDatabase()) {
            // Nothing may connect, or even try to, for a command that has no use for a database.
            System.setProperty("quarkus.datasource.active", "false");
            System.setProperty("quarkus.hibernate-orm.active", "false");
        }
        if (!plan.opensListener()) {
            System.setProperty("quarkus.http.host-enabled", "false");
        }
        if (plan.verbose()) {
            System.setProperty("quarkus.log.level", "INFO");
            System.setProperty("quarkus.log.category.\"io.volsurf\".level", "DEBUG");
        }
    }

    /** {@code serve --port P}: the listener's port is boot configuration, so it is read before picocli parses. */
    static void applyServePort(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String value = args[i].equals("--port") && i + 1 < args.length ? args[i + 1]
                    : args[i].startsWith("--port=") ? args[i].substring("--port=".length()) : null;
            if (value != null && value.trim().matches("\\d{1,5}")) {
                System.setProperty("quarkus.http.port", value.trim());
            }
        }
    }

    private static String rootMessage(Throwable t) {
        Throwable c = t;
        while (c.getCause() != null && c.getCause() != c) {
            c = c.getCause();
        }
        return c.getMessage() == null ? c.toString() : c.getMessage();
    }
}
