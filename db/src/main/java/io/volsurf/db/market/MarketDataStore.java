package io.volsurf.db.market;

import io.volsurf.db.jdbc.RunOwnerLock;
import io.volsurf.db.jdbc.CopyRows;
import io.volsurf.db.jdbc.NullableDouble;
import io.volsurf.db.jdbc.Transactions;
import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.forecaster.features.SpotHistoryFeatures;
import io.volsurf.forecaster.features.SpotObservation;
import io.volsurf.forecaster.forward.ExpiryForward;
import io.volsurf.forecaster.forward.ForwardMethod;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.market.PriceUnit;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.HalfSpreadCurve;
import io.volsurf.forecaster.grid.SurfaceRegridder;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SmileSlice;
import io.volsurf.forecaster.ingest.Reject;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.OptionType;
import io.volsurf.forecaster.smile.IvSource;
import io.volsurf.forecaster.svi.SviParams;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.sql.DataSource;

/**
 * Market data in PostgreSQL: ingest runs, sessions with their quotes, rejects, SVI fits, canonical
 * surfaces and features. Storing a session replaces it whole in one transaction (delete, then COPY
 * and batched inserts), so re-ingesting is idempotent and a failure leaves the previous state. Writers of
 * one (ticker, session) serialise on a transaction-level advisory lock, so two processes ingesting the same
 * files at once both succeed and one copy is stored. A running ingest is owned by a session-level advisory
 * lock (see {@code V6__ingest_run_owners.sql}): once its process is gone the run reads as failed.
 */
public final class MarketDataStore {

    private final DataSource dataSource;
    private final Transactions transactions;

    public MarketDataStore(DataSource dataSource) {
        this.dataSource = dataSource;
        this.transactions = new Transactions(dataSource);
    }

    /** Derived values of one quote, computed by the surface builder; NaN where not computed. */
    public record QuoteAnalytics(double ivMid, double ivBid, double ivAsk, double forward) {
        public static final QuoteAnalytics NONE = new QuoteAnalytics(Double.NaN, Double.NaN, Double.NaN, Double.NaN);
    }

    /** One fitted expiry with its arbitrage diagnostics. */
    public record StoredFit(SmileSlice slice, double discount, boolean butterflyFree, double minG) {
    }

    /** Session features, stored by column name (see {@code session_features}); absent ones are NaN. */
    public record StoredFeatures(Map<String, Double> values) {
    }

    /** Identifies a quote within a session: expiry, strike and type. */
    public record QuoteKey(LocalDate expiry, double strike, OptionType type) {
        public static QuoteKey of(OptionQuote q) {
            return new QuoteKey(q.expiry(), q.strike(), q.type());
        }
    }

    /**
     * Everything derived from one session's chain.
     *
     * @param quotes   implied vols of the quotes used in smiles
     * @param forwards forward per expiry (stored beside every quote of that expiry)
     * @param fits     the SVI fits
     * @param surface  the canonical surface; null when no expiry could be fitted
     * @param features session features; null when not computed
     */
    public record SessionAnalytics(Map<QuoteKey, QuoteAnalytics> quotes, Map<LocalDate, ExpiryForward> forwards,
            List<StoredFit> fits, CanonicalSurface surface, StoredFeatures features) {
    }

    /** The first key of an ingest run's owner lock ('voli' in ASCII); the second is the run id. */
    static final int INGEST_RUN_LOCK_CLASS = 1987013737;
    /** The first key of a session's writer lock ('volq'); the second is a hash of ticker and session date. */
    static final int SESSION_LOCK_CLASS = 1987013745;

    private static final String ABANDONED = "abandoned: its process or the database stopped before the run could "
            + "record why";

