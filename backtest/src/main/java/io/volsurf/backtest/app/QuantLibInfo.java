package io.volsurf.backtest.app;

import java.util.LinkedHashMap;
import java.util.Map;

/** QuantLib as seen through the project's binding. */
final class QuantLibInfo {
    private QuantLibInfo() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "binding not built in this version");
        return m;
    }
}
