package io.volsurf.backtest.cli;

import io.volsurf.backtest.app.LaunchPlan;
import io.volsurf.db.embedded.EmbeddedDatabase;
import io.volsurf.db.embedded.ServerUsers;
import io.volsurf.db.schema.SchemaMigrator;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ./volsurf db start|stop|status|url|psql}: the embedded PostgreSQL under {@code VOLSURF_HOME} as a service
 * for SQL clients (psql, pandas, notebooks) without keeping {@code serve} running.
 */
@Command(name = "db", mixinStandardHelpOptions = true,
        description = {
            "The embedded PostgreSQL under VOLSURF_HOME as a service for SQL clients.",
            "",
            "Without 'db start', the first volsurf command that needs the database starts it and the last one to "
                    + "finish stops it. 'db start' keeps it running between commands (each command then starts "
                    + "faster) and for psql, pandas or notebooks, until 'db stop'.",
            "",
            "Every connection needs the password of the 'postgres' role, generated at the first start into "
                    + "VOLSURF_HOME/db-password (mode 0600: only you can read it); the server listens on 127.0.0.1 "
                    + "only."},
        subcommands = {DbCommand.Start.class, DbCommand.Stop.class, DbCommand.Status.class, DbCommand.Url.class,
            DbCommand.Psql.class},
        footer = {"", "Example:", "  ./volsurf db start", "  ./volsurf db psql -- -c 'select * from run_summary'",
            "  python -c \"import pandas, sqlalchemy; print(pandas.read_sql('select * from run_summary', "
                    + "sqlalchemy.create_engine('$(./volsurf db url)')))\"",
            "  ./volsurf db stop"})
