package io.volsurf.greeks.quantlib;

import java.util.Locale;

/**
 * QuantLib engine for American options.
 * <ul>
 * <li>{@link #FD}: FdBlackScholesVanillaEngine (Crank-Nicolson-type Douglas scheme); accurate,
 *     slow. Delta, gamma and theta come from the grid; vega and rho from central bumps.</li>
 * <li>{@link #BAW}: Barone-Adesi-Whaley (1987) quadratic approximation; fast, about 1e-3 relative
 *     error. Every Greek from central bumps of its price (QuantLib gives only the value).</li>
 * <li>{@link #BJERKSUND}: Bjerksund-Stensland (1993) approximation; fast, slightly low.
 *     Every Greek from central bumps.</li>
 * </ul>
 * Bumps: spot +-0.1% (delta, gamma), vol +-1e-4, rate +-1e-4, maturity +-min(1 day, T/2) (theta).
 */
public enum AmericanEngine {
    FD(0), BAW(1), BJERKSUND(2);

    final int nativeCode;

    AmericanEngine(int nativeCode) {
        this.nativeCode = nativeCode;
    }

    /** Parses fd, baw or bjerksund (case-insensitive). */
    public static AmericanEngine parse(String text) {
        String t = text == null ? "" : text.trim().toLowerCase(Locale.ROOT);
        return switch (t) {
            case "fd" -> FD;
            case "baw", "barone-adesi-whaley" -> BAW;
            case "bjerksund", "bjerksund-stensland", "bs" -> BJERKSUND;
            default -> throw new IllegalArgumentException("american-engine must be fd, baw or bjerksund, got '" + text + "'");
        };
    }
}
