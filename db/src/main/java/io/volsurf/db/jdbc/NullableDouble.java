package io.volsurf.db.jdbc;

import java.sql.PreparedStatement;
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
}