    /** Creates an ingest run, owned by the returned claim from before the run becomes visible. */
    public RunOwnerLock claimIngestRun(String paths) {
        Connection c = RunOwnerLock.ownerConnection(dataSource);
        try {
            long id = RunOwnerLock.nextId(c, "ingest_runs_id_seq");
            RunOwnerLock lock = RunOwnerLock.tryHold(c, INGEST_RUN_LOCK_CLASS, id);
            if (lock == null) {
                throw new IllegalStateException("ingest run " + id + " is locked by another process");
            }
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into ingest_runs (id, paths, status) values (?, ?, 'running')")) {
                ps.setLong(1, id);
                ps.setString(2, paths);
                ps.executeUpdate();
            }
            return lock;
        } catch (SQLException | RuntimeException e) {
            RunOwnerLock.closeQuietly(c);
            throw e instanceof RuntimeException r ? r : new IllegalStateException("database: " + e.getMessage(), e);
        }
    }

    /**
     * Marks failed every ingest run left 'running' by a process that is gone (no one holds its lock), so the
     * table says what {@code ingest_run_summary} shows; returns their ids.
     */
    public List<Long> failAbandonedIngestRuns() {
        return inTransaction(c -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("update ingest_runs set status = 'failed', "
                    + "finished_at = now(), notes = notes || jsonb_build_object('error', ?::text) "
                    + "where status = 'running' and not ingest_run_owned(id) returning id")) {
                ps.setString(1, ABANDONED);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        ids.add(rs.getLong(1));
                    }
                }
            }
            return ids;
        });
    }

    /**
     * Creates an ingest run that no lock owns (it reads as abandoned until finished): for callers that finish
     * it in the same breath, such as benchmarks. An ingest uses {@link #claimIngestRun}.
     */
    public long startIngestRun(String paths) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "insert into ingest_runs (paths, status) values (?, 'running') returning id")) {
                ps.setString(1, paths);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    public void finishIngestRun(long runId, String status, int files, String filesFailedJson, int sessions,
            long accepted, long rejected, String rejectReasonsJson, String notesJson) {
        inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update ingest_runs set finished_at = now(), status = ?, "
                    + "files = ?, files_failed = ?::jsonb, sessions = ?, accepted = ?, rejected = ?, "
                    + "reject_reasons = ?::jsonb, notes = ?::jsonb where id = ?")) {
                ps.setString(1, status);
                ps.setInt(2, files);
                ps.setString(3, filesFailedJson);
                ps.setInt(4, sessions);
                ps.setLong(5, accepted);
                ps.setLong(6, rejected);
                ps.setString(7, rejectReasonsJson);
                ps.setString(8, notesJson);
                ps.setLong(9, runId);
                ps.executeUpdate();
            }
            return null;
        });
    }

    /**
     * Replaces the stored session of {@code chain.underlying()} on {@code chain.session()}. Writers of the same
     * session wait for each other (the last one's copy is stored, whole).
     *
     * @throws IllegalArgumentException when the chain has no accepted quote: nothing must not replace a session
     */
    public void replaceSession(long runId, SessionChain chain, String venue, SessionAnalytics analytics) {
        replaceSession(runId, chain, venue, IvSource.PRICES.cliName(), analytics);
    }

    /**
     * As {@link #replaceSession(long, SessionChain, String, SessionAnalytics)}, recording where the session's smile
     * vols came from ({@link IvSource#cliName()}).
     */
    public void replaceSession(long runId, SessionChain chain, String venue, String ivSource,
            SessionAnalytics analytics) {
        if (chain.quotes().isEmpty()) {
            throw new IllegalArgumentException("refusing to replace " + chain.underlying() + " " + chain.session()
                    + " with a session that has no accepted quote (" + chain.rejects().size() + " rows rejected)");
        }
        inTransaction(c -> {
            String ticker = chain.underlying();
            LocalDate session = chain.session();
            lockSession(c, ticker, session);
            try (PreparedStatement del = c.prepareStatement(
                    "delete from sessions where ticker = ? and session_date = ?")) {
                del.setString(1, ticker);
                del.setObject(2, session);
                del.executeUpdate();
            }
            try (PreparedStatement del = c.prepareStatement(
                    "delete from rejects where ticker = ? and session_date = ?")) {
                del.setString(1, ticker);
                del.setObject(2, session);
                del.executeUpdate();
            }
            try (PreparedStatement ins = c.prepareStatement("insert into sessions (ticker, session_date, as_of, venue, "
                    + "spot, spot_source, source_file, ingest_run_id, accepted, rejected, iv_source) "
                    + "values (?,?,?,?,?,?,?,?,?,?,?)")) {
                ins.setString(1, ticker);
                ins.setObject(2, session);
                ins.setTimestamp(3, Timestamp.from(chain.snapshot()));
                ins.setString(4, venue);
                ins.setDouble(5, chain.spot());
                ins.setString(6, chain.spotSource() == null ? null : chain.spotSource().name());
                ins.setString(7, chain.sourceFile());
                ins.setLong(8, runId);
                ins.setInt(9, chain.quotes().size());
                ins.setInt(10, chain.rejects().size());
                ins.setString(11, ivSource);
                ins.executeUpdate();
            }
            copyQuotes(c, chain, analytics);
            copyForwards(c, ticker, session, analytics.forwards().values());
            insertRejects(c, runId, ticker, session, chain.rejects());
            insertFits(c, ticker, session, analytics.fits());
            if (analytics.surface() != null) {
                insertSurface(c, analytics.surface());
            }
            if (analytics.features() != null) {
                insertFeatures(c, ticker, session, analytics.features());
            }
            return null;
        });
    }

    /**
     * Serialises the writers of one session until this transaction ends: without it two ingests of the same
     * files both delete nothing and then both insert, and one fails on the sessions primary key.
     */
    private static void lockSession(Connection c, String ticker, LocalDate session) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("select pg_advisory_xact_lock(?, hashtext(?))")) {
            ps.setInt(1, SESSION_LOCK_CLASS);
            ps.setString(2, ticker + "/" + session);
            ps.execute();
        }
    }

    /**
     * The rejects of a session in which nothing was accepted, which is not stored: the stored session (if any)
     * stays as it was, and these rows are kept under this run.
     */
    public void saveRejects(long runId, String ticker, LocalDate session, List<Reject> rejects) {
        inTransaction(c -> {
            insertRejects(c, runId, ticker, session, rejects);
            return null;
        });
    }

    /** Rejects that belong to no stored session (a row too broken to attribute). */
    public void saveRejects(long runId, List<Reject> rejects) {
        inTransaction(c -> {
            insertRejects(c, runId, null, null, rejects);
            return null;
        });
    }

    /** Tickers with stored surfaces, sorted. */
    public List<String> tickers() {
        return inTransaction(c -> {
            List<String> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select distinct ticker from surfaces order by ticker");
                    ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
            return out;
        });
    }

    /** Where the stored session's smile vols came from ({@link IvSource#cliName()}), null when it is not stored. */
    public String ivSourceOf(String ticker, LocalDate session) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select iv_source from sessions where ticker = ? and session_date = ?")) {
                ps.setString(1, ticker);
                ps.setObject(2, session);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** The venue (layout name) of the ticker's latest stored session, null when none is stored. */
    public String venueOf(String ticker) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select venue from sessions where ticker = ? order by session_date desc limit 1")) {
                ps.setString(1, ticker);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getString(1) : null;
                }
            }
        });
    }

    /** The latest session of {@code ticker} with a stored surface, null when none is stored. */
    public LocalDate lastSession(String ticker) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select max(session_date) from surfaces where ticker = ?")) {
                ps.setString(1, ticker);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next() ? rs.getObject(1, LocalDate.class) : null;
                }
            }
        });
    }

    /** Sessions of {@code ticker} with a stored surface, in order. */
    public List<LocalDate> sessionDates(String ticker) {
        return inTransaction(c -> {
            List<LocalDate> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "select session_date from surfaces where ticker = ? order by session_date")) {
                ps.setString(1, ticker);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(rs.getObject(1, LocalDate.class));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The spots of the last {@code count} stored sessions of {@code ticker} before {@code session} that have
     * features (the sessions a feature builder was fed), oldest first.
     */
    public List<SpotObservation> spotsBefore(String ticker, LocalDate session, int count) {
        return inTransaction(c -> {
            List<SpotObservation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select s.session_date, s.as_of, s.spot from sessions s "
                    + "join session_features f using (ticker, session_date) "
                    + "where s.ticker = ? and s.session_date < ? order by s.session_date desc limit ?")) {
                ps.setString(1, ticker);
                ps.setObject(2, session);
                ps.setInt(3, count);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SpotObservation(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant(),
                                rs.getDouble(3)));
                    }
                }
            }
            java.util.Collections.reverse(out);
            return out;
        });
    }

    /**
     * The spots of the stored sessions of {@code ticker} that have features: the {@code before} sessions
     * before {@code first}, every one from {@code first} to {@code last}, and the {@code after} sessions after
     * {@code last}; oldest first. What re-computing the spot-history features around an ingest needs.
     */
    public List<SpotObservation> spotsAround(String ticker, LocalDate first, LocalDate last, int before, int after) {
        String select = "select s.session_date, s.as_of, s.spot from sessions s "
                + "join session_features f using (ticker, session_date) where s.ticker = ? and ";
        return inTransaction(c -> {
            List<SpotObservation> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement(
                    "(" + select + "s.session_date < ? order by s.session_date desc limit ?) union all ("
                    + select + "s.session_date between ? and ?) union all ("
                    + select + "s.session_date > ? order by s.session_date limit ?) order by 1")) {
                ps.setString(1, ticker);
                ps.setObject(2, first);
                ps.setInt(3, before);
                ps.setString(4, ticker);
                ps.setObject(5, first);
                ps.setObject(6, last);
                ps.setString(7, ticker);
                ps.setObject(8, last);
                ps.setInt(9, after);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.add(new SpotObservation(rs.getObject(1, LocalDate.class), rs.getTimestamp(2).toInstant(),
                                rs.getDouble(3)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Rewrites the log return and realised vols of stored sessions of {@code ticker} (NaN stored as NULL).
     *
     * @return how many sessions' values changed
     */
    public int updateSpotHistory(String ticker, List<SpotHistoryFeatures> rows) {
        return inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("update session_features set log_return = ?, "
                    + "realized_vol_5 = ?, realized_vol_21 = ? where ticker = ? and session_date = ? "
                    + "and (log_return, realized_vol_5, realized_vol_21) is distinct from (?, ?, ?)")) {
                for (SpotHistoryFeatures r : rows) {
                    NullableDouble.set(ps, 1, r.logReturn());
                    NullableDouble.set(ps, 2, r.realizedVol5());
                    NullableDouble.set(ps, 3, r.realizedVol21());
                    ps.setString(4, ticker);
                    ps.setObject(5, r.session());
                    NullableDouble.set(ps, 6, r.logReturn());
                    NullableDouble.set(ps, 7, r.realizedVol5());
                    NullableDouble.set(ps, 8, r.realizedVol21());
                    ps.addBatch();
                }
                int changed = 0;
                for (int n : ps.executeBatch()) {
                    changed += Math.max(n, 0);
                }
                return changed;
            }
        });
    }

    /**
     * The SVI parameters by expiry of the last stored session of {@code ticker} before {@code session} that
     * has fits: the warm start of {@code session}'s fits, whichever ingest run stored that session.
     */
    public Map<LocalDate, SviParams> sviFitsBefore(String ticker, LocalDate session) {
        return inTransaction(c -> {
            Map<LocalDate, SviParams> out = new java.util.LinkedHashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select expiry, a, b, rho, m, sigma from svi_fits "
                    + "where ticker = ? and session_date = (select max(session_date) from svi_fits "
                    + "where ticker = ? and session_date < ?) order by maturity_years")) {
                ps.setString(1, ticker);
                ps.setString(2, ticker);
                ps.setObject(3, session);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getObject(1, LocalDate.class), new SviParams(rs.getDouble(2), rs.getDouble(3),
                                rs.getDouble(4), rs.getDouble(5), rs.getDouble(6)));
                    }
                }
            }
            return out;
        });
    }

    /** Stored surfaces of {@code ticker} with sessions in {@code [from, to]}, in session order, with their slices. */
    public List<CanonicalSurface> surfaces(String ticker, LocalDate from, LocalDate to) {
        return inTransaction(c -> {
            List<CanonicalSurface> out = new ArrayList<>();
            String sql = "select s.session_date, x.as_of, x.spot, s.scaling, s.tenors_days, s.knots, s.log_moneyness, "
                    + "s.total_variance, s.implied_vol, s.mask, s.half_spread_vol from surfaces s "
                    + "join sessions x using (ticker, session_date) "
                    + "where s.ticker = ? and s.session_date between ? and ? order by s.session_date";
            try (PreparedStatement ps = c.prepareStatement(sql)) {
                ps.setString(1, ticker);
                ps.setObject(2, from);
                ps.setObject(3, to);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        LocalDate session = rs.getObject(1, LocalDate.class);
                        GridSpec spec = new GridSpec(ints(rs.getArray(5)), doubles(rs.getArray(6)),
                                MoneynessScaling.valueOf(rs.getString(4)));
                        out.add(new CanonicalSurface(ticker, session, rs.getTimestamp(2).toInstant(), rs.getDouble(3),
                                spec, doubles(rs.getArray(7)), doubles(rs.getArray(8)), doubles(rs.getArray(9)),
                                booleans(rs.getArray(10)), doubles(rs.getArray(11)), slices(c, ticker, session)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * Stored surfaces of {@code ticker} with sessions in {@code [from, to]} on {@code grid}: a surface stored on that
     * grid as stored, any other sampled onto it from its stored SVI fits with the half-spreads of the quotes they
     * were fitted to ({@link SurfaceRegridder}); no chain file is read. A null grid is the stored one.
     */
    public List<CanonicalSurface> surfaces(String ticker, LocalDate from, LocalDate to, GridSpec grid) {
        List<CanonicalSurface> stored = surfaces(ticker, from, to);
        if (grid == null || stored.stream().allMatch(s -> s.spec().equals(grid))) {
            return stored;
        }
        Map<LocalDate, Map<LocalDate, HalfSpreadCurve>> spreads = halfSpreadCurves(ticker, from, to);
        SurfaceRegridder regridder = new SurfaceRegridder();
        List<CanonicalSurface> out = new ArrayList<>(stored.size());
        for (CanonicalSurface s : stored) {
            out.add(regridder.regrid(s, grid, spreads.getOrDefault(s.session(), Map.of())));
        }
        return out;
    }

    /**
     * Per session in {@code [from, to]} and listed expiry, the half-spread curve of the quotes its smile was built
     * from (the quotes stored with bid and ask vols), as ingest built it.
     */
    public Map<LocalDate, Map<LocalDate, HalfSpreadCurve>> halfSpreadCurves(String ticker, LocalDate from,
            LocalDate to) {
        return inTransaction(c -> {
            Map<LocalDate, Map<LocalDate, HalfSpreadCurve>> out = new java.util.HashMap<>();
            try (PreparedStatement ps = c.prepareStatement("select session_date, expiry, strike, iv_bid, iv_ask, "
                    + "forward from quotes where ticker = ? and session_date between ? and ? and iv_bid is not null "
                    + "and iv_ask is not null order by session_date, expiry, strike, option_type")) {
                ps.setString(1, ticker);
                ps.setObject(2, from);
                ps.setObject(3, to);
                ps.setFetchSize(10_000);
                try (ResultSet rs = ps.executeQuery()) {
                    LocalDate session = null;
                    LocalDate expiry = null;
                    double[] k = new double[64];
                    double[] hs = new double[64];
                    int n = 0;
                    while (true) {
                        boolean more = rs.next();
                        LocalDate s = more ? rs.getObject(1, LocalDate.class) : null;
                        LocalDate e = more ? rs.getObject(2, LocalDate.class) : null;
                        if (n > 0 && (!more || !s.equals(session) || !e.equals(expiry))) {
                            out.computeIfAbsent(session, x -> new java.util.HashMap<>()).put(expiry,
                                    HalfSpreadCurve.ofQuotes(java.util.Arrays.copyOf(k, n),
                                            java.util.Arrays.copyOf(hs, n)));
                            n = 0;
                        }
                        if (!more) {
                            break;
                        }
                        session = s;
                        expiry = e;
                        if (n == k.length) {
                            k = java.util.Arrays.copyOf(k, 2 * n);
                            hs = java.util.Arrays.copyOf(hs, 2 * n);
                        }
                        // the smile's k and half-spread, computed as the smile builder computes them
                        k[n] = Math.log(rs.getDouble(3) / rs.getDouble(6));
                        hs[n] = 0.5 * (rs.getDouble(5) - rs.getDouble(4));
                        n++;
                    }
                }
            }
            return out;
        });
    }

    private static List<SmileSlice> slices(Connection c, String ticker, LocalDate session) throws SQLException {
        List<SmileSlice> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("select expiry, maturity_years, forward, a, b, rho, m, sigma, "
                + "min_k, max_k, quotes, rmse_vol_points from svi_fits where ticker = ? and session_date = ? "
                + "order by maturity_years")) {
            ps.setString(1, ticker);
            ps.setObject(2, session);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new SmileSlice(rs.getObject(1, LocalDate.class), rs.getDouble(2), rs.getDouble(3),
                            new SviParams(rs.getDouble(4), rs.getDouble(5), rs.getDouble(6), rs.getDouble(7),
                                    rs.getDouble(8)),
                            rs.getDouble(9), rs.getDouble(10), rs.getInt(11), rs.getDouble(12)));
                }
            }
        }
        return out;
    }

    private static void copyQuotes(Connection c, SessionChain chain, SessionAnalytics analytics) throws SQLException {
        CopyRows.copy(c, "quotes (ticker, session_date, expiry, strike, option_type, maturity_years, bid, ask, price, "
                + "underlying_price, volume, open_interest, vendor_iv, iv_mid, iv_bid, iv_ask, forward)", rows -> {
                    for (OptionQuote q : chain.quotes()) {
                        QuoteAnalytics a = analytics.quotes().getOrDefault(QuoteKey.of(q), QuoteAnalytics.NONE);
                        ExpiryForward f = analytics.forwards().get(q.expiry());
                        double forward = Double.isNaN(a.forward()) ? (f == null ? Double.NaN : f.forward()) : a.forward();
                        rows.add(chain.underlying()).add(chain.session()).add(q.expiry()).add(q.strike())
                                .add(q.type() == OptionType.CALL ? "C" : "P").add(q.maturityYears())
                                .add(q.bidUsd()).add(q.askUsd()).add(q.referencePriceUsd()).add(q.underlyingPrice())
                                .add(q.volume()).add(q.openInterest()).add(q.vendorIv())
                                .add(a.ivMid()).add(a.ivBid()).add(a.ivAsk()).add(forward).endRow();
                    }
                });
    }

    private static void copyForwards(Connection c, String ticker, LocalDate session,
            java.util.Collection<ExpiryForward> forwards) throws SQLException {
        CopyRows.copy(c, "expiry_forwards (ticker, session_date, expiry, maturity_years, forward, discount, method, "
                + "pairs_used, pairs_rejected, residual_usd)", rows -> {
                    for (ExpiryForward f : forwards) {
                        rows.add(ticker).add(session).add(f.expiry()).add(f.maturityYears()).add(f.forward())
                                .add(f.discount()).add(f.method().name()).add(f.pairsUsed()).add(f.pairsRejected())
                                .add(f.residualUsd()).endRow();
                    }
                });
    }

    /** The stored forwards of a session, by expiry. */
    public Map<LocalDate, ExpiryForward> forwards(String ticker, LocalDate session) {
        return inTransaction(c -> {
            Map<LocalDate, ExpiryForward> out = new java.util.TreeMap<>();
            try (PreparedStatement ps = c.prepareStatement("select expiry, maturity_years, forward, discount, method, "
                    + "pairs_used, pairs_rejected, residual_usd from expiry_forwards where ticker = ? and session_date = ?")) {
                ps.setString(1, ticker);
                ps.setObject(2, session);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        out.put(rs.getObject(1, LocalDate.class), new ExpiryForward(rs.getObject(1, LocalDate.class),
                                rs.getDouble(2), rs.getDouble(3), rs.getDouble(4), ForwardMethod.valueOf(rs.getString(5)),
                                rs.getInt(6), rs.getInt(7), NullableDouble.get(rs, 8)));
                    }
                }
            }
            return out;
        });
    }

    /**
     * The stored quotes of a session, as USD-quoted {@link OptionQuote}s (coin premiums were converted at
     * ingest); the last/reference price is in {@code last}.
     */
    public List<OptionQuote> quotes(String ticker, LocalDate session) {
        return inTransaction(c -> {
            List<OptionQuote> out = new ArrayList<>();
            try (PreparedStatement ps = c.prepareStatement("select q.expiry, q.strike, q.option_type, q.maturity_years, "
                    + "q.bid, q.ask, q.price, q.underlying_price, q.volume, q.open_interest, q.vendor_iv, s.as_of "
                    + "from quotes q join sessions s using (ticker, session_date) where q.ticker = ? and q.session_date = ? "
                    + "order by q.expiry, q.strike, q.option_type")) {
                ps.setString(1, ticker);
                ps.setObject(2, session);
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        java.time.Instant asOf = rs.getTimestamp(12).toInstant();
                        long seconds = Act365F.seconds(rs.getDouble(4));
                        out.add(new OptionQuote(ticker, session, asOf, rs.getObject(1, LocalDate.class),
                                asOf.plusSeconds(Math.max(seconds, 1)), rs.getDouble(2),
                                "C".equals(rs.getString(3)) ? OptionType.CALL : OptionType.PUT,
                                NullableDouble.get(rs, 5), NullableDouble.get(rs, 6), NullableDouble.get(rs, 7),
                                Double.NaN, PriceUnit.QUOTE_CURRENCY, NullableDouble.get(rs, 11),
                                NullableDouble.get(rs, 9), NullableDouble.get(rs, 10), rs.getDouble(8), Double.NaN,
                                Double.NaN));
                    }
                }
            }
            return out;
        });
    }

    private static void insertRejects(Connection c, long runId, String ticker, LocalDate session, List<Reject> rejects)
            throws SQLException {
        CopyRows.copy(c, "rejects (ingest_run_id, ticker, session_date, source_file, row_ref, reason, detail)", rows -> {
            for (Reject r : rejects) {
                rows.add(runId).add(ticker).add(session).add(r.file()).add(String.valueOf(r.row()))
                        .add(r.reason().name()).add(r.detail()).endRow();
            }
        });
    }

    private static void insertFits(Connection c, String ticker, LocalDate session, List<StoredFit> fits)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("insert into svi_fits (ticker, session_date, expiry, "
                + "maturity_years, forward, discount, a, b, rho, m, sigma, quotes, rmse_vol_points, butterfly_free, "
                + "min_g, min_k, max_k) values (?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?,?)")) {
            for (StoredFit f : fits) {
                SmileSlice s = f.slice();
                SviParams p = s.svi();
                ps.setString(1, ticker);
                ps.setObject(2, session);
                ps.setObject(3, s.expiry());
                ps.setDouble(4, s.maturityYears());
                ps.setDouble(5, s.forward());
                NullableDouble.set(ps, 6, f.discount());
                ps.setDouble(7, p.a());
                ps.setDouble(8, p.b());
                ps.setDouble(9, p.rho());
                ps.setDouble(10, p.m());
                ps.setDouble(11, p.sigma());
                ps.setInt(12, s.quotes());
                NullableDouble.set(ps, 13, s.rmseVolPoints());
                ps.setBoolean(14, f.butterflyFree());
                NullableDouble.set(ps, 15, f.minG());
                NullableDouble.set(ps, 16, s.minK());
                NullableDouble.set(ps, 17, s.maxK());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    private static void insertSurface(Connection c, CanonicalSurface s) throws SQLException {
        GridSpec spec = s.spec();
        try (PreparedStatement ps = c.prepareStatement("insert into surfaces (ticker, session_date, scaling, tenors_days, "
                + "knots, log_moneyness, total_variance, implied_vol, mask, half_spread_vol) values (?,?,?,?,?,?,?,?,?,?)")) {
            ps.setString(1, s.ticker());
            ps.setObject(2, s.session());
            ps.setString(3, spec.scaling().name());
            int[] tenors = spec.tenorsDays();
            Integer[] boxedTenors = new Integer[tenors.length];
            for (int i = 0; i < tenors.length; i++) {
                boxedTenors[i] = tenors[i];
            }
            ps.setArray(4, c.createArrayOf("int4", boxedTenors));
            ps.setArray(5, c.createArrayOf("float8", box(spec.knots())));
            ps.setArray(6, c.createArrayOf("float8", box(s.logMoneyness())));
            ps.setArray(7, c.createArrayOf("float8", box(s.totalVariance())));
            ps.setArray(8, c.createArrayOf("float8", box(s.impliedVol())));
            boolean[] mask = s.mask();
            Boolean[] boxedMask = new Boolean[mask.length];
            for (int i = 0; i < mask.length; i++) {
                boxedMask[i] = mask[i];
            }
            ps.setArray(9, c.createArrayOf("bool", boxedMask));
            ps.setArray(10, c.createArrayOf("float8", box(s.halfSpreadVol())));
            ps.executeUpdate();
        }
    }

    /** The feature columns of {@code session_features}, in table order. */
    public static final List<String> FEATURE_COLUMNS = List.of("spot", "log_return", "realized_vol_5",
            "realized_vol_21", "rate_minus_div", "atm_vol_30d", "skew_30d", "term_slope", "volume", "open_interest",
            "median_spread_vol", "model_free_vix", "next_session_gap_days");

    private static void insertFeatures(Connection c, String ticker, LocalDate session, StoredFeatures f)
            throws SQLException {
        for (String name : f.values().keySet()) {
            if (!FEATURE_COLUMNS.contains(name)) {
                throw new IllegalArgumentException("unknown feature column " + name);
            }
        }
        String cols = String.join(", ", FEATURE_COLUMNS);
        String marks = "?, ?" + ", ?".repeat(FEATURE_COLUMNS.size());
        try (PreparedStatement ps = c.prepareStatement(
                "insert into session_features (ticker, session_date, " + cols + ") values (" + marks + ")")) {
            ps.setString(1, ticker);
            ps.setObject(2, session);
            for (int i = 0; i < FEATURE_COLUMNS.size(); i++) {
                Double v = f.values().get(FEATURE_COLUMNS.get(i));
                if (FEATURE_COLUMNS.get(i).equals("next_session_gap_days")) {
                    if (v == null || v.isNaN()) {
                        ps.setNull(3 + i, java.sql.Types.INTEGER);
                    } else {
                        ps.setInt(3 + i, (int) Math.round(v));
                    }
                } else {
                    NullableDouble.set(ps, 3 + i, v == null ? Double.NaN : v);
                }
            }
            ps.executeUpdate();
        }
    }


    private static Double[] box(double[] a) {
        Double[] b = new Double[a.length];
        for (int i = 0; i < a.length; i++) {
            b[i] = a[i];
        }
        return b;
    }

    private static double[] doubles(Array a) throws SQLException {
        Object[] o = (Object[]) a.getArray();
        double[] d = new double[o.length];
        for (int i = 0; i < o.length; i++) {
            d[i] = o[i] == null ? Double.NaN : ((Number) o[i]).doubleValue();
        }
        return d;
    }

    private static int[] ints(Array a) throws SQLException {
        Object[] o = (Object[]) a.getArray();
        int[] d = new int[o.length];
        for (int i = 0; i < o.length; i++) {
            d[i] = ((Number) o[i]).intValue();
        }
        return d;
    }

    private static boolean[] booleans(Array a) throws SQLException {
        Object[] o = (Object[]) a.getArray();
        boolean[] d = new boolean[o.length];
        for (int i = 0; i < o.length; i++) {
            d[i] = Boolean.TRUE.equals(o[i]);
        }
        return d;
    }

    private <T> T inTransaction(Transactions.Work<T> work) {
        return transactions.inTransaction(work);
    }
}
