package io.volsurf.db.jdbc;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import java.util.Arrays;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT binary)}: one round trip for a whole
 * table's worth of rows. NaN, infinities and null become SQL NULL.
 *
 * <p>Binary, because the server's text parsing of doubles and dates was most of the cost of a COPY
 * once the client wrote text fast (see {@code DatabaseWriteCheck} in {@code bench}): a binary float8
 * is its IEEE bits, a date its day number. Binary fields carry no type, so each {@code add} must match
 * its column's type exactly: {@code double} for {@code double precision}, {@code long} for
 * {@code bigint}, {@code int} for {@code integer}, {@code boolean}, {@link LocalDate} for {@code date},
 * {@link String} for {@code text} and {@code char(n)}; a mismatch fails the COPY with the server's
 * "incorrect binary data format" and the table's name. A null of any type is written with
 * {@code add((String) null)}.
 *
 * <p>Rows stream to the server in chunks of {@value #CHUNK} bytes while the next ones are formatted;
 * the COPY opens with the first chunk, so a table without rows costs no round trip.
 */
public final class CopyRows {

    /** Writes the rows of one COPY. */
    @FunctionalInterface
    public interface Rows {
        void write(CopyRows rows) throws SQLException;
    }

    static final int CHUNK = 1 << 16;
    private static final byte[] HEADER = {'P', 'G', 'C', 'O', 'P', 'Y', '\n', (byte) 0xFF, '\r', '\n', 0,
        0, 0, 0, 0, 0, 0, 0, 0};
    /** 2000-01-01, PostgreSQL's epoch for dates, as an epoch day. */
    private static final long PG_EPOCH_DAY = 10_957;
    private static final VarHandle INT = MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle LONG = MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);
    private static final VarHandle SHORT = MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);

    private final Connection connection;
    private final String tableAndColumns;
    private CopyIn in;
    private byte[] buf = new byte[CHUNK + 1024];
    private int len;
    private int rowStart = -1;
    private int fields;
    private int fieldsPerRow = -1;
    private long rows;

    private CopyRows(Connection connection, String tableAndColumns) {
        this.connection = connection;
        this.tableAndColumns = tableAndColumns;
        System.arraycopy(HEADER, 0, buf, 0, HEADER.length);
        len = HEADER.length;
    }

    /**
     * Copies the rows {@code rows} writes into {@code table (columns)}; returns the number of rows
     * written. Whatever {@code rows} throws cancels the COPY, so nothing of it is written.
     */
    public static long copy(Connection c, String tableAndColumns, Rows rows) throws SQLException {
        CopyRows out = new CopyRows(c, tableAndColumns);
        try {
            rows.write(out);
            return out.finish();
        } catch (SQLException e) {
            SQLException failed = new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(),
                    e.getSQLState(), e);
            out.cancel(failed);
            throw failed;
        } catch (RuntimeException | Error e) {
            out.cancel(e);
            throw e;
        }
    }

    /** Leaves the connection usable (for the rollback) after a failed COPY. */
    private void cancel(Throwable cause) {
        try {
            if (in != null && in.isActive()) {
                in.cancelCopy();
            }
        } catch (SQLException e) {
            cause.addSuppressed(e);
        }
    }

    public CopyRows add(String s) {
        field();
        if (s == null) {
            putInt(-1);
            return this;
        }
        int n = s.length();
        ensure(4 + 3 * n);
        int at = len;
        len += 4;
        for (int i = 0; i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                buf[len++] = (byte) ch;
            } else {
                i = utf8(s, i);
            }
        }
        INT.set(buf, at, len - at - 4);
        return this;
    }

    /** A double precision field; NaN and infinities ("not computed") are NULL, as in {@link NullableDouble}. */
    public CopyRows add(double v) {
        field();
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            putInt(-1);
        } else {
            ensure(12);
            INT.set(buf, len, 8);
            LONG.set(buf, len + 4, Double.doubleToRawLongBits(v));
            len += 12;
        }
        return this;
    }

    /** A bigint field. */
    public CopyRows add(long v) {
        field();
        ensure(12);
        INT.set(buf, len, 8);
        LONG.set(buf, len + 4, v);
        len += 12;
        return this;
    }

    /** An integer field. */
    public CopyRows add(int v) {
        field();
        ensure(8);
        INT.set(buf, len, 4);
        INT.set(buf, len + 4, v);
        len += 8;
        return this;
    }

    public CopyRows add(boolean v) {
        field();
        ensure(5);
        INT.set(buf, len, 1);
        buf[len + 4] = (byte) (v ? 1 : 0);
        len += 5;
        return this;
    }

    public CopyRows add(LocalDate d) {
        field();
        if (d == null) {
            putInt(-1);
        } else {
            long days = d.toEpochDay() - PG_EPOCH_DAY;
            if (days != (int) days) {
                throw new IllegalArgumentException("date out of PostgreSQL's range for " + tableAndColumns + ": " + d);
            }
            ensure(8);
            INT.set(buf, len, 4);
            INT.set(buf, len + 4, (int) days);
            len += 8;
        }
        return this;
    }

    /** Ends a row; sends what is formatted once it fills a chunk. */
    public CopyRows endRow() throws SQLException {
        if (rowStart < 0) {
            throw new IllegalStateException("a row without fields for " + tableAndColumns);
        }
        if (fieldsPerRow < 0) {
            fieldsPerRow = fields;
        } else if (fields != fieldsPerRow) {
            throw new IllegalStateException("row " + (rows + 1) + " has " + fields + " fields, the first had "
                    + fieldsPerRow + ", for " + tableAndColumns);
        }
        SHORT.set(buf, rowStart, (short) fields);
        rowStart = -1;
        fields = 0;
        rows++;
        if (len >= CHUNK) {
            send();
        }
        return this;
    }

    private long finish() throws SQLException {
        if (rowStart >= 0) {
            throw new IllegalStateException("the last row for " + tableAndColumns + " has no endRow()");
        }
        if (rows == 0) {
            return 0;
        }
        ensure(2);
        SHORT.set(buf, len, (short) -1);
        len += 2;
        send();
        return in.endCopy();
    }

    private void send() throws SQLException {
        if (in == null) {
            in = connection.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT binary)");
        }
        in.writeToCopy(buf, 0, len);
        len = 0;
    }

    private void field() {
        if (rowStart < 0) {
            ensure(2);
            rowStart = len;
            len += 2;
        }
        fields++;
    }

    private void putInt(int v) {
        ensure(4);
        INT.set(buf, len, v);
        len += 4;
    }

    /** Writes the code point at {@code i} (room reserved by the caller); returns the index of its last char. */
    private int utf8(String s, int i) {
        int cp = s.codePointAt(i);
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
            return i + 1;
        }
        return i;
    }

    private void ensure(int more) {
        if (len + more > buf.length) {
            buf = Arrays.copyOf(buf, Math.max(2 * buf.length, len + more));
        }
    }
}
