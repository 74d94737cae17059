package io.volsurf.db.embedded;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.DatabaseUnavailableException;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The embedded PostgreSQL (zonky's binaries, PostgreSQL 17) whose data lives under {@code VOLSURF_HOME/pgdata}, so
 * results survive between runs.
 *
 * <p><b>Shared lifetime.</b> The server lives as long as any volsurf process uses it: each handle holds a lease
 * ({@link ServerUsers}); the first process starts the server, later ones join it, and whichever process leaves last
 * stops it, unless {@code db start} made it a service. A server whose processes were all killed (an orphan) is joined
 * by the next process and stopped when that one leaves. Starting, joining, leaving and stopping are serialised by
 * an exclusive lock on {@code VOLSURF_HOME/pgdata.lock}, so no process joins a server another is stopping.
 *
 * <p><b>Security.</b> Every connection needs the password of the {@code postgres} role (scram-sha-256), generated
 * into {@code VOLSURF_HOME/db-password} (0600); the server listens on 127.0.0.1 only and has no Unix socket; fsync
 * is on. A data directory made by an older volsurf (trust for every local user) is upgraded on its next start.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "volsurf";
    public static final String SUPERUSER = "postgres";
    public static final int PREFERRED_PORT = 54329;
    public static final String BINARIES_VERSION = "17.5.0";
    public static final String AUTH_METHOD = "scram-sha-256";

    /** Written over whatever {@code initdb} or an older volsurf left: a password for every connection. */
    static final String PG_HBA = """
            # Written by volsurf: every connection needs the postgres password (VOLSURF_HOME/db-password).
            # TYPE  DATABASE  USER  ADDRESS       METHOD
            local   all       all                 scram-sha-256
            host    all       all   127.0.0.1/32  scram-sha-256
            host    all       all   ::1/128       scram-sha-256
            """;

    /** Server settings on the command line (they win over postgresql.conf). fsync stays at its default, on. */
    private static final String SERVER_OPTIONS =
            "-c listen_addresses=127.0.0.1 -c unix_socket_directories='' -c max_connections=60 -c timezone=UTC";

    /** Serialises this JVM's use of the startup lock and lease probing (file locks are per process, not thread). */
    private static final Object JVM_LOCK = new Object();

    private final DatabaseHome home;
    private final int port;
    private final String password;
    private final ServerUsers.Lease lease;
    private final AtomicBoolean closed = new AtomicBoolean();
    private final Thread shutdownHook;

    private EmbeddedDatabase(DatabaseHome home, int port, String password, ServerUsers.Lease lease) {
        this.home = home;
        this.port = port;
        this.password = password;
        this.lease = lease;
        this.shutdownHook = new Thread(this::close, "volsurf-embedded-postgres-leave");
        Runtime.getRuntime().addShutdownHook(shutdownHook);
    }

    /** Starts the embedded server under {@code home}, or joins the one already running there. */
    public static EmbeddedDatabase startOrJoin(Path home) {
        return startOrJoin(home, PREFERRED_PORT, commandOfThisProcess());
    }

    /**
     * As {@link #startOrJoin(Path)}, preferring {@code preferredPort} when it is free; 0 takes any free port (tests,
     * so that they never meet a user's running server).
     */
    public static EmbeddedDatabase startOrJoin(Path home, int preferredPort) {
        return startOrJoin(home, preferredPort, commandOfThisProcess());
    }

    /** As {@link #startOrJoin(Path, int)}; {@code command} names this user in {@code db status}. */
    public static EmbeddedDatabase startOrJoin(Path root, int preferredPort, String command) {
        DatabaseHome home = new DatabaseHome(root);
        try {
            home.secure();
            synchronized (JVM_LOCK) {
                try (StartupLock ignored = StartupLock.acquire(home)) {
                    ServerUsers.Lease lease = ServerUsers.take(home, command);
                    try {
                        Server server = ensureRunning(home, preferredPort);
                        EmbeddedDatabase db = new EmbeddedDatabase(home, server.port(), server.password(), lease);
                        db.createDatabaseIfMissing();
                        return db;
                    } catch (IOException | RuntimeException e) {
                        lease.release();
                        throw e;
                    }
                }
            }
        } catch (DatabaseUnavailableException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + home.dataDirectory() + ": "
                    + e.getMessage() + " (check free disk space and permissions, or pass --db-url to use a server)", e);
        }
    }

    /**
     * Starts the server (or takes the running one) as a service: it keeps running when the last volsurf process
     * leaves, until {@link #stopService}. Returns the port.
     */
    public static int startService(Path root, int preferredPort) {
        try (EmbeddedDatabase db = startOrJoin(root, preferredPort, "db start")) {
            db.markAsService();
            return db.port();
        }
    }

    /** What {@link #stopService} did. */
    public record StopResult(boolean wasRunning, boolean stopped, List<ServerUsers.User> users) {
    }

    /**
     * Ends the service: the server no longer outlives its users. With no volsurf process using it (or with
     * {@code force}, which ends their sessions) it stops now; otherwise it stops when the last of them leaves.
     */
    public static StopResult stopService(Path root, boolean force) {
        DatabaseHome home = new DatabaseHome(root);
        try {
            synchronized (JVM_LOCK) {
                if (!Files.isDirectory(home.root())) {
                    return new StopResult(false, false, List.of());
                }
                try (StartupLock ignored = StartupLock.acquire(home)) {
                    Files.deleteIfExists(home.serviceMark());
                    List<ServerUsers.User> users = ServerUsers.live(home, null);
                    if (postmasterPid(home).isEmpty()) {
                        return new StopResult(false, false, users);
                    }
                    if (!users.isEmpty() && !force) {
                        return new StopResult(true, false, users);
                    }
                    stopServer(home);
                    return new StopResult(true, true, users);
                }
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot stop the embedded PostgreSQL in " + home.dataDirectory() + ": "
                    + e.getMessage(), e);
        }
    }

    /** The server of a home as {@code db status} and {@code info} show it; reads, starts nothing. */
    public record Status(boolean running, Integer port, Long pid, boolean service, List<ServerUsers.User> users,
            Path dataDirectory, Path passwordFile, Path log) {
    }

    public static Status status(Path root) {
        DatabaseHome home = new DatabaseHome(root);
        synchronized (JVM_LOCK) {
            List<ServerUsers.User> users;
            try {
                users = ServerUsers.live(home, null);
            } catch (IOException e) {
                users = List.of();
            }
            Optional<Integer> port = runningPort(root);
            Optional<Long> pid = port.isPresent() ? postmasterPid(home) : Optional.empty();
            return new Status(port.isPresent(), port.orElse(null), pid.orElse(null), port.isPresent() && isService(home),
                    users, home.dataDirectory(), home.passwordFile(), home.serverLog());
        }
    }

    /**
     * The port of a server already running on {@code home}'s data directory, read from its {@code postmaster.pid}
     * and confirmed by a connection with the home's password.
     */
    public static Optional<Integer> runningPort(Path root) {
        DatabaseHome home = new DatabaseHome(root);
        Optional<Integer> port = pidFilePort(home);
        if (port.isEmpty()) {
            return Optional.empty();
        }
        String pw;
        try {
            pw = home.readPassword().orElse(null);
        } catch (IOException e) {
            pw = null;
        }
        // a stale postmaster.pid can name a closed port, or one another server has taken since
        return servesDataDirectory(port.get(), home.dataDirectory(), pw) ? port : Optional.empty();
    }

    /** The running server's URL with the password, for the owner's SQL clients: {@code postgresql://...}. */
    public String ownerUrl() {
        return "postgresql://" + SUPERUSER + ":" + password + "@127.0.0.1:" + port + "/" + DATABASE;
    }

    public DatabaseTarget target() {
        return new DatabaseTarget("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, SUPERUSER, password);
    }

    public int port() {
        return port;
    }

    public Path dataDirectory() {
        return home.dataDirectory();
    }

    public Path passwordFile() {
        return home.passwordFile();
    }

    /** The command a user types to look at the data. */
    public static String psqlHint(int port) {
        return "./volsurf db psql   (or: PGPASSWORD=$(cat $VOLSURF_HOME/db-password) psql -h 127.0.0.1 -p " + port
                + " -U " + SUPERUSER + " " + DATABASE + ")";
    }

    /** Marks the running server as a service: it outlives its last user until {@link #stopService}. */
    public void markAsService() {
        try {
            Optional<Long> pid = postmasterPid(home);
            if (pid.isPresent()) {
                DatabaseHome.writeOwnerOnly(home.serviceMark(), pid.get() + "\n");
            }
        } catch (IOException e) {
            throw new DatabaseUnavailableException("cannot mark the embedded PostgreSQL as a service: " + e.getMessage(), e);
        }
    }

    /**
     * Leaves the server: stops it when no other volsurf process uses it and it is not a service. Safe to call twice;
     * also run at JVM exit (Ctrl-C).
     */
    @Override
    public void close() {
        if (closed.getAndSet(true)) {
            return;
        }
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // called from the hook itself
        }
        synchronized (JVM_LOCK) {
            try (StartupLock ignored = StartupLock.acquire(home)) {
                lease.release();
                if (ServerUsers.live(home, null).isEmpty() && !isService(home) && postmasterPid(home).isPresent()) {
                    stopServer(home);
                }
            } catch (IOException | RuntimeException e) {
                System.err.println("warning: leaving the embedded PostgreSQL in " + home.dataDirectory() + ": "
                        + e.getMessage());
            }
        }
    }

    // ---------------------------------------------------------------------------------------------------------------

    private record Server(int port, String password) {
    }

    /** Under the startup lock: the running server of {@code home}, started (and set up or upgraded) when needed. */
    private static Server ensureRunning(DatabaseHome home, int preferredPort) throws IOException {
        Optional<String> stored = home.readPassword();
        Optional<Integer> running = pidFilePort(home);
        // Without a stored password only a server of an older volsurf (trust) answers: it is upgraded live.
        if (running.isPresent() && servesDataDirectory(running.get(), home.dataDirectory(), stored.orElse(null))) {
            String password = stored.isPresent() ? stored.get() : home.writeNewPassword();
            upgradeLiveServer(home, running.get(), password);
            return new Server(running.get(), password);
        }
        PostgresBinaries bin = PostgresBinaries.prepare(home);
        if (isAlive(bin, home)) {
            // A postmaster on our data directory that does not accept our password (the password file was lost) or
            // does not answer. Nobody can use it: stop it, unless a volsurf process still claims it.
            List<ServerUsers.User> users = ServerUsers.live(home, null);
            if (!users.isEmpty()) {
                throw new IOException("a PostgreSQL runs on " + home.dataDirectory() + " but does not accept the password in "
                        + home.passwordFile() + ", and volsurf processes use it (pid " + users.get(0).pid()
                        + "): stop them, or './volsurf db stop --force'");
            }
            stopServer(home);
        }
        String password = stored.isPresent() ? stored.get() : home.writeNewPassword();
        prepareDataDirectory(bin, home, password, stored.isEmpty());
        int port = freePort(preferredPort);
        for (int attempt = 1; ; attempt++) {
            if (startOn(bin, home, port)) {
                Files.deleteIfExists(home.serviceMark());
                return new Server(port, password);
            }
            if (attempt == 3) {
                throw new IOException("port " + port + " was taken by another server as this one started, three times");
            }
            port = freePort(0);
        }
    }

    /** A new data directory (initdb, password auth), or an existing one brought up to volsurf's security. */
    private static void prepareDataDirectory(PostgresBinaries bin, DatabaseHome home, String password, boolean newPassword)
            throws IOException {
        Path data = home.dataDirectory();
        if (!Files.isRegularFile(data.resolve("PG_VERSION"))) {
            if (Files.isDirectory(data)) {
                try (var entries = Files.list(data)) {
                    if (entries.findAny().isPresent()) {
                        throw new IOException(data + " is not empty but holds no PostgreSQL data directory (no PG_VERSION):"
                                + " move it away");
                    }
                }
            }
            PostgresBinaries.Result r = bin.run(home.root(), null, "initdb", "-A", AUTH_METHOD, "-U", SUPERUSER,
                    "--pwfile=" + home.passwordFile(), "-E", "UTF-8", "-D", data.toString());
            if (!r.ok()) {
                throw new IOException("initdb failed: " + r.tail());
            }
            DatabaseHome.writeOwnerOnly(data.resolve("pg_hba.conf"), PG_HBA);
            return;
        }
        String major = Files.readString(data.resolve("PG_VERSION")).strip();
        if (!BINARIES_VERSION.startsWith(major + ".")) {
            throw new IOException(data + " holds PostgreSQL " + major + " data; this volsurf runs PostgreSQL "
                    + BINARIES_VERSION + " (dump it with that version's pg_dump, or use another VOLSURF_HOME)");
        }
        boolean hbaIsOurs = Files.isRegularFile(data.resolve("pg_hba.conf"))
                && Files.readString(data.resolve("pg_hba.conf")).equals(PG_HBA);
        if (!hbaIsOurs || newPassword) {
            // The server is down: set the password in single-user mode, where nothing listens, then require it.
            PostgresBinaries.Result r = bin.run(home.root(), "ALTER ROLE " + SUPERUSER + " PASSWORD " + literal(password) + ";\n",
                    "postgres", "--single", "-D", data.toString(), "-c", "unix_socket_directories=", "-c",
                    "log_statement=none", "postgres");
            if (!r.ok() || r.output().contains("ERROR")) {
                throw new IOException("setting the postgres password in single-user mode failed: " + r.tail());
            }
            DatabaseHome.writeOwnerOnly(data.resolve("pg_hba.conf"), PG_HBA);
        }
    }

    /**
     * A server an older volsurf started, still running with trust authentication, accepts any password: give its
     * role ours and require it from now on (pg_hba.conf is re-read on reload).
     */
    private static void upgradeLiveServer(DatabaseHome home, int port, String password) throws IOException {
        Path hba = home.dataDirectory().resolve("pg_hba.conf");
        if (Files.isRegularFile(hba) && Files.readString(hba).equals(PG_HBA)) {
            return;
        }
        try (Connection c = connect(port, "postgres", password); Statement s = c.createStatement()) {
            s.execute("set log_statement = 'none'");
            s.execute("alter role " + SUPERUSER + " password " + literal(password));
            DatabaseHome.writeOwnerOnly(hba, PG_HBA);
            s.execute("select pg_reload_conf()");
        } catch (SQLException e) {
            throw new IOException("cannot upgrade the running server to password authentication: " + e.getMessage(), e);
        }
    }

    /** Starts {@code home}'s server on {@code port}; false when the port turned out to be taken by another server. */
    private static boolean startOn(PostgresBinaries bin, DatabaseHome home, int port) throws IOException {
        if (!Files.exists(home.serverLog())) {
            Files.createFile(home.serverLog(), java.nio.file.attribute.PosixFilePermissions.asFileAttribute(
                    DatabaseHome.OWNER_FILE));
        }
        PostgresBinaries.Result r = bin.run(home.root(), null, "pg_ctl", "-D", home.dataDirectory().toString(),
                "-l", home.serverLog().toString(), "-w", "-t", "60", "-o", "-p " + port + " " + SERVER_OPTIONS, "start");
        String pw = home.readPassword().orElse(null);
        if (r.ok() && servesDataDirectory(port, home.dataDirectory(), pw)) {
            return true;
        }
        if (isAlive(bin, home)) {
            stopServer(home);
        }
        if (portInUse(port)) {
            return false;
        }
        throw new IOException("pg_ctl start failed: " + r.tail() + "; server log " + home.serverLog() + ": "
                + logTail(home.serverLog()));
    }

    /** Package-private for the port-race test: starts {@code root}'s server on {@code port}, false when it is taken. */
    static boolean startOn(Path root, int port) throws IOException {
        DatabaseHome home = new DatabaseHome(root);
        home.secure();
        PostgresBinaries bin = PostgresBinaries.prepare(home);
        String password = home.readPassword().orElse(null);
        if (password == null) {
            password = home.writeNewPassword();
            prepareDataDirectory(bin, home, password, true);
        } else {
            prepareDataDirectory(bin, home, password, false);
        }
        return startOn(bin, home, port);
    }

    /** Stops the server on {@code home}'s data directory, whoever started it. */
    static void stopServer(DatabaseHome home) throws IOException {
        PostgresBinaries bin = PostgresBinaries.prepare(home);
        PostgresBinaries.Result r = bin.run(home.root(), null, "pg_ctl", "-D", home.dataDirectory().toString(),
                "-m", "fast", "-w", "-t", "60", "stop");
        Files.deleteIfExists(home.serviceMark());
        if (!r.ok() && isAlive(bin, home)) {
            throw new IOException("pg_ctl stop failed: " + r.tail());
        }
    }

    private static boolean isAlive(PostgresBinaries bin, DatabaseHome home) throws IOException {
        if (!Files.exists(home.postmasterPid())) {
            return false;
        }
        return bin.run(home.root(), null, "pg_ctl", "-D", home.dataDirectory().toString(), "status").ok();
    }

    private static boolean isService(DatabaseHome home) {
        try {
            if (!Files.isRegularFile(home.serviceMark())) {
                return false;
            }
            String mark = Files.readString(home.serviceMark()).strip();
            // a mark left by a service that died names another postmaster than the one running now
            return postmasterPid(home).map(pid -> mark.equals(String.valueOf(pid))).orElse(false);
        } catch (IOException e) {
            return false;
        }
    }

    /** The pid in {@code postmaster.pid} when that process is alive. */
    static Optional<Long> postmasterPid(DatabaseHome home) {
        try {
            List<String> lines = Files.readAllLines(home.postmasterPid());
            long pid = Long.parseLong(lines.get(0).trim());
            return ProcessHandle.of(pid).filter(ProcessHandle::isAlive).map(h -> pid);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static Optional<Integer> pidFilePort(DatabaseHome home) {
        try {
            List<String> lines = Files.readAllLines(home.postmasterPid());
            return lines.size() < 4 ? Optional.empty() : Optional.of(Integer.parseInt(lines.get(3).trim()));
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    /** True when the server on {@code port} runs on {@code dataDir} and accepts {@code password}. */
    static boolean servesDataDirectory(int port, Path dataDir, String password) {
        try (Connection c = connect(port, "postgres", password);
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show data_directory")) {
            return rs.next() && Path.of(rs.getString(1)).toRealPath().equals(dataDir.toRealPath());
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    private static Connection connect(int port, String database, String password) throws SQLException {
        Properties p = new Properties();
        p.setProperty("user", SUPERUSER);
        if (password != null) {
            p.setProperty("password", password);
        }
        p.setProperty("connectTimeout", "5");
        return DriverManager.getConnection("jdbc:postgresql://127.0.0.1:" + port + "/" + database, p);
    }

    private void createDatabaseIfMissing() {
        try (Connection c = connect(port, "postgres", password); Statement s = c.createStatement()) {
            try (ResultSet rs = s.executeQuery("select 1 from pg_database where datname = '" + DATABASE + "'")) {
                if (rs.next()) {
                    return;
                }
            }
            s.execute("create database " + DATABASE);
        } catch (SQLException e) {
            throw new DatabaseUnavailableException("the embedded PostgreSQL on port " + port
                    + " does not accept connections: " + e.getMessage(), e);
        }
    }

    private static int freePort(int preferred) throws IOException {
        if (preferred > 0 && !portInUse(preferred)) {
            return preferred;
        }
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static boolean portInUse(int port) {
        try (ServerSocket s = new ServerSocket()) {
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", port));
            return false;
        } catch (IOException e) {
            return true;
        }
    }

    /** A SQL string literal (the password file is the user's to edit). */
    static String literal(String s) {
        return "'" + s.replace("'", "''") + "'";
    }

    private static String logTail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log, StandardCharsets.ISO_8859_1);
            return String.join(" | ", lines.subList(Math.max(0, lines.size() - 3), lines.size()));
        } catch (IOException e) {
            return "(unreadable)";
        }
    }

    private static String commandOfThisProcess() {
        return ProcessHandle.current().info().commandLine().map(c -> c.length() > 200 ? c.substring(0, 200) : c)
                .orElse("java");
    }

    /** The exclusive lock on {@code pgdata.lock}: one process at a time starts, joins, leaves or stops. */
    private static final class StartupLock implements AutoCloseable {
        private final FileChannel channel;
        private final FileLock lock;

        private StartupLock(FileChannel channel, FileLock lock) {
            this.channel = channel;
            this.lock = lock;
        }

        static StartupLock acquire(DatabaseHome home) throws IOException {
            FileChannel ch = FileChannel.open(home.startupLock(), java.util.Set.of(StandardOpenOption.CREATE,
                    StandardOpenOption.READ, StandardOpenOption.WRITE),
                    java.nio.file.attribute.PosixFilePermissions.asFileAttribute(DatabaseHome.OWNER_FILE));
            try {
                return new StartupLock(ch, ch.lock());
            } catch (IOException | RuntimeException e) {
                ch.close();
                throw e;
            }
        }

        @Override
        public void close() throws IOException {
            try {
                lock.release();
            } finally {
                channel.close();
            }
        }
    }
}
