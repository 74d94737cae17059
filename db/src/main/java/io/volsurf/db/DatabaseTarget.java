package io.volsurf.db;

import java.net.URI;
import java.util.Objects;

/**
 * Where the database is: a JDBC URL plus the user and password to reach it.
 *
 * <p>Users pass {@code --db-url} as a JDBC URL ({@code jdbc:postgresql://host:5432/db?user=u&password=p})
 * or as a libpq URI ({@code postgresql://u:p@host:5432/db}); both normalise to the same target.
 *
 * <p>{@code password} is null when none was given: the JDBC driver then reads {@code ~/.pgpass} (or
 * {@code PGPASSFILE}); {@link #withEnvironmentPassword} adds {@code PGPASSWORD}, which the driver does not read.
 */
public record DatabaseTarget(String jdbcUrl, String user, String password) {

    public DatabaseTarget {
        Objects.requireNonNull(jdbcUrl, "jdbcUrl");
        user = user == null || user.isBlank() ? "postgres" : user;
    }

    /** This target with {@code PGPASSWORD} from {@code env} when the URL gave no password, as libpq does. */
    public DatabaseTarget withEnvironmentPassword(java.util.Map<String, String> env) {
        String fromEnv = env.get("PGPASSWORD");
        return password != null || fromEnv == null || fromEnv.isEmpty() ? this
                : new DatabaseTarget(jdbcUrl, user, fromEnv);
    }

    /** Parses a user-supplied URL; throws {@link IllegalArgumentException} naming what is wrong. */
    public static DatabaseTarget parse(String url) {
        if (url == null || url.isBlank()) {
            throw new IllegalArgumentException("empty database URL");
        }
        String u = url.trim();
        if (u.startsWith("jdbc:postgresql:")) {
            URI uri = URI.create(u.substring("jdbc:".length()));
            String user = queryParam(uri, "user");
            String password = queryParam(uri, "password");
            return new DatabaseTarget(u, user, password);
        }
        if (u.startsWith("postgresql://") || u.startsWith("postgres://")) {
            URI uri = URI.create(u);
            String user = null;
            String password = null;
            if (uri.getUserInfo() != null) {
                String[] parts = uri.getUserInfo().split(":", 2);
                user = parts[0];
                password = parts.length > 1 ? parts[1] : null;
            }
            String host = uri.getHost() == null ? "127.0.0.1" : uri.getHost();
            int port = uri.getPort() < 0 ? 5432 : uri.getPort();
            String path = uri.getPath() == null || uri.getPath().length() <= 1 ? "/postgres" : uri.getPath();
            String query = uri.getQuery() == null ? "" : "?" + uri.getQuery();
            return new DatabaseTarget("jdbc:postgresql://" + host + ":" + port + path + query, user, password);
        }
        throw new IllegalArgumentException("not a PostgreSQL URL: '" + u
                + "' (expected jdbc:postgresql://host:port/db or postgresql://user@host:port/db)");
    }

    /** The URL as shown to users: never the password. */
    public String display() {
        return jdbcUrl.replaceAll("password=[^&]*", "password=***");
    }

    private static String queryParam(URI uri, String name) {
        String q = uri.getRawQuery();
        if (q == null) {
            return null;
        }
        for (String kv : q.split("&")) {
            int eq = kv.indexOf('=');
            if (eq > 0 && kv.substring(0, eq).equals(name)) {
                return java.net.URLDecoder.decode(kv.substring(eq + 1), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }
}
