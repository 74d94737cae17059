package io.volsurf.forecaster.smile;

import java.util.Locale;

/**
 * Where a smile's implied vols come from: inverted from the quotes' prices, or the vendor's own IV column where
 * the layout carries one. Bid and ask vols (spread weights) and every quote filter are the same for both; only the
 * vol a quote is fitted at differs.
 */
public enum IvSource {
    /** Black vols inverted from each quote's mid (else mark, else last price). */
    PRICES("prices"),
    /**
     * The vendor's IV of each quote; a quote without one (a layout or a row that carries none) falls back to the
     * vol inverted from its price, and is counted.
     */
    VENDOR("vendor");

    /** The source {@code ingest} uses without {@code --iv-source}. */
    public static final IvSource DEFAULT = PRICES;

    private final String cliName;

    IvSource(String cliName) {
        this.cliName = cliName;
    }

    /** The name used by {@code ingest --iv-source} and stored with each session. */
    public String cliName() {
        return cliName;
    }

    /**
     * Parses an {@code --iv-source} value.
     *
     * @throws IllegalArgumentException naming the flag and the accepted values
     */
    public static IvSource fromCliName(String name) {
        if (name != null) {
            for (IvSource s : values()) {
                if (s.cliName.equals(name.trim().toLowerCase(Locale.ROOT))) {
                    return s;
                }
            }
        }
        throw new IllegalArgumentException("--iv-source must be prices or vendor, got '" + name + "'");
    }
}
