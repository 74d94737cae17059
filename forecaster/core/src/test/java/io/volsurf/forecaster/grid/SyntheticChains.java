package io.volsurf.forecaster.grid;

import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.ingest.SpotSource;
import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import io.volsurf.forecaster.svi.SviParams;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.function.UnaryOperator;

/**
 * Parity-consistent synthetic chains with a known SSVI surface (test fixture): each expiry's smile is the raw-SVI
 * form of {@code w(k) = theta/2 (1 + rho phi k + sqrt((phi k + rho)^2 + 1 - rho^2))}, {@code theta = atmVol^2 T},
 * {@code phi = eta / sqrt(theta)}, which is free of butterfly and calendar arbitrage for these parameters.
 */
public final class SyntheticChains {

    public static final LocalDate SESSION = LocalDate.of(2026, 6, 1);
    public static final Instant SNAPSHOT = Instant.parse("2026-06-01T20:00:00Z");

    public final double spot;
    public final double rate;
    public final double dividendYield;
    public final double atmVol;
    public final double rho;
    public final double eta;

    public SyntheticChains(double spot, double rate, double dividendYield, double atmVol, double rho, double eta) {
        this.spot = spot;
        this.rate = rate;
        this.dividendYield = dividendYield;
        this.atmVol = atmVol;
        this.rho = rho;
        this.eta = eta;
    }

    /** SPY-like: spot 750, 15% ATM vol, skew -0.6. */
    public static SyntheticChains equityLike() {
        return new SyntheticChains(750, 0.05, 0.015, 0.15, -0.6, 0.8);
    }

    public double maturityYears(int days) {
        return days / 365.0;
    }

    public double forward(int days) {
        return spot * Math.exp((rate - dividendYield) * maturityYears(days));
    }

    public double discount(int days) {
        return Math.exp(-rate * maturityYears(days));
    }

    /** The true raw SVI slice of an expiry {@code days} out. */
    public SviParams svi(int days) {
        double t = maturityYears(days);
        double theta = atmVol * atmVol * t;
        double phi = eta / Math.sqrt(theta);
        return new SviParams(theta / 2 * (1 - rho * rho), theta * phi / 2, rho, -rho / phi,
                Math.sqrt(1 - rho * rho) / phi);
    }

    public double vol(int days, double strike) {
        return svi(days).impliedVol(Math.log(strike / forward(days)), maturityYears(days));
    }

    /**
     * Calls and puts at strikes {@code spot * exp(x)} for x from -4 to +3 ATM standard deviations,
     * {@code strikesPerExpiry} of them; two-sided quotes with a half-spread of {@code halfSpreadVol} in vol when
     * positive, else last prices only (no bid/ask, as in us-options). Rates and dividends are not given in the
     * rows (NaN), so forwards must come from parity.
     */
    public List<OptionQuote> quotes(int days, int strikesPerExpiry, double halfSpreadVol) {
        double t = maturityYears(days);
        double f = forward(days);
        double d = discount(days);
        double sd = atmVol * Math.sqrt(t);
        List<OptionQuote> out = new ArrayList<>();
        LocalDate expiry = SESSION.plusDays(days);
        Instant expiryInstant = SNAPSHOT.plus(Duration.ofDays(days));
        for (int i = 0; i < strikesPerExpiry; i++) {
            double x = -4 * sd + 7 * sd * i / (strikesPerExpiry - 1);
            double strike = Math.round(spot * Math.exp(x) * 100) / 100.0;
            double vol = vol(days, strike);
            for (OptionType type : OptionType.values()) {
                boolean call = type == OptionType.CALL;
                double price = d * BlackFormula.price(f, strike, vol, t, call);
                double bid = Double.NaN;
                double ask = Double.NaN;
                double last = price;
                if (halfSpreadVol > 0) {
                    // Capped so that the mid stays the true price (a floored zero bid would bias it).
                    double dv = Math.min(halfSpreadVol * d * BlackFormula.vega(f, strike, vol, t), 0.9 * price);
                    bid = price - dv;
                    ask = price + dv;
                    last = Double.NaN;
                }
                out.add(new OptionQuote("SYN", SESSION, SNAPSHOT, expiry, expiryInstant, strike, type, bid, ask, last,
                        Double.NaN, PriceUnit.QUOTE_CURRENCY, vol, 10, 100, spot, Double.NaN, Double.NaN));
            }
        }
        return out;
    }

    /** A session chain with the given expiries (days out). */
    public SessionChain chain(int[] days, int strikesPerExpiry, double halfSpreadVol) {
        return chain(days, strikesPerExpiry, halfSpreadVol, UnaryOperator.identity());
    }

    /** A session chain whose quotes pass through {@code dirty} (to add stale prints, spikes...). */
    public SessionChain chain(int[] days, int strikesPerExpiry, double halfSpreadVol,
            UnaryOperator<List<OptionQuote>> dirty) {
        List<OptionQuote> all = new ArrayList<>();
        for (int d : days) {
            all.addAll(quotes(d, strikesPerExpiry, halfSpreadVol));
        }
        return new SessionChain("SYN", SESSION, SNAPSHOT, spot, SpotSource.HEADER, dirty.apply(all), List.of(),
                "synthetic", SESSION, ChainFormat.GENERIC);
    }

    /** A copy of a quote with another last price (a stale print). */
    public static OptionQuote withLast(OptionQuote q, double last) {
        return new OptionQuote(q.underlying(), q.session(), q.snapshot(), q.expiry(), q.expiryInstant(), q.strike(),
                q.type(), q.bid(), q.ask(), last, q.mark(), q.priceUnit(), q.vendorIv(), q.volume(), q.openInterest(),
                q.underlyingPrice(), q.rate(), q.dividendYield());
    }
}
