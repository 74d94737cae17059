package io.volsurf.db.embedded;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;

/**
 * A volsurf-like process for the fault tests, run in a JVM of its own: it starts or joins the embedded database of
 * the home in {@code args[0]}, says {@code READY}, then obeys its input: {@code query} runs a query and answers
 * {@code OK} or {@code FAIL ...}; {@code exit} leaves the database and exits. Only API that older code also has.
 */
public final class UserProcess {

    public static void main(String[] args) throws Exception {
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(Path.of(args[0]), 0)) {
            System.out.println("READY " + db.port());
            System.out.flush();
            BufferedReader in = new BufferedReader(new InputStreamReader(System.in));
            for (String line; (line = in.readLine()) != null; ) {
                if (line.equals("exit")) {
                    break;
                }
                try (Connection c = DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(),
                        db.target().password());
                        Statement s = c.createStatement();
                        ResultSet rs = s.executeQuery("select count(*) from pg_class")) {
                    rs.next();
                    System.out.println("OK " + rs.getLong(1));
                } catch (Exception e) {
                    System.out.println("FAIL " + e.getMessage().lines().findFirst().orElse(""));
                }
                System.out.flush();
            }
        }
    }
}
