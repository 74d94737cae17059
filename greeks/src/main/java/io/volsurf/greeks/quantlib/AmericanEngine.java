package io.volsurf.greeks.quantlib;

import java.util.Locale;

/**
 * Engine for American options: QuantLib's through the binding, or the pure-Java BAW.
 * <ul>
 * <li>{@link #FD}: FdBlackScholesVanillaEngine (Crank-Nicolson-type Douglas scheme); accurate,
 *     slow. Delta, gamma and theta come from the grid; vega and rho from central bumps.</li>
 * <li>{@link #BAW}: Barone-Adesi-Whaley (1987) quadratic approximation; fast, about 1e-3 relative
 *     error. Every Greek from central bumps of its price (QuantLib gives only the value).</li>
 * <li>{@link #BJERKSUND}: Bjerksund-Stensland (1993) approximation; fast, slightly low.
 *     Every Greek from central bumps.</li>
 * <li>{@link #JAVA_BAW}: the same Barone-Adesi-Whaley approximation in plain Java
 *     ({@link io.volsurf.greeks.baw.BaroneAdesiWhaleyGreeks}): prices equal to QuantLib's to rounding, analytic
 *     Greeks, no JNI.</li>
 * </ul>
 * QuantLib bumps: spot +-0.1% (delta, gamma), vol +-1e-4, rate +-1e-4, maturity +-min(1 day, T/2) (theta).
 * Settings and the CLI also take the names {@code quantlib_baw}, {@code quantlib_fd}, {@code quantlib_bjerksund}.
 */
public enum AmericanEngine {
    FD(0), BAW(1), BJERKSUND(2), JAVA_BAW(-1);

    final int nativeCode;

    AmericanEngine(int nativeCode) {
        this.nativeCode = nativeCode;
    }

    /** True for the engines priced by QuantLib through JNI (all but {@link #JAVA_BAW}). */
    public boolean quantLib() {
        return nativeCode >= 0;
    }

    /** What reports call it, e.g. "QuantLib BAW" or "Java BAW". */
    public String label() {
        return this == JAVA_BAW ? "Java BAW" : "QuantLib " + name();
    }

    /**
     * Parses fd, baw, bjerksund, java_baw, or the explicit quantlib_fd, quantlib_baw, quantlib_bjerksund
     * (case-insensitive, '-' or '_').
     */
    public static AmericanEngine parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return switch (t) {
            case "fd", "quantlib-fd" -> FD;
            case "baw", "barone-adesi-whaley", "quantlib-baw" -> BAW;
            case "bjerksund", "bjerksund-stensland", "bs", "quantlib-bjerksund" -> BJERKSUND;
            case "java-baw" -> JAVA_BAW;
            default -> throw new IllegalArgumentException("american-engine must be fd, baw, bjerksund, java_baw, "
                    + "quantlib_fd, quantlib_baw or quantlib_bjerksund, got '" + text + "'");
        };
    }
}
