package io.volsurf.strategy.market;

import io.volsurf.forecaster.market.OptionType;
import java.time.LocalDate;
import java.util.Comparator;
import java.util.Locale;
import java.util.Objects;

/**
 * Identity of a listed option of one underlying: expiry date, strike (USD) and right. Ordered by expiry,
 * strike, then calls before puts, so every loop over contracts runs in the same order (determinism).
 *
 * @param expiry expiry date
 * @param strike strike, USD ({@code > 0})
 * @param type   call or put
 */
public record ContractKey(LocalDate expiry, double strike, OptionType type) implements Comparable<ContractKey> {

    private static final Comparator<ContractKey> ORDER = Comparator.comparing(ContractKey::expiry)
            .thenComparingDouble(ContractKey::strike).thenComparing(ContractKey::type);

    public ContractKey {
        Objects.requireNonNull(expiry, "expiry");
        Objects.requireNonNull(type, "type");
        if (!(strike > 0) || Double.isInfinite(strike)) {
            throw new IllegalArgumentException("strike must be finite and > 0, got " + strike);
        }
    }

    /** The same expiry and strike with the other right (the straddle's second leg). */
    public ContractKey otherType() {
        return new ContractKey(expiry, strike, type == OptionType.CALL ? OptionType.PUT : OptionType.CALL);
    }

    /** Intrinsic value at a spot, USD per unit of underlying. */
    public double intrinsic(double spot) {
        return Math.max(type == OptionType.CALL ? spot - strike : strike - spot, 0.0);
    }

    /** A stable text id, e.g. {@code 2026-06-19 C 450}, for logs and database rows. */
    public String id() {
        return String.format(Locale.ROOT, "%s %s %s", expiry, type == OptionType.CALL ? "C" : "P",
                new java.math.BigDecimal(Double.toString(strike)).stripTrailingZeros().toPlainString());
    }

    @Override
    public int compareTo(ContractKey o) {
        return ORDER.compare(this, o);
    }
}
