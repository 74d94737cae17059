package io.volsurf.db.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.volsurf.db.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * COPY rows round-trip exactly through a real PostgreSQL: every double bit for bit (random bit
 * patterns, subnormals, extremes, signed zero), NaN and null as NULL, longs, dates and strings with
 * quotes, commas, newlines and non-ASCII characters.
 */
class CopyRowsTest {

    @TempDir
    Path home;

    @Test
    void everyValueComesBackAsWritten() throws Exception {
        SplittableRandom rnd = new SplittableRandom(3);
        List<Double> doubles = new ArrayList<>(List.of(0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MAX_VALUE,
                Double.MIN_NORMAL, 1e-300, 123456789.123, 0.1, 1.0 / 3, 1e16, 1e-5, 5e-324));
        while (doubles.size() < 5000) {
            double d = Double.longBitsToDouble(rnd.nextLong());
            if (Double.isFinite(d)) {
                doubles.add(d);
            }
            doubles.add(rnd.nextDouble(-1000, 1000));
        }
        List<String> strings = List.of("plain", "with \"quotes\", and a comma", "line\nbreak", "é ü ß 価格 😀", "", "\\N");
        try (EmbeddedDatabase db = EmbeddedDatabase.startOrJoin(home, 0);
                Connection c = DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(), db.target().password());
                Statement st = c.createStatement()) {
            st.execute("create temp table t (i bigint, d double precision, day date, s text)");
            CopyRows rows = new CopyRows();
            for (int i = 0; i < doubles.size(); i++) {
                rows.add((long) i - 2500).add(doubles.get(i)).add(LocalDate.of(1, 1, 1).plusDays(i * 143L))
                        .add(strings.get(i % strings.size())).endRow();
            }
            rows.add(Long.MIN_VALUE).add(Double.NaN).add((LocalDate) null).add((String) null).endRow();
            rows.add(Long.MAX_VALUE).add(Double.POSITIVE_INFINITY).add(LocalDate.of(2026, 11, 25)).add("x").endRow();
            assertEquals(doubles.size() + 2, rows.copyInto(c, "t (i, d, day, s)"));
            try (ResultSet rs = st.executeQuery("select i, d, day, s from t order by i")) {
                rs.next();
                assertEquals(Long.MIN_VALUE, rs.getLong(1));
                rs.getDouble(2);
                assertEquals(true, rs.wasNull(), "NaN is NULL");
                assertEquals(null, rs.getObject(3));
                assertEquals(null, rs.getString(4), "null is NULL, not an empty string");
                for (int i = 0; i < doubles.size(); i++) {
                    rs.next();
                    assertEquals(i - 2500L, rs.getLong(1));
                    assertEquals(Double.doubleToRawLongBits(doubles.get(i)), Double.doubleToRawLongBits(rs.getDouble(2)),
                            "double " + doubles.get(i));
                    assertEquals(LocalDate.of(1, 1, 1).plusDays(i * 143L), rs.getObject(3, LocalDate.class));
                    assertEquals(strings.get(i % strings.size()), rs.getString(4));
                }
                rs.next();
                assertEquals(Long.MAX_VALUE, rs.getLong(1));
                rs.getDouble(2);
                assertEquals(true, rs.wasNull(), "infinity is NULL");
                assertEquals(LocalDate.of(2026, 11, 25), rs.getObject(3, LocalDate.class));
            }
        }
    }
}
