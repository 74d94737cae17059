package io.volsurf.backtest.forecasting;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.config.SmallRyeConfigBuilder;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.ingest.IngestService;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.baseline.SurfaceForecast;
import io.volsurf.forecaster.grid.CanonicalSurface;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.grid.HalfSpreadCurve;
import io.volsurf.forecaster.grid.MoneynessScaling;
import io.volsurf.forecaster.grid.SurfaceRegridder;
import io.volsurf.forecaster.model.ForecasterConfig;
import io.volsurf.forecaster.model.ModelDirectory;
import io.volsurf.forecaster.model.TrainingProgressListener;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The user's grid through PostgreSQL on a small generated market: stored sessions re-gridded from their SVI fits
 * (the stored cells again on the stored grid), a model trained on a user grid that records it and answers on it,
 * a request on another grid read off the forecast surface, and a model directory from before grids were recorded.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class GridSpecWorkflowTest {

    private static final String TICKER = "GRD";
    private static final GridSpec USER = new GridSpec(new int[] {10, 30, 60}, new double[] {-0.15, -0.05, 0, 0.05, 0.15},
            MoneynessScaling.LOG_MONEYNESS);
    private static final List<String> TINY = List.of("d_model=8", "heads=2", "layers=1", "batch_size=16", "epochs=1",
            "patience=1", "folds=0", "n=3");

    @Inject
    IngestService ingest;

    @Inject
    ForecastingService forecasting;

    @Inject
    AgroalDataSource dataSource;

    private static List<LocalDate> sessions;

    private synchronized List<LocalDate> market() throws Exception {
        if (sessions == null) {
            Path dir = Files.createTempDirectory("volsurf-gridspec");
            new SyntheticMarketGenerator().generate(SyntheticMarketConfig.defaults(22, 5L).withTickers(List.of(TICKER)),
                    dir.resolve("market"));
            ingest.ingest(List.of(dir.resolve("market")), null, IngestService.Progress.NONE);
            sessions = forecasting.sessions(TICKER);
            assertEquals(22, sessions.size());
        }
        return sessions;
    }

    @Test
    void reGriddingStoredSessionsOntoTheStoredGridReproducesTheStoredCells() throws Exception {
        List<LocalDate> days = market();
        MarketDataStore store = new MarketDataStore(dataSource);
        LocalDate from = days.get(0);
        LocalDate to = days.get(days.size() - 1);
        List<CanonicalSurface> stored = store.surfaces(TICKER, from, to);
        assertEquals(GridSpec.defaultSpec(), stored.get(0).spec());
        Map<LocalDate, Map<LocalDate, HalfSpreadCurve>> spreads = store.halfSpreadCurves(TICKER, from, to);
        int observed = 0;
        for (CanonicalSurface s : stored) {
            CanonicalSurface again = new SurfaceRegridder().resample(s, GridSpec.defaultSpec(), spreads.get(s.session()));
            assertArrayEquals(s.logMoneyness(), again.logMoneyness(), s.session().toString());
            assertArrayEquals(s.totalVariance(), again.totalVariance(), s.session().toString());
            assertArrayEquals(s.impliedVol(), again.impliedVol(), s.session().toString());
            assertArrayEquals(s.mask(), again.mask(), s.session().toString());
            assertArrayEquals(s.halfSpreadVol(), again.halfSpreadVol(), s.session().toString());
            observed += again.observedCells();
        }
        assertTrue(observed > 0);
        // asking for the stored grid reads the stored surfaces as they are
        List<CanonicalSurface> onDefault = store.surfaces(TICKER, from, to, GridSpec.defaultSpec());
        for (int i = 0; i < stored.size(); i++) {
            assertArrayEquals(stored.get(i).totalVariance(), onDefault.get(i).totalVariance());
        }
        List<CanonicalSurface> onUser = store.surfaces(TICKER, from, to, USER);
        assertEquals(USER, onUser.get(5).spec());
        assertTrue(onUser.get(5).observedCells() > 0);
    }

    @Test
    void aModelTrainedOnAUserGridRecordsItAndAnswersOnIt() throws Exception {
        List<LocalDate> days = market();
        Path dir = Files.createTempDirectory("volsurf-gridspec-model");
        Path gridFile = dir.resolve("grid.json");
        Files.writeString(gridFile, "{\"grid_tenors\": [10, 30, 60], \"grid_moneyness\": \"log\"}");
        List<String> sets = new java.util.ArrayList<>(TINY);
        sets.add("grid_knots=-0.15,-0.05,0,0.05,0.15");
        ForecasterConfig cfg = ForecasterSettings.resolve(new SmallRyeConfigBuilder().build(), null, gridFile, sets);
        assertEquals(USER, cfg.gridSpec());
        Path model = dir.resolve("model");
        LocalDate last = days.get(days.size() - 1);
        forecasting.train(List.of(TICKER), days.get(0), days.get(15), model, cfg, TrainingProgressListener.none())
                .forecaster().close();
        assertEquals(USER, ForecasterConfig.fromJson(java.nio.file.Files.readString(model.resolve("config.json"))).gridSpec(), "recorded in config.json");

        SurfaceForecast onModelGrid = forecasting.forecast(TICKER, last, model).forecast();
        assertEquals(USER, onModelGrid.spec());
        GridRequest other = new GridRequest("7,20,45", "-1,0,1", "atm_std");
        SurfaceForecast onOther = forecasting.forecast(TICKER, last, model, other).forecast();
        assertEquals(other.on(USER), onOther.spec());
        assertArrayEquals(onModelGrid.readOn(onOther.spec()).totalVariance(), onOther.totalVariance());

        ForecastingService.EvaluateOutcome e = forecasting.evaluate(List.of(TICKER), model, days.get(16), last);
        assertEquals(USER, e.grid());
        assertEquals(6, e.report().sessions());
        ForecastingService.EvaluateOutcome d = forecasting.evaluate(List.of(TICKER), model, days.get(16), last,
                new GridRequest("7,14,30,60,91,182,273", "-2,-1.25,-0.5,0,0.5,1.25,2", "atm_std"));
        assertEquals(GridSpec.defaultSpec(), d.grid());
        assertEquals(6, d.report().sessions());
        assertTrue(Double.isFinite(d.report().model().rmseVolPoints()));
    }

    @Test
    void aModelDirectoryWithoutARecordedGridLoadsOnTheDefaultGrid() throws Exception {
        List<LocalDate> days = market();
        Path model = Files.createTempDirectory("volsurf-gridspec-old").resolve("model");
        ForecasterConfig cfg = ForecasterSettings.resolve(new SmallRyeConfigBuilder().build(), null, TINY);
        forecasting.train(List.of(TICKER), days.get(0), days.get(15), model, cfg, TrainingProgressListener.none())
                .forecaster().close();
        LocalDate last = days.get(days.size() - 1);
        SurfaceForecast before = forecasting.forecast(TICKER, last, model).forecast();
        // as a model directory written before models recorded their grid
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(Files.readString(model.resolve("config.json")));
        assertEquals(GridSpec.defaultSpec().tenorCount(), config.get("gridSpec").get("tenorsDays").size());
        config.putNull("gridSpec");
        Files.writeString(model.resolve("config.json"), json.writeValueAsString(config));
        ObjectNode manifest = (ObjectNode) json.readTree(Files.readString(model.resolve("manifest.json")));
        ((ObjectNode) manifest.get("sha256")).put("config.json", HexFormat.of().formatHex(
                MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(model.resolve("config.json")))));
        Files.writeString(model.resolve("manifest.json"), json.writeValueAsString(manifest));
        try (TransformerForecaster loaded = new ModelDirectory().load(model)) {
            assertEquals(GridSpec.defaultSpec(), loaded.config().gridSpec());
        }
        SurfaceForecast after = forecasting.forecast(TICKER, last, model).forecast();
        assertEquals(GridSpec.defaultSpec(), after.spec());
        assertArrayEquals(before.totalVariance(), after.totalVariance());
    }
}
