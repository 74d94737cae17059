package io.volsurf.strategy.config;

import io.volsurf.greeks.ExerciseStyle;
import java.util.Locale;
import java.util.Set;

/**
 * Which exercise style a run prices its options with. {@link #AUTO} resolves per underlying with
 * {@link #resolve}: coin options (Deribit: the venue lists European options only) and cash-settled index options
 * (SPX, XSP, NDX, RUT, VIX and their weeklies...) are European; every other US underlying (single names, ETFs) is
 * American, as listed US equity options are.
 */
public enum ExerciseStyleRule {
    AUTO, AMERICAN, EUROPEAN;

    /**
     * European index options listed in the US (CBOE/Nasdaq cash-settled, European exercise). OEX is American and
     * is deliberately absent.
     */
    public static final Set<String> EUROPEAN_INDEX_TICKERS = Set.of("SPX", "SPXW", "SPXPM", "XSP", "NDX", "NDXP",
            "XND", "RUT", "RUTW", "MRUT", "VIX", "VIXW", "DJX", "XEO", "MXEA", "MXEF", "OSX", "SOX", "NANOS");

    /**
     * The style for one underlying.
     *
     * @param ticker  the underlying
     * @param crypto  true for coin options (Deribit layout: sessions every day)
     * @param table   per-ticker styles configured by the user (upper-case tickers); consulted under AUTO before the
     *                default rule; may be empty
     */
    public ExerciseStyle resolve(String ticker, boolean crypto, java.util.Map<String, ExerciseStyle> table) {
        if (this == AMERICAN) {
            return ExerciseStyle.AMERICAN;
        }
        if (this == EUROPEAN) {
            return ExerciseStyle.EUROPEAN;
        }
        String t = ticker.trim().toUpperCase(Locale.ROOT);
        ExerciseStyle configured = table.get(t);
        if (configured != null) {
            return configured;
        }
        if (crypto || EUROPEAN_INDEX_TICKERS.contains(t)) {
            return ExerciseStyle.EUROPEAN;
        }
        return ExerciseStyle.AMERICAN;
    }

    /** The rule that always gives {@code style}. */
    public static ExerciseStyleRule of(ExerciseStyle style) {
        return style == ExerciseStyle.AMERICAN ? AMERICAN : EUROPEAN;
    }
}
