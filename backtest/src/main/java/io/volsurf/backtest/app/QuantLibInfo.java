package io.volsurf.backtest.app;

import java.util.LinkedHashMap;
import java.util.Map;

/** QuantLib as seen through the project's SWIG binding (loading it proves the JNI library works). */
final class QuantLibInfo {
    private QuantLibInfo() {
    }

    static Map<String, Object> describe() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", io.volsurf.greeks.ql.QuantLibInfo.version());
        m.put("binding", "SWIG 4 interface greeks/src/main/swig/volsurfql.i, JNI library libvolsurfql.so loaded from the jar");
        return m;
    }
}
