package io.volsurf.db.jdbc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.db.embedded.EmbeddedDatabase;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Binary COPY rows round-trip exactly through a real PostgreSQL: every double bit for bit (random bit
 * patterns, subnormals, extremes, signed zero), NaN, infinities and null as NULL, longs, ints,
 * booleans, dates and strings with quotes, commas, newlines and non-ASCII characters; in several
 * chunks. A failing COPY writes nothing and names its table.
 */
class CopyRowsTest {

    @TempDir
    static Path home;
    static EmbeddedDatabase db;

    @BeforeAll
    static void start() {
        db = EmbeddedDatabase.startOrJoin(home, 0);
    }

    @AfterAll
    static void stop() {
        db.close();
    }

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
        try (Connection c = DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(), db.target().password());
                Statement st = c.createStatement()) {
            st.execute("create temp table t (i bigint, d double precision, day date, s text, n integer, b boolean, "
                    + "c char(1))");
            long written = CopyRows.copy(c, "t (i, d, day, s, n, b, c)", rows -> {
                for (int i = 0; i < doubles.size(); i++) {
                    rows.add((long) i - 2500).add(doubles.get(i)).add(LocalDate.of(1, 1, 1).plusDays(i * 143L))
                            .add(strings.get(i % strings.size())).add(i * 429_497 - 1_000_000_000).add(i % 3 == 0)
                            .add(i % 2 == 0 ? "C" : "P").endRow();
                }
                rows.add(Long.MIN_VALUE).add(Double.NaN).add((LocalDate) null).add((String) null).add(Integer.MIN_VALUE)
                        .add((String) null).add((String) null).endRow();
                rows.add(Long.MAX_VALUE).add(Double.POSITIVE_INFINITY).add(LocalDate.of(2026, 11, 25)).add("x")
                        .add(Integer.MAX_VALUE).add(true).add("C").endRow();
            });
            assertEquals(doubles.size() + 2, written);
            try (ResultSet rs = st.executeQuery("select i, d, day, s, n, b, c from t order by i")) {
                rs.next();
                assertEquals(Long.MIN_VALUE, rs.getLong(1));
                rs.getDouble(2);
                assertEquals(true, rs.wasNull(), "NaN is NULL");
                assertEquals(null, rs.getObject(3));
                assertEquals(null, rs.getString(4), "null is NULL, not an empty string");
                assertEquals(Integer.MIN_VALUE, rs.getInt(5));
                assertEquals(null, rs.getObject(6));
                assertEquals(null, rs.getObject(7));
                for (int i = 0; i < doubles.size(); i++) {
                    rs.next();
                    assertEquals(i - 2500L, rs.getLong(1));
                    assertEquals(Double.doubleToRawLongBits(doubles.get(i)), Double.doubleToRawLongBits(rs.getDouble(2)),
                            "double " + doubles.get(i));
                    assertEquals(LocalDate.of(1, 1, 1).plusDays(i * 143L), rs.getObject(3, LocalDate.class));
                    assertEquals(strings.get(i % strings.size()), rs.getString(4));
                    assertEquals(i * 429_497 - 1_000_000_000, rs.getInt(5));
                    assertEquals(i % 3 == 0, rs.getBoolean(6));
                    assertEquals(i % 2 == 0 ? "C" : "P", rs.getString(7));
                }
                rs.next();
                assertEquals(Long.MAX_VALUE, rs.getLong(1));
                rs.getDouble(2);
                assertEquals(true, rs.wasNull(), "infinity is NULL");
                assertEquals(LocalDate.of(2026, 11, 25), rs.getObject(3, LocalDate.class));
                assertEquals(Integer.MAX_VALUE, rs.getInt(5));
                assertEquals(true, rs.getBoolean(6));
            }
        }
    }

    @Test
    void nullDoublesReadBackAsNaNEvenAfterANonNullColumn() throws Exception {
        try (Connection c = DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(), db.target().password());
                Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("select 7, null::float8, 2.5::float8")) {
            rs.next();
            assertEquals(7, rs.getInt(1));
            assertTrue(Double.isNaN(NullableDouble.get(rs, 2)), "NULL reads as NaN, not JDBC's 0.0");
            assertEquals(2.5, NullableDouble.get(rs, 3));
        }
    }

    @Test
    void aFailedCopyWritesNothingAndNamesItsTable() throws Exception {
        try (Connection c = DriverManager.getConnection(db.target().jdbcUrl(), db.target().user(), db.target().password());
                Statement st = c.createStatement()) {
            st.execute("create temp table t (i bigint, n integer)");
            assertEquals(0, CopyRows.copy(c, "t (i, n)", rows -> { }), "no rows, no COPY");

            SQLException wrongType = assertThrows(SQLException.class, () -> CopyRows.copy(c, "t (i, n)",
                    rows -> rows.add(1L).add(2L).endRow()));
            assertTrue(wrongType.getMessage().startsWith("COPY into t (i, n) failed: "), wrongType.getMessage());

            IllegalStateException ragged = assertThrows(IllegalStateException.class, () -> CopyRows.copy(c, "t (i, n)",
                    rows -> rows.add(1L).add(2).endRow().add(3L).endRow()));
            assertTrue(ragged.getMessage().contains("row 2 has 1 fields, the first had 2"), ragged.getMessage());

            // A writer that fails after whole chunks went to the server: the COPY is cancelled, the connection stays usable.
            IllegalArgumentException midway = assertThrows(IllegalArgumentException.class, () -> CopyRows.copy(c,
                    "t (i, n)", rows -> {
                        for (int i = 0; i < 3 * CopyRows.CHUNK / 20; i++) {
                            rows.add((long) i).add(i).endRow();
                        }
                        throw new IllegalArgumentException("bad row");
                    }));
            assertEquals("bad row", midway.getMessage());
            try (ResultSet rs = st.executeQuery("select count(*) from t")) {
                rs.next();
                assertEquals(0, rs.getLong(1));
            }
        }
    }
}