public final class DbCommand implements Runnable {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(System.out);
    }

    /** {@code VOLSURF_HOME}, as the launcher resolved it. */
    static Path home() {
        String fromLauncher = System.getProperty("volsurf.home");
        return fromLauncher != null ? Path.of(fromLauncher) : LaunchPlan.home(System.getenv());
    }

    /** --db-url points the other commands elsewhere: say so, since db acts on the embedded server only. */
    static void noteExternalServer(CommonOptions common, Output out) {
        String url = common.dbUrl != null ? common.dbUrl : System.getenv("VOLSURF_DB_URL");
        if (url != null && !url.isBlank()) {
            out.err().println("volsurf: note: --db-url / VOLSURF_DB_URL is set, so other commands use that server; "
                    + "'db' acts on the embedded one under " + home());
        }
    }

    static Map<String, Object> users(List<ServerUsers.User> users) {
        Map<String, Object> m = new LinkedHashMap<>();
        List<Map<String, Object>> list = new ArrayList<>();
        for (ServerUsers.User u : users) {
            Map<String, Object> one = new LinkedHashMap<>();
            one.put("pid", u.pid());
            one.put("command", u.command());
            one.put("since", u.since().toString());
            list.add(one);
        }
        m.put("users", list);
        return m;
    }

    @Command(name = "start", mixinStandardHelpOptions = true,
            description = {"Starts the embedded PostgreSQL as a service that outlives this command.",
                "Or makes the running one a service; creates the 'volsurf' database and brings its schema up to "
                        + "date. It keeps running until './volsurf db stop'."},
            footer = {"", "Example:", "  ./volsurf db start && ./volsurf db url"})
    static final class Start implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--port", paramLabel = "P", defaultValue = "54329",
                description = "Port on 127.0.0.1 when the server is not running yet (default ${DEFAULT-VALUE}; "
                        + "a free one if taken). A running server keeps its port.")
        int port;

        @Override
        public Integer call() {
            Output out = new Output(common.json);
            if (port < 0 || port > 65535) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--port " + port
                        + ": not a port (0..65535; 0 takes a free one)");
            }
            noteExternalServer(common, out);
            Path home = home();
            boolean wasRunning = EmbeddedDatabase.status(home).running();
            String schema;
            int actualPort;
            try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, port, "db start")) {
                db.markAsService();
                schema = new SchemaMigrator(db.target()).migrate();
                actualPort = db.port();
            }
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("running", true);
            doc.put("service", true);
            doc.put("alreadyRunning", wasRunning);
            doc.put("port", actualPort);
            doc.put("database", EmbeddedDatabase.DATABASE);
            doc.put("schemaVersion", schema);
            doc.put("dataDirectory", home.resolve("pgdata").toString());
            doc.put("passwordFile", home.resolve("db-password").toString());
            out.document(doc);
            out.linef("embedded PostgreSQL %s as a service on 127.0.0.1:%d (database %s, schema %s, data %s)",
                    wasRunning ? "was running; now runs" : "started", actualPort, EmbeddedDatabase.DATABASE, schema,
                    home.resolve("pgdata"));
            out.line("connect:  ./volsurf db psql    or any client with the URL of  ./volsurf db url");
            out.line("stop:     ./volsurf db stop");
            return 0;
        }
    }

    @Command(name = "stop", mixinStandardHelpOptions = true,
            description = {"Ends the service started by 'db start', and stops the server.",
                "With no volsurf command using the server it stops now; while commands use it (a serve, an ingest) "
                        + "it keeps running for them and stops when the last one finishes, unless --force, which "
                        + "stops it now and ends their sessions (they fail)."},
            footer = {"", "Example:", "  ./volsurf db stop", "  ./volsurf db stop --force --json"})
    static final class Stop implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--force", description = "Stop now even while volsurf commands use the server (they fail).")
        boolean force;

        @Override
        public Integer call() {
            Output out = new Output(common.json);
            noteExternalServer(common, out);
            EmbeddedDatabase.StopResult r = EmbeddedDatabase.stopService(home(), force);
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("wasRunning", r.wasRunning());
            doc.put("stopped", r.stopped());
            doc.put("running", r.wasRunning() && !r.stopped());
            doc.putAll(users(r.users()));
            out.document(doc);
            if (!r.wasRunning()) {
                out.line("the embedded PostgreSQL was not running");
            } else if (r.stopped()) {
                out.line(r.users().isEmpty() ? "embedded PostgreSQL stopped"
                        : "embedded PostgreSQL stopped (--force: the sessions of " + r.users().size()
                                + " volsurf process(es) were ended)");
            } else {
                out.line("no longer a service, but " + r.users().size() + " volsurf process(es) use it: it stops when "
                        + "the last finishes (--force stops it now)");
                r.users().forEach(u -> out.linef("  pid %-8d since %s  %s", u.pid(), u.since(), u.command()));
            }
            return 0;
        }
    }

    @Command(name = "status", mixinStandardHelpOptions = true,
            description = {"Whether the embedded PostgreSQL runs, its port, users, data and password file.",
                "Says whether it runs as a service or for which volsurf processes, and where its data, password "
                        + "file and log are. Exit code 0 when it runs, 3 when not (as pg_ctl status)."},
            footer = {"", "Example:", "  ./volsurf db status", "  ./volsurf db status --json"})
    static final class Status implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Override
        public Integer call() {
            Output out = new Output(common.json);
            noteExternalServer(common, out);
            EmbeddedDatabase.Status s = EmbeddedDatabase.status(home());
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("running", s.running());
            doc.put("port", s.port());
            doc.put("pid", s.pid());
            doc.put("service", s.service());
            doc.putAll(users(s.users()));
            doc.put("database", EmbeddedDatabase.DATABASE);
            doc.put("user", EmbeddedDatabase.SUPERUSER);
            doc.put("auth", EmbeddedDatabase.AUTH_METHOD);
            doc.put("dataDirectory", s.dataDirectory().toString());
            doc.put("passwordFile", s.passwordFile().toString());
            doc.put("log", s.log().toString());
            out.document(doc);
            if (s.running()) {
                out.linef("running     yes, 127.0.0.1:%d (pid %d), %s", s.port(), s.pid(),
                        s.service() ? "as a service (until './volsurf db stop')"
                                : "for volsurf commands (stops when the last finishes)");
            } else {
                out.line("running     no ('./volsurf db start' starts it as a service; commands start it as needed)");
            }
            out.linef("users       %d volsurf process(es)", s.users().size());
            s.users().forEach(u -> out.linef("            pid %-8d since %s  %s", u.pid(), u.since(), u.command()));
            out.linef("database    %s, user %s, %s password in %s", EmbeddedDatabase.DATABASE,
                    EmbeddedDatabase.SUPERUSER, EmbeddedDatabase.AUTH_METHOD, s.passwordFile());
            out.linef("data        %s", s.dataDirectory());
            out.linef("log         %s", s.log());
            return s.running() ? 0 : 3;
        }
    }

    @Command(name = "url", mixinStandardHelpOptions = true,
            description = {"Prints the running server's connection URL, password included, for SQL clients.",
                "postgresql://postgres:PASSWORD@127.0.0.1:PORT/volsurf (libpq, psql, SQLAlchemy with psycopg), or "
                        + "with --jdbc a JDBC URL. Only you can read the password file, so only you get the URL. "
                        + "The port is chosen when the server starts: run 'db start' first (exit code 1 when it is "
                        + "not running)."},
            footer = {"", "Example:", "  psql \"$(./volsurf db url)\" -c 'select * from run_summary'",
                "  ./volsurf db url --jdbc"})
    static final class Url implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Option(names = "--jdbc", description = "Print jdbc:postgresql://127.0.0.1:PORT/volsurf?user=...&password=...")
        boolean jdbc;

        @Override
        public Integer call() throws Exception {
            Output out = new Output(common.json);
            noteExternalServer(common, out);
            Path home = home();
            EmbeddedDatabase.Status s = EmbeddedDatabase.status(home);
            if (!s.running()) {
                out.error("the embedded PostgreSQL under " + home + " is not running: start it with "
                        + "'./volsurf db start' (its port is chosen when it starts)");
                return 1;
            }
            String password = Files.readString(s.passwordFile()).strip();
            String encoded = java.net.URLEncoder.encode(password, java.nio.charset.StandardCharsets.UTF_8);
            String url = "postgresql://" + EmbeddedDatabase.SUPERUSER + ":" + encoded + "@127.0.0.1:" + s.port() + "/"
                    + EmbeddedDatabase.DATABASE;
            String jdbcUrl = "jdbc:postgresql://127.0.0.1:" + s.port() + "/" + EmbeddedDatabase.DATABASE + "?user="
                    + EmbeddedDatabase.SUPERUSER + "&password=" + encoded;
            Map<String, Object> doc = new LinkedHashMap<>();
            doc.put("url", url);
            doc.put("jdbcUrl", jdbcUrl);
            doc.put("host", "127.0.0.1");
            doc.put("port", s.port());
            doc.put("database", EmbeddedDatabase.DATABASE);
            doc.put("user", EmbeddedDatabase.SUPERUSER);
            doc.put("password", password);
            doc.put("passwordFile", s.passwordFile().toString());
            out.document(doc);
            out.line(jdbc ? jdbcUrl : url);
            return 0;
        }
    }

    @Command(name = "psql", mixinStandardHelpOptions = true,
            description = {"Runs psql on the embedded database, connection and password set.",
                "Sets PGHOST, PGPORT, PGUSER, PGDATABASE and PGPASSWORD (from VOLSURF_HOME/db-password). Starts the "
                        + "server for the session when it is not running, and stops it afterwards unless it is a "
                        + "service or other commands use it. Arguments after -- go to psql. Needs psql on PATH "
                        + "(Debian/Ubuntu: apt-get install postgresql-client; macOS: brew install libpq); any other "
                        + "client can use './volsurf db url'. Exit code: psql's."},
            footer = {"", "Example:", "  ./volsurf db psql", "  ./volsurf db psql -- -c 'select * from run_summary'"})
    static final class Psql implements Callable<Integer> {
        @Mixin
        CommonOptions common;

        @Parameters(paramLabel = "PSQL_ARG", description = "Arguments for psql (after --).")
        List<String> psqlArgs = new ArrayList<>();

        @Override
        public Integer call() throws Exception {
            Output out = new Output(false);
            noteExternalServer(common, out);
            Path psql = onPath("psql");
            if (psql == null) {
                out.error("psql is not on PATH: install the PostgreSQL client (Debian/Ubuntu: apt-get install "
                        + "postgresql-client; Fedora: dnf install postgresql; macOS: brew install libpq), or connect "
                        + "any SQL client with the URL of './volsurf db url' after './volsurf db start'");
                return 1;
            }
            try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home(), EmbeddedDatabase.PREFERRED_PORT,
                    "db psql")) {
                List<String> cmd = new ArrayList<>();
                cmd.add(psql.toString());
                cmd.addAll(psqlArgs);
                ProcessBuilder pb = new ProcessBuilder(cmd).inheritIO();
                pb.environment().put("PGHOST", "127.0.0.1");
                pb.environment().put("PGPORT", String.valueOf(db.port()));
                pb.environment().put("PGUSER", EmbeddedDatabase.SUPERUSER);
                pb.environment().put("PGDATABASE", EmbeddedDatabase.DATABASE);
                // the environment of a process is readable by its owner only (/proc/PID/environ is 0400)
                pb.environment().put("PGPASSWORD", db.target().password());
                pb.environment().remove("PGPASSFILE");
                pb.environment().remove("PGSERVICE");
                return pb.start().waitFor();
            }
        }

        static Path onPath(String program) {
            String path = System.getenv("PATH");
            if (path == null) {
                return null;
            }
            for (String dir : path.split(File.pathSeparator)) {
                Path p = Path.of(dir.isEmpty() ? "." : dir, program);
                if (Files.isRegularFile(p) && Files.isExecutable(p)) {
                    return p;
                }
            }
            return null;
        }
    }
}
