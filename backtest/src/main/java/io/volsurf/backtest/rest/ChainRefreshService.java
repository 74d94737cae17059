package io.volsurf.backtest.rest;

import io.volsurf.forecaster.calendar.Act365F;
import io.volsurf.backtest.app.VolsurfServerConfig;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.backtest.rest.ModelServerResponses.ChainRefreshResponse;
import io.volsurf.backtest.serving.ForecastServer;
import io.volsurf.backtest.serving.ForecastUnavailableException;
import io.volsurf.backtest.serving.ModelUnavailableException;
import io.volsurf.backtest.serving.ServedForecast;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.features.SpotObservation;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.ingest.ChainFormat;
import io.volsurf.forecaster.ingest.ChainIngestor;
import io.volsurf.forecaster.ingest.ChainInput;
import io.volsurf.forecaster.ingest.IngestListener;
import io.volsurf.forecaster.ingest.IngestSummary;
import io.volsurf.forecaster.ingest.SessionChain;
import io.volsurf.backtest.forecasting.ForecastingService;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/chains/{ticker}}: a new session's chain (any supported layout, plain or gzipped) refreshes
 * the stored surface, its SVI fits and the cached forecast ("refresh intraday if needed"). The body is spooled to
 * disk under size caps (as sent and inflated), read and checked in full, and must be the path's ticker, before
 * anything is written, so a malformed, oversized or foreign body stores nothing.
 */
@ApplicationScoped
public class ChainRefreshService {

    private static final Logger LOG = Logger.getLogger(ChainRefreshService.class);
    private static final IngestService.Progress SILENT = IngestService.Progress.NONE;
    /**
     * A body whose spot lies more standard deviations than this from the ticker's stored spot (at the stored
     * session's implied vol, over the days between) is taken for another underlying's chain. 6 sigma a day is a move
     * an index sees about once in decades; a real one can still be stored with allow-spot-jump=true.
     */
    static final double MAX_SPOT_JUMP_SIGMAS = 6;
    /** Annual vol assumed where the stored session has no surface to read one from (wide on purpose). */
    private static final double FALLBACK_VOL = 0.5;
    private static final long WRITE_WAIT_SECONDS = 60;

    private final IngestService ingest;
    private final ForecastServer server;
    private final Optional<String> apiKey;
    private final long maxBodyBytes;
    private final long maxChainBytes;
    /**
     * One chain at a time: a check holds a whole chain's quotes in memory, so parallel posts multiply the heap a
     * write needs (three 1 GB bombs at once ended in an OutOfMemoryError), and two writes of one ticker must not
     * interleave their replace and cache refresh anyway.
     */
    private final Semaphore writes = new Semaphore(1, true);

    public ChainRefreshService(IngestService ingest, ForecastServer server, VolsurfServerConfig config) {
        this.ingest = ingest;
        this.server = server;
        this.apiKey = config.apiKey().filter(k -> !k.isBlank());
        this.maxBodyBytes = config.maxBodySize();
        this.maxChainBytes = config.maxChainSize();
    }

    /** Refuses the write unless {@code presented} equals the configured key (compared in constant time). */
    public void authorise(String presented) {
        if (apiKey.isEmpty()) {
            throw new UnauthorizedException("writes are disabled: no API key is configured on the server "
                    + "(set volsurf.api-key)");
        }
        if (presented == null || !MessageDigest.isEqual(apiKey.get().getBytes(StandardCharsets.UTF_8),
                presented.getBytes(StandardCharsets.UTF_8))) {
            throw new UnauthorizedException("missing or wrong X-API-Key header");
        }
    }

