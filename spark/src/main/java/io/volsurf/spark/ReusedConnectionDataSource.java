package io.volsurf.spark;

import io.volsurf.db.DatabaseTarget;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.util.Properties;
import java.util.logging.Logger;
import javax.sql.DataSource;

/**
 * One JDBC connection for one Spark task, handed out again and again: the store opens a connection per
 * transaction (several per session), and a fresh PostgreSQL connection each time would cost more than the
 * session's COPY. Callers' {@code close()} is ignored; {@link #close()} closes the connection. Single-threaded:
 * the store never holds two connections at once on the paths a task uses (reads, replaceSession, updates).
 */
final class ReusedConnectionDataSource implements DataSource, AutoCloseable {

    private final DatabaseTarget target;
    private Connection connection;

    ReusedConnectionDataSource(DatabaseTarget target) {
        this.target = target;
    }

    @Override
    public Connection getConnection() throws SQLException {
        if (connection == null || connection.isClosed()) {
            Properties p = new Properties();
            p.setProperty("user", target.user());
            if (target.password() != null) { // none given: the driver reads ~/.pgpass or PGPASSWORD
                p.setProperty("password", target.password());
            }
            p.setProperty("connectTimeout", "10");
            p.setProperty("ApplicationName", "volsurf spark ingest");
            connection = DriverManager.getConnection(target.jdbcUrl(), p);
        }
        Connection real = connection;
        return (Connection) Proxy.newProxyInstance(Connection.class.getClassLoader(), new Class<?>[] {Connection.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("close") && method.getParameterCount() == 0) {
                        return null;
                    }
                    try {
                        return method.invoke(real, args);
                    } catch (InvocationTargetException e) {
                        throw e.getCause();
                    }
                });
    }

    @Override
    public Connection getConnection(String username, String password) throws SQLException {
        throw new SQLFeatureNotSupportedException("the task's connection uses the job's database URL");
    }

    @Override
    public void close() {
        if (connection != null) {
            try {
                connection.close();
            } catch (SQLException ignored) {
                // the server already dropped it: nothing left to release
            }
            connection = null;
        }
    }

    @Override
    public PrintWriter getLogWriter() {
        return null;
    }

    @Override
    public void setLogWriter(PrintWriter out) {
    }

    @Override
    public void setLoginTimeout(int seconds) {
    }

    @Override
    public int getLoginTimeout() {
        return 0;
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        throw new SQLFeatureNotSupportedException();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        throw new SQLException("not a wrapper");
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) {
        return false;
    }
}
