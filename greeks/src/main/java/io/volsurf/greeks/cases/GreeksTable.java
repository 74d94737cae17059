package io.volsurf.greeks.cases;

import io.volsurf.greeks.Greeks;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Output rows of the greeks command: the fixed JSON field names and the CSV form. */
public final class GreeksTable {
    /** CSV header, the same names as the JSON fields. */
    public static final String CSV_HEADER = "price,delta,gamma,vega,theta,rho";

    private GreeksTable() {
    }

    /** The fixed JSON fields {"price","delta","gamma","vega","theta","rho"}, in that order. */
    public static Map<String, Object> fields(Greeks g) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("price", g.price());
        m.put("delta", g.delta());
        m.put("gamma", g.gamma());
        m.put("vega", g.vega());
        m.put("theta", g.theta());
        m.put("rho", g.rho());
        return m;
    }

    /** One CSV row; full double precision so that nothing is lost in a round trip. */
    public static String csvRow(Greeks g) {
        return String.format(Locale.ROOT, "%s,%s,%s,%s,%s,%s", g.price(), g.delta(), g.gamma(), g.vega(),
                g.theta(), g.rho());
    }
}
