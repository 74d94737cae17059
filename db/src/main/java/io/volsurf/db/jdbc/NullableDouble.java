package io.volsurf.db.jdbc;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;

/** Doubles as SQL values: NaN and infinities ("not computed") become NULL, never a NaN in a column. */
public final class NullableDouble {
    private NullableDouble() {
    }

    public static void set(PreparedStatement ps, int index, double v) throws SQLException {
        if (Double.isNaN(v) || Double.isInfinite(v)) {
            ps.setNull(index, Types.DOUBLE);
        } else {
            ps.setDouble(index, v);
        }
    }

    /** The column as a double, NaN where it is NULL (rather than JDBC's 0.0). */
    public static double get(ResultSet rs, int index) throws SQLException {
        double v = rs.getDouble(index);
        return rs.wasNull() ? Double.NaN : v;
    }
}
