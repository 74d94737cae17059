package io.volsurf.bench;

import com.fasterxml.jackson.core.io.NumberOutput;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * The COPY writer before binary COPY (kept in bench to measure {@link io.volsurf.db.jdbc.CopyRows}
 * against): rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}: one round trip for a whole
 * table's worth of rows. NaN and null become SQL NULL (an empty unquoted field).
 *
 * <p>Rows are written straight into UTF-8 bytes (the driver's client encoding), doubles by the
 * Schubfach shortest round-trip algorithm: Java 17's {@code Double.toString} was most of the cost
 * of a COPY (see {@code DatabaseWriteCheck} in {@code bench}).
 */
final class CsvCopyRows {

    private byte[] buf = new byte[1 << 16];
    private int len;
    private int fields;
    private int rows;

    public CsvCopyRows add(String s) {
        sep();
        if (s != null) {
            ensure(2 * s.length() + 2);
            buf[len++] = '"';
            for (int i = 0; i < s.length(); i++) {
                char ch = s.charAt(i);
                if (ch == '"') {
                    buf[len++] = '"';
                    buf[len++] = '"';
                } else if (ch < 0x80) {
                    buf[len++] = (byte) ch;
                } else {
                    utf8(s, i);
                    if (Character.isHighSurrogate(ch)) {
                        i++;
                    }
                }
            }
            buf[len++] = '"';
        }
        return this;
    }

    public CsvCopyRows add(double v) {
        sep();
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
            ascii(NumberOutput.toString(v, true));
        }
        return this;
    }

    public CsvCopyRows add(long v) {
        sep();
        ensure(20);
        if (v < 0) {
            if (v == Long.MIN_VALUE) {
                ascii(Long.toString(v));
                return this;
            }
            buf[len++] = '-';
            v = -v;
        }
        int start = len;
        do {
            buf[len++] = (byte) ('0' + v % 10);
            v /= 10;
        } while (v > 0);
        for (int i = start, j = len - 1; i < j; i++, j--) {
            byte t = buf[i];
            buf[i] = buf[j];
            buf[j] = t;
        }
        return this;
    }

    public CsvCopyRows add(LocalDate d) {
        sep();
        if (d != null) {
            int y = d.getYear();
            if (y < 1000 || y > 9999) {
                ascii(d.toString());
            } else {
                ensure(10);
                digits(y, 4);
                buf[len++] = '-';
                digits(d.getMonthValue(), 2);
                buf[len++] = '-';
                digits(d.getDayOfMonth(), 2);
            }
        }
        return this;
    }

    public CsvCopyRows endRow() {
        ensure(1);
        buf[len++] = '\n';
        fields = 0;
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** The rows as they go to the server (tests). */
    String text() {
        return new String(buf, 0, len, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Copies the rows into {@code table (columns)}; returns the number of rows written. */
    public long copyInto(Connection c, String tableAndColumns) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        CopyIn in = c.unwrap(PGConnection.class).getCopyAPI()
                .copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)");
        try {
            in.writeToCopy(buf, 0, len);
            return in.endCopy();
        } catch (SQLException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e.getSQLState(), e);
        } finally {
            if (in.isActive()) {
                in.cancelCopy();
            }
        }
    }

    private void sep() {
        if (fields++ > 0) {
            ensure(1);
            buf[len++] = ',';
        }
    }

    private void ascii(String s) {
        int n = s.length();
        ensure(n);
        for (int i = 0; i < n; i++) {
            buf[len++] = (byte) s.charAt(i);
        }
    }

    private void digits(int v, int width) {
        for (int i = len + width - 1; i >= len; i--) {
            buf[i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        len += width;
    }

    private void utf8(String s, int i) {
        int cp = s.codePointAt(i);
        ensure(4);
        if (cp < 0x800) {
            buf[len++] = (byte) (0xC0 | cp >> 6);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        } else if (cp < 0x10000) {
            buf[len++] = (byte) (0xE0 | cp >> 12);
            buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        } else {
            buf[len++] = (byte) (0xF0 | cp >> 18);
            buf[len++] = (byte) (0x80 | cp >> 12 & 0x3F);
            buf[len++] = (byte) (0x80 | cp >> 6 & 0x3F);
            buf[len++] = (byte) (0x80 | cp & 0x3F);
        }
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + more));
        }
    }
}