    /**
     * Checks and stores the chain, then refreshes the caches and the latest forecast.
     *
     * @param ticker         the ticker the body must hold (upper case)
     * @param format         the layout, null to detect it
     * @param collectionDate the collection date of a {@code us-options} JSON body (its folder date), else null
     * @param allowSpotJump  store a body that names no underlying even when its spot is implausibly far from the
     *                       ticker's stored spot
     */
    public ChainRefreshResponse refresh(String ticker, ChainFormat format, LocalDate collectionDate, InputStream body,
            boolean allowSpotJump) {
        try {
            if (!writes.tryAcquire(WRITE_WAIT_SECONDS, TimeUnit.SECONDS)) {
                throw new ServerBusyException("another chain is being stored: retry in a few seconds");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ServerBusyException("interrupted while waiting for another chain to be stored");
        }
        try {
            return refreshAlone(ticker, format, collectionDate, body, allowSpotJump);
        } finally {
            writes.release();
        }
    }

    private ChainRefreshResponse refreshAlone(String ticker, ChainFormat format, LocalDate collectionDate,
            InputStream body, boolean allowSpotJump) {
        Path dir;
        try {
            dir = Files.createTempDirectory("volsurf-chain-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            Path plain;
            try {
                plain = body == null ? null : ChainBody.spool(body, dir, maxBodyBytes, maxChainBytes);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot spool the request body: " + e.getMessage(), e);
            }
            if (plain == null) {
                throw new BadParameterException("body", "the request body is empty: send a chain file");
            }
            ChainFormat layout = layout(plain, format);
            Path file = place(dir, plain, ticker, layout, collectionDate);
            List<SessionChain> seen = new ArrayList<>();
            IngestListener collect = seen::add;
            IngestSummary check = new ChainIngestor().ingest(List.of(file), format, collect);
            if (!check.filesFailed().isEmpty()) {
                throw new BadParameterException("body", "the chain cannot be read: "
                        + check.filesFailed().get(0).error().replace(file.toString(), "body"));
            }
            if (seen.isEmpty() || check.accepted() == 0) {
                throw new BadParameterException("body", "the chain holds no usable quote (" + check.rejected()
                        + " rows rejected: " + check.rejectReasons() + ")");
            }
            TreeSet<LocalDate> sessions = new TreeSet<>();
            for (SessionChain c : seen) {
                sessions.add(c.session());
            }
            requireUnderlying(ticker, layout, file, seen, allowSpotJump);
            IngestService.IngestOutcome stored = ingest.ingest(List.of(file), format, SILENT);
            server.invalidate(ticker);
            LocalDate latest = sessions.last();
            LocalDate forecastFor = null;
            String modelId = null;
            String note;
            try {
                ServedForecast f = server.forecast(ticker, latest);
                forecastFor = f.forecastFor();
                modelId = f.modelId();
                note = "forecast refreshed";
            } catch (ForecastingService.NoSuchElementException | ModelUnavailableException
                    | ForecastUnavailableException e) {
                // The data is stored either way; the forecast may need more history or a model.
                note = "stored; no forecast: " + e.getMessage();
            } catch (RuntimeException e) {
                // A fault's text (SQL included) stays in the log, as for a 500.
                String id = UUID.randomUUID().toString();
                LOG.errorf(e, "forecast after storing %s failed (%s)", ticker, id);
                note = "stored; no forecast: unexpected server fault, logged under the id " + id;
            }
            IngestSummary s = stored.summary();
            return new ChainRefreshResponse(ticker, layout.cliName(), List.copyOf(sessions), s.accepted(),
                    s.rejected(), s.rejectReasons(), stored.surfaces(), latest, forecastFor, modelId, note);
        } finally {
            delete(dir);
        }
    }

    // ---------------------------------------------------------------- the body's own underlying

    /**
     * The body must be the path's ticker. Layouts with an underlying column (generic, Deribit, CBOE, OptionMetrics)
     * are read by it; a us-options body is named by its file, which here is the path's ticker, so it is checked by
     * the underlying it names itself, else by its spot against the ticker's stored spots.
     */
    private void requireUnderlying(String ticker, ChainFormat layout, Path file, List<SessionChain> seen,
            boolean allowSpotJump) {
        if (layout != ChainFormat.US_OPTIONS) {
            for (SessionChain c : seen) {
                if (!sameUnderlying(c.underlying(), ticker)) {
                    throw mismatch(ticker, c.underlying(), "the body holds chains of " + c.underlying());
                }
            }
            return;
        }
        Set<String> named;
        try {
            named = UsOptionsUnderlying.declared(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot re-read the spooled body: " + e.getMessage(), e);
        }
        for (String n : named) {
            if (!sameUnderlying(n, ticker)) {
                throw mismatch(ticker, n, "the body names its underlying " + n);
            }
        }
        if (named.isEmpty() && !allowSpotJump) {
            for (SessionChain c : seen) {
                requirePlausibleSpot(ticker, c);
            }
        }
    }

    /** How close in calendar days another ticker's stored spot must be to name it as the body's underlying. */
    static final int NAMING_WINDOW_DAYS = 7;

    private void requirePlausibleSpot(String ticker, SessionChain c) {
        MarketDataStore market = server.market();
        SpotCheck own = spotCheck(market, ticker, c.session(), c.spot());
        if (own == null) {
            requireNotACopy(market, ticker, c);
            return;
        }
        if (own.sigmas() <= MAX_SPOT_JUMP_SIGMAS) {
            return;
        }
        // Name the stored ticker the body most likely is (the reported case: SPY's chain posted as QQQ).
        SpotCheck best = null;
        for (String other : market.tickers()) {
            if (!other.equals(ticker)) {
                SpotCheck s = spotCheck(market, other, c.session(), c.spot());
                // a spot stored weeks away fits almost any body once its vol is scaled by the distance: name only
                // a ticker seen within a week of the body's session
                if (s != null && Math.abs(ChronoUnit.DAYS.between(s.stored().session(), c.session())) <= NAMING_WINDOW_DAYS
                        && (best == null || s.sigmas() < best.sigmas())) {
                    best = s;
                }
            }
        }
        String detail = String.format(Locale.ROOT, "a us-options body names no underlying, and its spot %.4g on %s "
                + "is not %s's: %s stored %.4g on %s, a %.1f standard-deviation move at its %.0f%% implied vol",
                c.spot(), c.session(), ticker, ticker, own.stored().spot(), own.stored().session(), own.sigmas(),
                100 * own.vol());
        if (best != null && best.sigmas() < 2) {
            detail += String.format(Locale.ROOT, "; it fits %s (stored %.4g on %s)", best.ticker(),
                    best.stored().spot(), best.stored().session());
            throw mismatch(ticker, best.ticker(), detail + ". Post it to /api/v1/chains/" + best.ticker()
                    + "; nothing was stored");
        }
        throw new BadParameterException("ticker", detail + ". If the move is real (a split, a crash), post again "
                + "with allow-spot-jump=true; nothing was stored");
    }

    /**
     * A ticker with nothing stored has no spot to compare with; a body whose spot is another ticker's stored spot on
     * the same session (to 1e-4 relative, closer than any two real underlyings sit by chance) is that ticker's.
     */
    private static void requireNotACopy(MarketDataStore market, String ticker, SessionChain c) {
        for (String other : market.tickers()) {
            if (other.equals(ticker)) {
                continue;
            }
            for (SpotObservation o : market.spotsAround(other, c.session(), c.session(), 0, 0)) {
                if (o.session().equals(c.session()) && Math.abs(Math.log(c.spot() / o.spot())) < 1e-4) {
                    throw mismatch(ticker, other, String.format(Locale.ROOT, "a us-options body names no "
                            + "underlying, and its spot %.6g on %s is %s's stored spot of that session",
                            c.spot(), c.session(), other));
                }
            }
        }
    }

    record SpotCheck(String ticker, SpotObservation stored, double vol, double sigmas) {
    }

    /** The body's spot against the ticker's stored spot on that session, else the nearest before, else after. */
    private static SpotCheck spotCheck(MarketDataStore market, String ticker, LocalDate session, double spot) {
        if (!(spot > 0)) {
            return null;
        }
        List<SpotObservation> around = market.spotsAround(ticker, session, session, 1, 1);
        SpotObservation ref = around.stream().filter(o -> o.session().equals(session)).findFirst()
                .or(() -> around.stream().filter(o -> o.session().isBefore(session)).reduce((a, b) -> b))
                .or(() -> around.stream().filter(o -> o.session().isAfter(session)).findFirst())
                .filter(o -> o.spot() > 0).orElse(null);
        if (ref == null) {
            return null;
        }
        double vol = storedVol(market, ticker, ref.session());
        double years = Act365F.yearsOfDays(Math.max(1, Math.abs(ChronoUnit.DAYS.between(ref.session(), session))));
        double sigmas = Math.abs(Math.log(spot / ref.spot())) / (vol * Math.sqrt(years));
        return new SpotCheck(ticker, ref, vol, sigmas);
    }

    /** The median implied vol of the stored session's quoted grid cells: a robust level for that underlying. */
    private static double storedVol(MarketDataStore market, String ticker, LocalDate session) {
        List<CanonicalSurface> s = market.surfaces(ticker, session, session);
        if (s.isEmpty()) {
            return FALLBACK_VOL;
        }
        CanonicalSurface surface = s.get(0);
        double[] v = new double[surface.impliedVol().length];
        int n = 0;
        for (int i = 0; i < v.length; i++) {
            double iv = surface.impliedVol()[i];
            if (surface.mask()[i] && iv > 0 && Double.isFinite(iv)) {
                v[n++] = iv;
            }
        }
        if (n == 0) {
            return FALLBACK_VOL;
        }
        Arrays.sort(v, 0, n);
        return v[n / 2];
    }

    /** Same underlying: equal, or a weekly / quarterly root of it (SPXW, SPXQ for SPX). */
    static boolean sameUnderlying(String named, String ticker) {
        String n = named.trim().toUpperCase(Locale.ROOT);
        return n.equals(ticker) || n.length() == ticker.length() + 1 && n.startsWith(ticker)
                && (n.endsWith("W") || n.endsWith("Q"));
    }

    private static BadParameterException mismatch(String ticker, String other, String detail) {
        return new BadParameterException("ticker", detail + ", not of " + ticker + " (the path's ticker): the body "
                + "of " + other + " cannot be stored as " + ticker + "; nothing was stored");
    }

    // ---------------------------------------------------------------- files

    private static ChainFormat layout(Path plain, ChainFormat format) {
        if (format != null) {
            return format;
        }
        try (InputStream in = ChainInput.open(plain)) {
            return ChainInput.detect(plain, in);
        } catch (IOException | RuntimeException e) {
            throw new BadParameterException("body", "the chain layout cannot be recognised: "
                    + String.valueOf(e.getMessage()).replace(plain.toString(), "body"));
        }
    }

    /** Moves the body where the readers expect it: us-options JSON needs {@code <date>/<TICKER>.json}. */
    private static Path place(Path dir, Path plain, String ticker, ChainFormat layout, LocalDate collectionDate) {
        try {
            Path target;
            if (layout == ChainFormat.US_OPTIONS) {
                if (collectionDate == null) {
                    throw new BadParameterException("date", "a us-options JSON body needs date=<collection date> "
                            + "(the folder date of the source layout)");
                }
                Path folder = Files.createDirectories(dir.resolve(collectionDate.toString()));
                target = folder.resolve(ticker.toLowerCase(Locale.ROOT) + ".json");
            } else {
                target = dir.resolve(ticker.toLowerCase(Locale.ROOT) + "-chain.csv");
            }
            Files.move(plain, target);
            return target;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the chain to a temporary file: " + e.getMessage(), e);
        }
    }

    private static void delete(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException ignored) {
            // a temp folder left behind is harmless
        }
    }
}
