package io.volsurf.bench;

import java.io.IOException;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.LocalDate;
import org.postgresql.PGConnection;

/**
 * The COPY row writer before Schubfach doubles and bytes (kept to measure against): rows for PostgreSQL's {@code COPY ... FROM STDIN (FORMAT csv)}: one round trip for a whole
 * table's worth of rows. NaN and null become SQL NULL (an empty unquoted field).
 */
final class LegacyCopyRows {

    private final StringBuilder text = new StringBuilder(1 << 16);
    private int fields;
    private int rows;

    public LegacyCopyRows add(String s) {
        sep();
        if (s != null) {
            text.append('"').append(s.replace("\"", "\"\"")).append('"');
        }
        return this;
    }

    public LegacyCopyRows add(double v) {
        sep();
        if (!Double.isNaN(v) && !Double.isInfinite(v)) {
            text.append(v);
        }
        return this;
    }

    public LegacyCopyRows add(long v) {
        sep();
        text.append(v);
        return this;
    }

    public LegacyCopyRows add(LocalDate d) {
        sep();
        if (d != null) {
            text.append(d);
        }
        return this;
    }

    public LegacyCopyRows endRow() {
        text.append('\n');
        fields = 0;
        rows++;
        return this;
    }

    public int rows() {
        return rows;
    }

    /** Copies the rows into {@code table (columns)}; returns the number of rows written. */
    public long copyInto(Connection c, String tableAndColumns) throws SQLException {
        if (rows == 0) {
            return 0;
        }
        try {
            return c.unwrap(PGConnection.class).getCopyAPI()
                    .copyIn("COPY " + tableAndColumns + " FROM STDIN (FORMAT csv)", new StringReader(text.toString()));
        } catch (IOException e) {
            throw new SQLException("COPY into " + tableAndColumns + " failed: " + e.getMessage(), e);
        }
    }

    private void sep() {
        if (fields++ > 0) {
            text.append(',');
        }
    }
}
