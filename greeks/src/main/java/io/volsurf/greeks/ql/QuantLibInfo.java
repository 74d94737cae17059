package io.volsurf.greeks.ql;

/** What the binding reports about the QuantLib it was built against (for the info command). */
public final class QuantLibInfo {
    private QuantLibInfo() {
    }

    /** QuantLib's version string, e.g. "1.29"; loads the binding. */
    public static String version() {
        NativeLibrary.load();
        return VolsurfQL.quantLibVersion();
    }
}
