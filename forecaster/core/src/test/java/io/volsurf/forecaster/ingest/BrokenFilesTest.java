package io.volsurf.forecaster.ingest;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A corrupt file is one clear failure naming it; the run goes on with the other files. */
class BrokenFilesTest {

    @TempDir
    Path dir;

    private static final String GOOD = """
            quote_date,underlying,underlying_price,expiration,strike,option_type,bid,ask
            2026-07-06,SPY,700,2026-07-17,700,C,10.0,10.4
            """;

    private FileFailure onlyFailure(Path bad, String expectedText) throws IOException {
        Path good = Fixtures.write(dir, "good-" + bad.getFileName() + ".csv", GOOD);
        Fixtures.Run run = Fixtures.ingest(bad, good);
        IngestSummary s = run.summary();
        assertEquals(2, s.files());
        assertEquals(1, s.filesFailed().size(), s.filesFailed().toString());
        assertFalse(s.allFilesRead());
        assertEquals(1, s.sessions(), "the good file is still read");
        assertEquals(1, s.accepted());
        FileFailure f = s.filesFailed().get(0);
        assertEquals(bad.toString(), f.file());
        assertTrue(f.error().contains(bad.getFileName().toString()), f.error());
        assertTrue(f.error().toLowerCase().contains(expectedText), f.error());
        assertFalse(f.error().contains("\n"), "one line: " + f.error());
        return f;
    }

    @Test
    void truncatedGzip() throws IOException {
        StringBuilder big = new StringBuilder(GOOD);
        for (int i = 0; i < 2000; i++) {
            big.append("2026-07-06,SPY,700,2026-07-17,").append(500 + i).append(",C,1.0,1.1\n");
        }
        Path full = Fixtures.gzip(dir, "full.csv.gz", big.toString());
        byte[] bytes = Files.readAllBytes(full);
        Path cut = dir.resolve("cut.csv.gz");
        Files.write(cut, Arrays.copyOf(bytes, bytes.length / 2));
        onlyFailure(cut, "truncated");
    }

    @Test
    void wrongHeader() throws IOException {
        onlyFailure(Fixtures.write(dir, "wrong.csv", "date,ticker,price\n2026-07-06,SPY,700\n"), "wrong header");
    }

    @Test
    void headerMissingARequiredColumnWhenForced() {
        Path bad = Fixtures.write(dir, "forced.csv", "quote_date,underlying,strike\n2026-07-06,SPY,700\n");
        IngestSummary s = new ChainIngestor().ingest(List.of(bad), ChainFormat.GENERIC, c -> { });
        assertEquals(1, s.filesFailed().size());
        assertTrue(s.filesFailed().get(0).error().contains("missing column(s) [expiration, option_type, bid, ask]"),
                s.filesFailed().get(0).error());
    }

    @Test
    void emptyFileAndEmptyGzip() throws IOException {
        onlyFailure(Fixtures.write(dir, "empty.csv", ""), "empty file");
        onlyFailure(Fixtures.gzip(dir, "empty2.csv.gz", ""), "empty file");
    }

    @Test
    void headerOnly() throws IOException {
        onlyFailure(Fixtures.write(dir, "header.csv", GOOD.lines().findFirst().orElseThrow() + "\n"),
                "no data rows");
    }

    @Test
    void garbageJson() throws IOException {
        onlyFailure(Fixtures.write(dir, "2026-07-06/SPY.json", "{\"header\": {\"underlyingPrice\": 7, \"contracts\": [}"),
                "not valid us-options json");
        onlyFailure(Fixtures.write(dir, "2026-07-07/SPY.json", "{\"something\": 1}"), "no \"contracts\" array");
    }

    @Test
    void binaryGarbageAndMissingFile() throws IOException {
        Path bin = dir.resolve("noise.bin");
        Files.write(bin, new byte[] {0, 1, 2, 3, (byte) 0xff, 10, 11});
        onlyFailure(bin, "wrong header");
        onlyFailure(dir.resolve("nope.csv"), "no such file");
    }

    @Test
    void everyRowRejectedIsAFileFailureNamingTheFirstReject() throws IOException {
        onlyFailure(Fixtures.write(dir, "allbad.csv", GOOD.lines().findFirst().orElseThrow()
                + "\nnot-a-date,SPY,700,2026-07-17,700,C,1,2\n"), "no readable row");
    }

    @Test
    void aListenerFailurePropagatesInsteadOfBeingBlamedOnTheFile() {
        Path good = Fixtures.write(dir, "good.csv", GOOD);
        IllegalStateException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> new ChainIngestor().ingest(List.of(good), null, c -> {
                    throw new IllegalStateException("database down");
                }));
        assertEquals("database down", e.getMessage());
    }
}
