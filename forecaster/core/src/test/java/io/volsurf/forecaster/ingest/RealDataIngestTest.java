package io.volsurf.forecaster.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.calendar.NyseCalendar;
import io.volsurf.forecaster.calendar.SessionMapper;
import io.volsurf.forecaster.market.OptionQuote;
import io.volsurf.forecaster.market.PriceUnit;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** Every SPY day and every Deribit BTC day of ../shared/data reads, with sane counts. */
class RealDataIngestTest {

    @Test
    void everySpyDayIngestsAndHolidayFoldersAreMapped() throws IOException {
        Path root = SharedData.require("us-options");
        List<Path> spyFiles;
        try (Stream<Path> s = Files.list(root)) {
            spyFiles = s.map(d -> d.resolve("SPY.json.gz")).filter(Files::exists).sorted().toList();
        }
        Map<LocalDate, SessionChain> bySession = new TreeMap<>();
        List<SessionChain> all = new ArrayList<>();
        IngestSummary summary = new ChainIngestor().ingest(spyFiles, null, chain -> {
            all.add(new SessionChain(chain.underlying(), chain.session(), chain.snapshot(), chain.spot(),
                    chain.spotSource(), List.of(), chain.rejects(), chain.sourceFile(), chain.collectionDate(),
                    chain.format()));
            assertEquals("SPY", chain.underlying());
            assertTrue(chain.expiryCount() >= 30, chain.session() + " has only " + chain.expiryCount() + " expiries");
            assertTrue(chain.rejects().size() < 0.2 * (chain.rejects().size() + chain.quotes().size()),
                    chain.session() + " rejects " + chain.rejects().size());
            assertTrue(new NyseCalendar().isSession(chain.session()), chain.session() + " is not an NYSE session");
            for (OptionQuote q : chain.quotes()) {
                assertTrue(q.maturityYears() > 0);
                assertEquals(PriceUnit.QUOTE_CURRENCY, q.priceUnit());
            }
            bySession.put(chain.session(), chain);
        });
        System.out.println("SPY: " + summary.toText());
        assertTrue(summary.allFilesRead(), summary.filesFailed().toString());
        assertEquals(65, summary.files());
        // 65 folders, 3 on NYSE holidays: 06-19 and 07-03 repeat a session that has its own folder
        // (dropped); 05-25 stands in for 2026-05-22, which has no folder.
        assertEquals(63, summary.sessions());
        assertEquals(63, bySession.size(), "one chain per session, no duplicates");
        assertTrue(bySession.containsKey(LocalDate.of(2026, 5, 22)));
        assertEquals(LocalDate.of(2026, 5, 25), bySession.get(LocalDate.of(2026, 5, 22)).collectionDate());
        assertEquals(3, summary.holidayFolders().size());
        for (HolidayFolder h : summary.holidayFolders()) {
            SessionMapper.Action expected = h.collectionDate().equals(LocalDate.of(2026, 5, 25))
                    ? SessionMapper.Action.ATTRIBUTED_TO_PREVIOUS : SessionMapper.Action.DROPPED_REPEAT;
            assertEquals(expected, h.action(), h.toString());
        }
        assertTrue(summary.rejectedShare() < 0.2);
    }

    @Test
    void everyDeribitDayIngestsWithBtcAndEthChains() {
        Path root = SharedData.require("crypto-deribit");
        List<SessionChain> btc = new ArrayList<>();
        IngestSummary summary = new ChainIngestor().ingest(List.of(root), null, chain -> {
            if (chain.underlying().equals("BTC")) {
                btc.add(chain);
                assertTrue(chain.expiryCount() >= 8, chain.session() + " " + chain.expiryCount());
                assertEquals(SpotSource.NEAREST_EXPIRY_FORWARD, chain.spotSource());
                assertTrue(chain.spot() > 10_000 && chain.spot() < 500_000, "BTC spot " + chain.spot());
                for (OptionQuote q : chain.quotes()) {
                    assertEquals(PriceUnit.UNDERLYING, q.priceUnit());
                    assertTrue(q.maturityYears() > 0);
                }
            }
        });
        System.out.println("Deribit: " + summary.toText());
        assertTrue(summary.allFilesRead(), summary.filesFailed().toString());
        assertEquals(50, summary.files());
        assertEquals(50, btc.size());
        assertEquals(100, summary.sessions(), "BTC and ETH each day");
        assertTrue(summary.rejectedShare() < 0.2);
    }

    @Test
    void paritySpotMatchesTheHeaderSpotWhenTheHeaderIsRemoved(@org.junit.jupiter.api.io.TempDir Path tmp)
            throws IOException {
        Path root = SharedData.require("us-options");
        for (String name : List.of("2026-06-09/QQQ.json.gz", "2026-07-15/SPY.json.gz", "2026-08-12/AAPL.json.gz")) {
            Path original = root.resolve(name);
            String json;
            try (java.io.InputStream in = new java.util.zip.GZIPInputStream(Files.newInputStream(original))) {
                json = new String(in.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            }
            String stripped = json.replaceFirst("\"underlyingPrice\":[0-9.]+", "\"underlyingPrice\":null");
            Path copy = Fixtures.write(tmp, name.replace(".gz", ""), stripped);
            List<SessionChain> chains = new ArrayList<>();
            new ChainIngestor().ingest(List.of(original, copy), null, chains::add);
            SessionChain header = chains.get(0);
            SessionChain parity = chains.get(1);
            assertEquals(SpotSource.HEADER, header.spotSource());
            assertEquals(SpotSource.PUT_CALL_PARITY, parity.spotSource());
            System.out.printf("%s: header spot %.2f, parity spot %.2f%n", name, header.spot(), parity.spot());
            assertEquals(header.spot(), parity.spot(), 0.005 * header.spot(), name);
        }
    }

    @Test
    void missingUnderlyingPriceIsInferredFromTheChain() {
        Path root = SharedData.require("us-options");
        List<SessionChain> chains = new ArrayList<>();
        new ChainIngestor().ingest(List.of(root.resolve("2026-06-09/QQQ.json.gz"),
                root.resolve("2026-06-10/QQQ.json.gz"), root.resolve("2026-06-11/QQQ.json.gz")), null, chains::add);
        assertEquals(3, chains.size());
        SessionChain inferred = chains.get(1);
        assertEquals(SpotSource.PUT_CALL_PARITY, inferred.spotSource());
        double before = chains.get(0).spot();
        double after = chains.get(2).spot();
        // QQQ's chain on 06-10 says ~693 on every expiry (a down day between 707.83 and 717.12).
        System.out.printf("QQQ spot 06-09 %.2f (header), 06-10 %.2f (parity), 06-11 %.2f (header)%n", before,
                inferred.spot(), after);
        assertTrue(Math.abs(inferred.spot() / before - 1) < 0.05 && Math.abs(inferred.spot() / after - 1) < 0.05);
    }
}
