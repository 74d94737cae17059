package io.volsurf.db.embedded;

import io.volsurf.db.DatabaseTarget;
import io.volsurf.db.DatabaseUnavailableException;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Optional;

/**
 * The embedded PostgreSQL (zonky binaries, PostgreSQL 17) whose data lives under
 * {@code VOLSURF_HOME/pgdata}, so results survive between runs.
 *
 * <p>When another volsurf process already runs it (for example {@code serve}), this one connects to
 * that server instead of starting a second one on the same data directory; only the process that
 * started the server stops it.
 */
public final class EmbeddedDatabase implements AutoCloseable {

    public static final String DATABASE = "volsurf";
    public static final int PREFERRED_PORT = 54329;
    public static final String BINARIES_VERSION = "17.5.0";

    private final Path home;
    private final EmbeddedPostgres owned;
    private final int port;

    private EmbeddedDatabase(Path home, EmbeddedPostgres owned, int port) {
        this.home = home;
        this.owned = owned;
        this.port = port;
    }

    /** Starts the embedded server under {@code home}, or joins the one already running there. */
    public static EmbeddedDatabase startOrJoin(Path home) {
        return startOrJoin(home, PREFERRED_PORT);
    }

    /**
     * As {@link #startOrJoin(Path)}, preferring {@code preferredPort} when it is free; 0 takes any free
     * port (tests, so that they never meet a user's running server).
     */
    public static EmbeddedDatabase startOrJoin(Path home, int preferredPort) {
        Path dataDir = home.resolve("pgdata");
        try {
            Files.createDirectories(home);
            try (FileChannel ch = new RandomAccessFile(home.resolve("pgdata.lock").toFile(), "rw").getChannel();
                    FileLock ignored = ch.lock()) {
                Optional<Integer> running = runningPort(home);
                if (running.isPresent()) {
                    EmbeddedDatabase joined = new EmbeddedDatabase(home, null, running.get());
                    joined.createDatabaseIfMissing();
                    return joined;
                }
                int port = freePort(preferredPort);
                for (int attempt = 1; ; attempt++) {
                    EmbeddedDatabase db = startOn(home, port);
                    if (db != null) {
                        db.createDatabaseIfMissing();
                        return db;
                    }
                    if (attempt == 3) {
                        throw new IOException("port " + port + " answered, but not with the server of " + dataDir
                                + " (another PostgreSQL took it) three times");
                    }
                    port = freePort(0);
                }
            }
        } catch (IOException | RuntimeException e) {
            throw new DatabaseUnavailableException("cannot start the embedded PostgreSQL in " + dataDir + ": "
                    + e.getMessage() + " (check free disk space and permissions, or pass --db-url to use a server)", e);
        }
    }

    /**
     * Starts the server of {@code home} on {@code port}; null when what answers on the port is another data
     * directory's server. Between {@link #freePort} and the start another process (a volsurf with another
     * {@code VOLSURF_HOME} starting at the same moment) can take the port: this server then fails to bind, but the
     * start succeeds because the port accepts connections, and every later query would go to the other
     * database.
     */
    static EmbeddedDatabase startOn(Path home, int port) throws IOException {
        Path dataDir = home.resolve("pgdata");
        Path work = home.resolve("pgbin");
        Files.createDirectories(work);
        EmbeddedPostgres pg = EmbeddedPostgres.builder()
                .setDataDirectory(dataDir)
                .setCleanDataDirectory(false)
                .setOverrideWorkingDirectory(work.toFile())
                .setPort(port)
                .setServerConfig("max_connections", "60")
                .setServerConfig("listen_addresses", "127.0.0.1")
                .start();
        if (servesDataDirectory(port, dataDir)) {
            return new EmbeddedDatabase(home, pg, port);
        }
        try {
            pg.close();
        } catch (IOException | RuntimeException ignored) {
            // our postmaster already exited when it could not bind: nothing to stop
        }
        return null;
    }

    /** True when the server on {@code port} runs on {@code dataDir}. */
    static boolean servesDataDirectory(int port, Path dataDir) {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("show data_directory")) {
            return rs.next() && Path.of(rs.getString(1)).toRealPath().equals(dataDir.toRealPath());
        } catch (SQLException | IOException e) {
            return false;
        }
    }

    /**
     * The port of a server already running on {@code home}'s data directory, read from its
     * {@code postmaster.pid} and confirmed by a connection.
     */
    public static Optional<Integer> runningPort(Path home) {
        Path pid = home.resolve("pgdata").resolve("postmaster.pid");
        if (!Files.isRegularFile(pid)) {
            return Optional.empty();
        }
        try {
            List<String> lines = Files.readAllLines(pid);
            if (lines.size() < 4) {
                return Optional.empty();
            }
            int port = Integer.parseInt(lines.get(3).trim());
            // a stale postmaster.pid can name a closed port, or one another server has taken since
            return servesDataDirectory(port, home.resolve("pgdata")) ? Optional.of(port) : Optional.empty();
        } catch (IOException | NumberFormatException e) {
            return Optional.empty();
        }
    }

    public DatabaseTarget target() {
        return new DatabaseTarget("jdbc:postgresql://127.0.0.1:" + port + "/" + DATABASE, "postgres", "");
    }

    public int port() {
        return port;
    }

    public boolean ownsServer() {
        return owned != null;
    }

    public Path dataDirectory() {
        return home.resolve("pgdata");
    }

    /** The command a user types to look at the data while a volsurf process holds the server. */
    public static String psqlHint(int port) {
        return "psql -h 127.0.0.1 -p " + port + " -U postgres " + DATABASE;
    }

    private void createDatabaseIfMissing() {
        String url = "jdbc:postgresql://127.0.0.1:" + port + "/postgres";
        try (Connection c = DriverManager.getConnection(url, "postgres", "");
                Statement s = c.createStatement()) {
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
        try (ServerSocket s = new ServerSocket()) {
            if (preferred <= 0) {
                throw new IOException("no preference");
            }
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress("127.0.0.1", preferred));
            return preferred;
        } catch (IOException taken) {
            try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
                return s.getLocalPort();
            }
        }
    }

    /** Stops the server if this process started it; a joined server keeps running for its owner. */
    @Override
    public void close() {
        if (owned != null) {
            try {
                owned.close();
            } catch (IOException e) {
                System.err.println("warning: stopping the embedded PostgreSQL: " + e.getMessage());
            }
        }
    }
}
