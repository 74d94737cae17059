package io.volsurf.backtest.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.volsurf.backtest.db.EmbeddedPostgresResource;
import io.volsurf.backtest.ingest.IngestService.IngestOutcome;
import io.volsurf.db.market.MarketDataStore;
import io.volsurf.forecaster.smile.IvSource;
import io.volsurf.forecaster.synthetic.GenerationReport;
import io.volsurf.forecaster.synthetic.SyntheticMarketConfig;
import io.volsurf.forecaster.synthetic.SyntheticMarketGenerator;
import jakarta.inject.Inject;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ingest --iv-source}: a real us-options file read with the vendor source stores the vendor's IVs as the
 * smile's vols and says so on the session; re-ingested from prices it is replaced whole; a layout without a vendor
 * IV column falls back to the prices, every fitted point counted.
 */
@QuarkusTest
@QuarkusTestResource(value = EmbeddedPostgresResource.class, restrictToAnnotatedClass = false)
class IngestIvSourceTest {

    private static final IngestService.Progress SILENT = IngestService.Progress.NONE;
    private static final LocalDate DAY = LocalDate.of(2026, 7, 21);

    @Inject
    IngestService service;

    @Inject
    AgroalDataSource dataSource;

    @TempDir
    Path dir;

    /** One real us-options file under a ticker of its own (the database is shared with the other tests). */
    private Path realFile() throws Exception {
        String prop = System.getProperty("volsurf.shared.data");
        Path root = prop != null ? Path.of(prop) : Path.of("../shared/data");
        if (!Files.isDirectory(root) && prop == null) {
            root = Path.of("../../shared/data");
        }
        Path source = root.resolve("us-options").resolve(DAY.toString()).resolve("TLT.json.gz");
        Assumptions.assumeTrue(Files.isRegularFile(source), source + " absent: skipping the real-data round trip");
        Path day = Files.createDirectories(dir.resolve("us").resolve(DAY.toString()));
        Path copy = day.resolve("IVSRC.json.gz");
        Files.copy(source, copy);
        return copy;
    }

    @Test
    void vendorIvsAreStoredAsTheSmileVolsAndPricesReplaceThem() throws Exception {
        Path file = realFile();
        IngestOutcome vendor = service.ingest(List.of(file), null, IvSource.VENDOR, SILENT);
        assertEquals(IvSource.VENDOR, vendor.ivSource());
        assertEquals(1, vendor.surfaces(), vendor.sessionFailures().toString());
        MarketDataStore store = new MarketDataStore(dataSource);
        assertEquals("vendor", store.ivSourceOf("IVSRC", DAY));
        long smilePoints = count("select count(*) from quotes where ticker = 'IVSRC' and iv_mid is not null");
        long fromVendor = count("select count(*) from quotes where ticker = 'IVSRC' and iv_mid is not null "
                + "and vendor_iv is not null and abs(iv_mid - vendor_iv) < 1e-12");
        assertTrue(smilePoints > 50, "a real smile: " + smilePoints);
        assertEquals(smilePoints - vendor.vendorIvFallbacks(), fromVendor,
                "every smile vol is the vendor's IV, but the counted fallbacks");
        long quotes = count("select count(*) from quotes where ticker = 'IVSRC'");
        assertTrue(string("select notes->>'ivSource' from ingest_runs where id = " + vendor.runId()).equals("vendor"));

        IngestOutcome prices = service.ingest(List.of(file), null, IvSource.PRICES, SILENT);
        assertEquals("prices", store.ivSourceOf("IVSRC", DAY));
        assertEquals(0, prices.vendorIvFallbacks());
        assertEquals(quotes, count("select count(*) from quotes where ticker = 'IVSRC'"), "replaced, not added to");
        long stillVendor = count("select count(*) from quotes where ticker = 'IVSRC' and iv_mid is not null "
                + "and vendor_iv is not null and abs(iv_mid - vendor_iv) < 1e-12");
        long pricePoints = count("select count(*) from quotes where ticker = 'IVSRC' and iv_mid is not null");
        assertTrue(stillVendor < pricePoints / 10, "vols inverted from prices are not the vendor's: " + stillVendor
                + " of " + pricePoints);
        assertEquals(1, count("select count(*) from sessions where ticker = 'IVSRC'"));
    }

    @Test
    void aLayoutWithoutVendorIvFallsBackToPricesAndCountsEveryPoint() throws Exception {
        GenerationReport market = new SyntheticMarketGenerator().generate(
                SyntheticMarketConfig.defaults(2, 3L).withTickers(List.of("NOIV")), dir.resolve("market"));
        Path noIv = Files.createDirectories(dir.resolve("noiv"));
        for (Path chain : market.chainFiles()) {
            Files.write(noIv.resolve(chain.getFileName().toString().replace(".gz", "")), withoutIvColumn(chain));
        }
        IngestOutcome prices = service.ingest(List.of(noIv), null, IvSource.PRICES, SILENT);
        List<Double> priceVols = vols("NOIV");
        IngestOutcome vendor = service.ingest(List.of(noIv), null, IvSource.VENDOR, SILENT);
        assertEquals(prices.surfaces(), vendor.surfaces());
        assertEquals(priceVols.size(), vendor.vendorIvFallbacks(), "every smile point fell back to its price");
        assertEquals(priceVols, vols("NOIV"), "and got the vol the prices source gives it");
        assertEquals(count("select count(*) from sessions where ticker = 'NOIV'"),
                count("select count(*) from sessions where ticker = 'NOIV' and iv_source = 'vendor'"));
    }

    /** A generic CSV with its implied_volatility column removed. */
    private static List<String> withoutIvColumn(Path chain) throws Exception {
        List<String> lines = new ArrayList<>();
        try (var in = chain.toString().endsWith(".gz") ? new GZIPInputStream(Files.newInputStream(chain))
                : Files.newInputStream(chain)) {
            lines.addAll(new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8).lines().toList());
        }
        int drop = List.of(lines.get(0).split(",", -1)).indexOf("implied_volatility");
        assertTrue(drop >= 0, "the generated CSV has an implied_volatility column: " + lines.get(0));
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            List<String> cells = new ArrayList<>(List.of(line.split(",", -1)));
            cells.remove(drop);
            out.add(String.join(",", cells));
        }
        return out;
    }

    private List<Double> vols(String ticker) throws SQLException {
        List<Double> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery("select iv_mid from quotes where ticker = '" + ticker
                        + "' and iv_mid is not null order by session_date, expiry, strike, option_type")) {
            while (rs.next()) {
                out.add(rs.getDouble(1));
            }
        }
        return out;
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private String string(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection(); Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getString(1);
        }
    }
}
