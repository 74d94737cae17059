package io.volsurf.forecaster.ingest;

import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.market.PriceUnit;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Collects the rows of one underlying in one session, validates each, fills in the spot, resolves
 * duplicates and builds the {@link SessionChain}. Every row ends as a quote or a reject: the shared
 * validation of every layout (non-finite values, signs, expiry, magnitudes against the spot, the vendor
 * IV's unit), so that one bad value costs its row and never the file.
 */
final class SessionAssembler {

    private final String file;
    private final String underlying;
    private final LocalDate session;
    private final Instant snapshot;
    private final ChainFormat format;
    private final LocalDate collectionDate;
    private double headerSpot;
    private final SpotSource rowSpotSource;
    private final List<RawRow> pending = new ArrayList<>();
    private final List<Reject> rejects = new ArrayList<>();
    private final Map<Instant, String> instantTexts = new HashMap<>();
    private final LocalDate lastExpiry;
    private final IngestNotes notes;

    /**
     * @param headerSpot    a file-level spot (us-options header), NaN when absent
     * @param rowSpotSource how the rows' underlying price column is to be read as a spot
     * @param notes         receives the unit the vendor IVs were read in
     */
    SessionAssembler(String file, String underlying, LocalDate session, Instant snapshot, ChainFormat format,
            LocalDate collectionDate, double headerSpot, SpotSource rowSpotSource, IngestNotes notes) {
        this.lastExpiry = session.plusYears(ValueBounds.MAX_YEARS_TO_EXPIRY);
        this.notes = notes;
        this.file = file;
        this.underlying = underlying;
        this.session = session;
        this.snapshot = snapshot;
        this.format = format;
        this.collectionDate = collectionDate;
        this.headerSpot = headerSpot;
        this.rowSpotSource = rowSpotSource;
    }

    /** A file-level spot known only after the rows (JSON header after the contracts). */
    void setHeaderSpot(double spot) {
        this.headerSpot = spot;
    }

    void reject(long row, RejectReason reason, String detail) {
        rejects.add(new Reject(file, row, reason, detail));
    }

    /** Validates one row: kept for the chain, or recorded as a reject. */
    void add(RawRow r) {
        RejectReason reason = null;
        String detail = null;
        String infinite = infiniteField(r);
        if (infinite != null) {
            reason = RejectReason.UNPARSEABLE_FIELD;
            detail = infinite + " is not a finite number";
        } else if (!(r.strike() > 0)) {
            reason = RejectReason.NON_POSITIVE_STRIKE;
            detail = "strike " + r.strike();
        } else if (r.underlyingPrice() <= 0) {
            reason = RejectReason.NON_POSITIVE_UNDERLYING;
            detail = "underlying price " + r.underlyingPrice();
        } else if (r.bid() < 0 || r.ask() < 0 || r.last() < 0 || r.mark() < 0) {
            reason = RejectReason.NEGATIVE_PRICE;
            detail = "negative price: bid " + r.bid() + " ask " + r.ask() + " last " + r.last() + " mark " + r.mark();
        } else if (r.volume() < 0 || r.openInterest() < 0) {
            reason = RejectReason.NEGATIVE_COUNT;
            detail = "volume " + r.volume() + ", open interest " + r.openInterest();
        } else if (r.bid() > r.ask()) {
            reason = RejectReason.CROSSED_QUOTE;
            detail = "bid " + r.bid() + " > ask " + r.ask();
        } else if (!r.expiryInstant().isAfter(r.snapshot())) {
            reason = RejectReason.EXPIRED;
            detail = "expiry " + text(r.expiryInstant()) + " not after snapshot " + text(r.snapshot());
        } else if (r.expiry().isAfter(lastExpiry)) {
            reason = RejectReason.EXPIRY_TOO_FAR;
            detail = "expiry more than " + ValueBounds.MAX_YEARS_TO_EXPIRY + " years after the session " + session;
        } else if (Math.abs(r.rate()) > ValueBounds.MAX_ABS_RATE
                || Math.abs(r.dividendYield()) > ValueBounds.MAX_ABS_RATE) {
            reason = RejectReason.RATE_OUT_OF_RANGE;
            detail = "rate " + r.rate() + ", dividend yield " + r.dividendYield() + " (decimal a year; |x| <= "
                    + ValueBounds.MAX_ABS_RATE + ")";
        } else if (!r.hasPrice() && !(r.vendorIv() > 0)) {
            if (Double.isNaN(r.vendorIv())) {
                reason = RejectReason.NO_PRICE;
                detail = "no bid, ask, last or mark above zero, and no vendor IV";
            } else {
                reason = RejectReason.IV_MISSING_OR_NON_POSITIVE;
                detail = "no price above zero and vendor IV " + r.vendorIv() + " <= 0";
            }
        }
        if (reason != null) {
            reject(r, reason, detail);
        } else {
            pending.add(r);
        }
    }

    private void reject(RawRow r, RejectReason reason, String detail) {
        rejects.add(new Reject(file, r.row(), reason, r.type() + " " + r.expiry() + " K=" + r.strike() + ": "
                + detail));
    }

    /** The first field holding an infinity (a reader that let one through); null when none. No array: per row. */
    private static String infiniteField(RawRow r) {
        return Double.isInfinite(r.strike()) ? "strike" : Double.isInfinite(r.bid()) ? "bid"
                : Double.isInfinite(r.ask()) ? "ask" : Double.isInfinite(r.last()) ? "last"
                : Double.isInfinite(r.mark()) ? "mark" : Double.isInfinite(r.vendorIv()) ? "vendor IV"
                : Double.isInfinite(r.volume()) ? "volume" : Double.isInfinite(r.openInterest()) ? "open interest"
                : Double.isInfinite(r.underlyingPrice()) ? "underlying price" : Double.isInfinite(r.rate()) ? "rate"
                : Double.isInfinite(r.dividendYield()) ? "dividend yield" : null;
    }

    /** Instant.toString, formatted once per instant: a chain's expired rows share a few (all the same-day ones). */
    private String text(Instant t) {
        return instantTexts.computeIfAbsent(t, Instant::toString);
    }

    boolean isEmpty() {
        return pending.isEmpty() && rejects.isEmpty();
    }

    /** Builds the chain; rows are released. */
    SessionChain finish() {
        double spot = Double.NaN;
        SpotSource source = null;
        if (headerSpot > 0) {
            spot = headerSpot;
            source = SpotSource.HEADER;
        } else {
            spot = spotFromRows();
            if (spot > 0) {
                source = rowSpotSource;
            }
        }
        boolean anyMissing = pending.stream().anyMatch(r -> Double.isNaN(r.underlyingPrice()));
        if (!(spot > 0) && anyMissing) {
            spot = ParitySpotEstimator.estimate(pending);
            source = spot > 0 ? SpotSource.PUT_CALL_PARITY : null;
        }
        List<RawRow> rows = new ArrayList<>(pending.size());
        for (RawRow r : pending) {
            if (Double.isNaN(r.underlyingPrice()) && !(spot > 0)) {
                reject(r, RejectReason.SPOT_NOT_INFERABLE, "underlying price absent and no call/put pair to infer "
                        + "it from");
            } else if (inRange(r, spot)) {
                rows.add(r); // a row without an underlying price takes the session spot when its quote is built
            }
        }
        IvUnit ivUnit = ivUnit(rows, spot);
        List<OptionQuote> quotes = dedupe(rows, spot, ivUnit);
        pending.clear();
        if (!(spot > 0) && !quotes.isEmpty()) {
            spot = quotes.get(0).underlyingPrice();
            source = rowSpotSource;
        }
        return new SessionChain(underlying, session, snapshot, spot > 0 ? spot : Double.NaN, source, quotes,
                rejects, file, collectionDate, format);
    }

    /**
     * Magnitudes against the session's spot; rejects the row and returns false when one is absurd. The spot is
     * robust to a few such rows (a header value, or a median of rows).
     */
    private boolean inRange(RawRow r, double spot) {
        double u = Double.isNaN(r.underlyingPrice()) ? spot : r.underlyingPrice();
        double ref = spot > 0 ? spot : u;
        if (u > ref * ValueBounds.UNDERLYING_SPOT_RATIO || u < ref / ValueBounds.UNDERLYING_SPOT_RATIO) {
            reject(r, RejectReason.UNDERLYING_PRICE_OUT_OF_RANGE, "underlying price " + u + " against the session's "
                    + "spot " + ref);
            return false;
        }
        if (r.strike() > ref * ValueBounds.STRIKE_SPOT_RATIO || r.strike() < ref / ValueBounds.STRIKE_SPOT_RATIO) {
            reject(r, RejectReason.STRIKE_OUT_OF_RANGE, "strike outside [spot/" + (int) ValueBounds.STRIKE_SPOT_RATIO
                    + ", spot*" + (int) ValueBounds.STRIKE_SPOT_RATIO + "] of spot " + ref);
            return false;
        }
        double toUsd = r.unit() == PriceUnit.UNDERLYING ? u : 1;
        double bound = ValueBounds.PREMIUM_BOUND_MULTIPLE * (r.type() == OptionType.CALL ? u : r.strike());
        double highest = Math.max(Math.max(nanToZero(r.bid()), nanToZero(r.ask())),
                Math.max(nanToZero(r.last()), nanToZero(r.mark()))) * toUsd;
        if (highest > bound) {
            reject(r, RejectReason.PRICE_OUT_OF_RANGE, "premium " + highest + " USD above " + bound + " (ten times "
                    + (r.type() == OptionType.CALL ? "the underlying price" : "the strike") + ")");
            return false;
        }
        return true;
    }

    private static double nanToZero(double v) {
        return Double.isNaN(v) ? 0 : v;
    }

    /**
     * The unit of the chain's vendor IVs (see {@link IvUnitDetector}), noted for the run; rows whose vendor IV is
     * absurd in that unit are rejected (removed from {@code rows}).
     */
    private IvUnit ivUnit(List<RawRow> rows, double spot) {
        if (rows.isEmpty()) {
            return IvUnit.DECIMAL;
        }
        IvUnitRule rule = rows.get(0).ivRule();
        IvUnitDetector.Decision d = IvUnitDetector.decide(rule, rows, spot);
        if (d == null) {
            return rule.fallback();
        }
        if (notes != null) {
            notes.ivUnit(new IvUnitNote(format.cliName(), rule.column(), d.unit().label(), d.basis(), 1,
                    underlying + " " + session + (d.evidence() == null ? "" : ": " + d.evidence())));
        }
        rows.removeIf(r -> {
            double iv = d.unit().toDecimal(r.vendorIv());
            if (iv > ValueBounds.MAX_VENDOR_IV) {
                reject(r, RejectReason.VENDOR_IV_OUT_OF_RANGE, rule.column() + " " + r.vendorIv() + " read as "
                        + d.unit().label() + " is " + iv + " (above " + ValueBounds.MAX_VENDOR_IV + ")");
                return true;
            }
            return false;
        });
        return d.unit();
    }

    private double spotFromRows() {
        if (rowSpotSource == SpotSource.NEAREST_EXPIRY_FORWARD) {
            RawRow nearest = null;
            for (RawRow r : pending) {
                boolean nearer = nearest == null || r.expiryInstant().isBefore(nearest.expiryInstant());
                if (r.underlyingPrice() > 0 && nearer) {
                    nearest = r;
                }
            }
            return nearest == null ? Double.NaN : nearest.underlyingPrice();
        }
        double[] prices = pending.stream().mapToDouble(RawRow::underlyingPrice).filter(p -> p > 0).toArray();
        if (prices.length == 0) {
            return Double.NaN;
        }
        Arrays.sort(prices);
        return prices[prices.length / 2];
    }

    /**
     * Index of each series (expiry, strike, type) in the kept rows: open addressing on the primitive key (a map of
     * record keys cost more than the rest of the assembly). Series are equal when their expiry days, strike bits
     * ({@code Double.compare == 0}, as a record key compares them) and types are.
     */
    private static final class SeriesIndex {
        private final int[] slots;
        private final int mask;
        private final List<RawRow> kept;

        SeriesIndex(int rows, List<RawRow> kept) {
            int capacity = Integer.highestOneBit(Math.max(4, rows) * 2 - 1) << 1;
            slots = new int[capacity];
            mask = capacity - 1;
            this.kept = kept;
        }

        /** The index in kept of r's series, or -1 after claiming its slot for index {@code next}. */
        int indexOrPut(RawRow r, int next) {
            long day = r.expiry().toEpochDay();
            long strikeBits = Double.doubleToLongBits(r.strike());
            OptionType type = r.type();
            long h = (day * 0x9E3779B97F4A7C15L) ^ (strikeBits * 0xC2B2AE3D27D4EB4FL) ^ type.ordinal();
            int slot = (int) (h ^ (h >>> 29) ^ (h >>> 41)) & mask;
            while (true) {
                int at = slots[slot] - 1;
                if (at < 0) {
                    slots[slot] = next + 1;
                    return -1;
                }
                RawRow o = kept.get(at);
                if (o.type() == type && Double.doubleToLongBits(o.strike()) == strikeBits
                        && o.expiry().toEpochDay() == day) {
                    return at;
                }
                slot = (slot + 1) & mask;
            }
        }
    }

    /** Keeps the more liquid of two rows with the same expiry, strike and type; the other is a DUPLICATE. */
    private List<OptionQuote> dedupe(List<RawRow> rows, double spot, IvUnit ivUnit) {
        List<RawRow> kept = new ArrayList<>(rows.size());
        SeriesIndex index = new SeriesIndex(rows.size(), kept);
        for (RawRow r : rows) {
            int at = index.indexOrPut(r, kept.size());
            if (at < 0) {
                kept.add(r);
                continue;
            }
            RawRow other = kept.get(at);
            RawRow loser = r;
            RawRow winner = other;
            if (r.liquidity() > other.liquidity()) {
                kept.set(at, r);
                loser = other;
                winner = r;
            }
            rejects.add(new Reject(file, loser.row(), RejectReason.DUPLICATE, loser.type() + " " + loser.expiry()
                    + " K=" + loser.strike() + ": same series as row " + winner.row()
                    + ", which has more open interest/volume and is kept"));
        }
        List<OptionQuote> quotes = new ArrayList<>(kept.size());
        for (RawRow r : kept) {
            try {
                quotes.add(new OptionQuote(r.underlying(), r.session(), r.snapshot(), r.expiry(), r.expiryInstant(),
                        r.strike(), r.type(), r.bid(), r.ask(), r.last(), r.mark(), r.unit(),
                        ivUnit.toDecimal(r.vendorIv()), r.volume(), r.openInterest(),
                        Double.isNaN(r.underlyingPrice()) ? spot : r.underlyingPrice(), r.rate(), r.dividendYield()));
            } catch (IllegalArgumentException e) {
                // The checks above should leave nothing for the quote's own to refuse; if they miss a case, it costs
                // this row, not the file.
                reject(r, RejectReason.INVALID_VALUE, String.valueOf(e.getMessage()));
            }
        }
        return quotes;
    }
}
