package io.volsurf.backtest.serving;

import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import java.time.LocalDate;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A cached forecast with everything the endpoints and charts read from it, and the documents already served from it
 * ({@link #json}: serialised once per grid request, not once per request; dropped with the forecast).
 *
 * @param date        the as-of session
 * @param forecastFor the session the forecast is for
 * @param latest      the as-of session's surface and SVI fits
 * @param modelBlend  the model's head policy: {@code svi}, {@code grid} or {@code blend}
 */
public record ServedForecast(String modelId, String ticker, LocalDate date, LocalDate forecastFor,
        CanonicalSurface latest, SurfaceForecast forecast, ForecastSurfaceReader reader, String modelBlend,
        ArbitrageView arbitrage, ResponseBytes json) {

    /**
     * Serialised responses of one forecast by request, bounded in bytes so that arbitrary grids cannot grow it: a
     * document over {@link #MAX_DOCUMENT} or past {@link #MAX_TOTAL} in all is served but not kept.
     */
    public static final class ResponseBytes {
        static final int MAX_DOCUMENT = 256 * 1024;
        static final int MAX_TOTAL = 1024 * 1024;
        private final ConcurrentHashMap<String, byte[]> documents = new ConcurrentHashMap<>();
        private final AtomicLong total = new AtomicLong();

        /** The document kept for {@code request}, or null. */
        public byte[] get(String request) {
            return documents.get(request);
        }

        /** Keeps {@code document} for {@code request} when it fits the bounds. */
        public void offer(String request, byte[] document) {
            if (document.length > MAX_DOCUMENT) {
                return; // never counted, so nothing to give back
            }
            if (total.addAndGet(document.length) > MAX_TOTAL || documents.putIfAbsent(request, document) != null) {
                total.addAndGet(-document.length);
            }
        }

        /** Bytes kept, as counted against {@link #MAX_TOTAL}. */
        long totalBytes() {
            return total.get();
        }
    }
}
