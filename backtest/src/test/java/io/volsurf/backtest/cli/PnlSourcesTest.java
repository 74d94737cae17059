package io.volsurf.backtest.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

class PnlSourcesTest {

    @Test
    void halfSpreadSourceIsQuotedAssumedOrBothAsRunSummarySaysIt() {
        assertEquals("quoted", PnlSources.halfSpreadSource(12, 0));
        assertEquals("assumed", PnlSources.halfSpreadSource(0, 3));
        assertEquals("quoted+assumed", PnlSources.halfSpreadSource(12, 3));
        assertNull(PnlSources.halfSpreadSource(0, 0));
    }

    @Test
    void theCostLineSaysWhenTheHalfSpreadWasAssumed() {
        Map<String, Object> row = Map.of("deltaPnl", 1.0, "totalPnl", 2.0, "halfSpreadSource", "assumed");
        assertTrue(PnlSources.lines(row).get(0).contains("assumed half-spread on every option fill"),
                PnlSources.lines(row).get(0));
        Map<String, Object> quoted = Map.of("deltaPnl", 1.0, "totalPnl", 2.0, "halfSpreadSource", "quoted");
        assertTrue(PnlSources.lines(quoted).get(0).contains("option fills at quoted bid/ask"));
    }
}
