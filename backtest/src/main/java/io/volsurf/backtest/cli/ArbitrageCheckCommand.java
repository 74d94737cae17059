package io.volsurf.backtest.cli;

import io.volsurf.forecaster.arbitrage.ArbitrageReport;
import io.volsurf.forecaster.arbitrage.MaturitySlice;
import io.volsurf.forecaster.arbitrage.SurfaceArbitrageCheck;
import io.volsurf.forecaster.grid.ChainSurfaceReader;
import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.svi.SviParams;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./volsurf arbitrage-check}: butterfly and calendar checks of one SVI slice or of a chain's fitted slices. */
@Command(name = "arbitrage-check", mixinStandardHelpOptions = true,
        description = "Butterfly (Durrleman g >= 0) and calendar checks: of one raw SVI slice (--svi, --maturity), or of "
                + "the SVI slices fitted to one session of a chain file.",
        footer = {"", "Examples:", "  ./volsurf arbitrage-check --svi -0.0410,0.1331,0.3060,0.3586,0.4153 --maturity 1",
            "  ./volsurf arbitrage-check ../shared/data/us-options/2026-06-01/SPY.json.gz --date 2026-06-01 --json"})
public final class ArbitrageCheckCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", arity = "0..1", paramLabel = "CHAIN", description = "Chain file (with --date).")
    Path chain;

    @Option(names = "--date", paramLabel = "D", description = "Session date of CHAIN, YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--ticker", paramLabel = "X", description = "Underlying, when CHAIN holds several.")
    String ticker;

    @Option(names = "--svi", paramLabel = "a,b,rho,m,sigma", description = "Raw SVI parameters of one slice.")
    String svi;

    @Option(names = "--maturity", paramLabel = "T", description = "Maturity of the --svi slice in years.")
    Double maturity;

    @Override
    public void run() {
        ArbitrageReport report;
        if (svi != null) {
            if (chain != null) {
                throw new IllegalArgumentException("give either --svi with --maturity, or CHAIN with --date, not both");
            }
            if (maturity == null || !(maturity > 0) || maturity.isInfinite()) {
                throw new IllegalArgumentException("--maturity must be a positive number of years with --svi");
            }
            report = new SurfaceArbitrageCheck().check(List.of(new MaturitySlice(maturity, parse(svi))));
        } else if (chain != null) {
            SessionSurface s = new ChainSurfaceReader().read(chain, date, ticker);
            if (s.arbitrage() == null) {
                throw new IllegalArgumentException("no expiry of " + chain + " on " + date + " has enough usable quotes "
                        + "for an SVI fit");
            }
            report = s.arbitrage();
        } else {
            throw new IllegalArgumentException("give --svi a,b,rho,m,sigma with --maturity T, or CHAIN with --date D");
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("butterflyFree", report.butterflyFree());
        doc.put("minG", report.minG());
        doc.put("minGAtK", report.minGAtK());
        doc.put("minGAtMaturity", report.minGAtMaturityYears());
        doc.put("calendarViolations", report.calendarViolations());
        Output out = new Output(common.json);
        out.document(doc);
        out.linef("butterfly-free: %s (min g = %.6g at k = %.4f, T = %.4f)", report.butterflyFree(), report.minG(),
                report.minGAtK(), report.minGAtMaturityYears());
        out.linef("calendar violations: %d", report.calendarViolations().size());
        report.calendarViolations().forEach(v -> out.linef("  T %.4f -> %.4f: k in [%.3f, %.3f], worst %.3g at k = %.3f",
                v.shorterMaturityYears(), v.longerMaturityYears(), v.kFrom(), v.kTo(), v.worstAmount(), v.worstK()));
    }

    /** Parses "a,b,rho,m,sigma"; every fault is an IllegalArgumentException naming --svi. */
    static SviParams parse(String text) {
        String[] parts = text.split(",");
        if (parts.length != 5) {
            throw new IllegalArgumentException("--svi needs five comma-separated numbers a,b,rho,m,sigma, got '" + text
                    + "'");
        }
        double[] v = new double[5];
        for (int i = 0; i < 5; i++) {
            try {
                v[i] = Double.parseDouble(parts[i].trim());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("--svi value " + (i + 1) + " is not a number: '" + parts[i] + "'");
            }
        }
        try {
            return new SviParams(v[0], v[1], v[2], v[3], v[4]);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("--svi: " + e.getMessage());
        }
    }
}
