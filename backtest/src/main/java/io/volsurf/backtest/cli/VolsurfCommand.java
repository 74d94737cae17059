package io.volsurf.backtest.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The top command: {@code ./volsurf <command>}. */
@Command(name = "volsurf", mixinStandardHelpOptions = true, versionProvider = VersionProvider.class,
        description = {
            "Implied volatility surfaces from option chains, next-day surface forecasts (DJL transformer with SVI and grid heads),",
            "QuantLib Greeks and delta / delta-gamma hedged backtests, with results in PostgreSQL.",
            "",
            "Run './volsurf <command> --help' for a command's options and an example."},
        commandListHeading = "%nCommands:%n",
        footer = {"", "Environment: VOLSURF_HOME (default ./.volsurf: embedded database, model cache, reports),",
            "             VOLSURF_DB_URL (a PostgreSQL server instead of the embedded one)."},
        subcommands = {
            InfoCommand.class,
            DemoCommand.class,
            IngestCommand.class,
            TrainCommand.class,
            EvaluateCommand.class,
            AblateCommand.class,
            ForecastCommand.class,
            BacktestCommand.class,
            ReportCommand.class,
            GreeksCommand.class,
            GenerateCommand.class,
            FitSviCommand.class,
            ArbitrageCheckCommand.class,
            ServeCommand.class,
            DbCommand.class,
            ExportCommand.class,
            CommandLine.HelpCommand.class
        })
public final class VolsurfCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** The command line with the application's conventions: exit codes, one-line errors. */
    public static CommandLine commandLine(CommandLine.IFactory factory) {
        CommandLine cl = new CommandLine(VolsurfCommand.class, factory);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        // Every LocalDate option (report --date, fit-svi --date, ...) checks the same bounds as DateRange.parse.
        cl.registerConverter(java.time.LocalDate.class, DateRange.CONVERTER);
        cl.setParameterExceptionHandler((ex, args) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("volsurf: " + ex.getMessage());
            c.getErr().println("Try './volsurf " + qualifiedName(c) + " --help'.");
            return 2;
        });
        cl.setExecutionExceptionHandler((ex, c, parseResult) -> {
            c.getErr().println("volsurf: " + describe(ex));
            if (parseResult.originalArgs().contains("--verbose") || parseResult.originalArgs().contains("-v")) {
                ex.printStackTrace(c.getErr());
            }
            return ex instanceof IllegalArgumentException ? 2 : 1;
        });
        return cl;
    }

    private static String qualifiedName(CommandLine c) {
        String name = c.getCommandSpec().qualifiedName(" ");
        return name.startsWith("volsurf ") ? name.substring("volsurf ".length()) : "";
    }

    private static String describe(Throwable ex) {
        String m = ex.getMessage();
        return m == null || m.isBlank() ? ex.getClass().getSimpleName() : m;
    }
}
