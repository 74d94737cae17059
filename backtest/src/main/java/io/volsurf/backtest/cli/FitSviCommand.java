package io.volsurf.backtest.cli;

import io.volsurf.forecaster.grid.ChainSurfaceReader;
import io.volsurf.forecaster.grid.ExpiryDiagnostics;
import io.volsurf.forecaster.grid.SessionSurface;
import io.volsurf.forecaster.svi.SviFit;
import io.volsurf.forecaster.svi.SviParams;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code ./volsurf fit-svi CSV --date D}: SVI fit per expiry of one day of one chain file, no database. */
@Command(name = "fit-svi", mixinStandardHelpOptions = true,
        description = "SVI fit per expiry of one session of one chain file (any supported layout, plain or gzipped); "
                + "no database needed.",
        footer = {"", "Example:", "  ./volsurf fit-svi ../shared/data/us-options/2026-06-01/SPY.json.gz --date 2026-06-01",
            "  ./volsurf fit-svi ../shared/data/crypto-deribit/2026-07-04.csv.gz --date 2026-07-04 --ticker BTC --json"})
public final class FitSviCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "CHAIN", description = "Chain file (or folder).")
    Path chain;

    @Option(names = "--date", required = true, paramLabel = "D", description = "Session date, YYYY-MM-DD.")
    LocalDate date;

    @Option(names = "--ticker", paramLabel = "X", description = "Underlying, when the file holds several (e.g. BTC).")
    String ticker;

    @Override
    public void run() {
        SessionSurface s = new ChainSurfaceReader().read(chain, date, ticker);
        List<Map<String, Object>> slices = new ArrayList<>();
        for (ExpiryDiagnostics e : s.expiries()) {
            if (!e.fitted()) {
                continue;
            }
            SviFit f = e.fit();
            SviParams p = f.params();
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("expiry", e.forward().expiry().toString());
            m.put("maturity", e.forward().maturityYears());
            m.put("forward", e.forward().forward());
            m.put("a", p.a());
            m.put("b", p.b());
            m.put("rho", p.rho());
            m.put("m", p.m());
            m.put("sigma", p.sigma());
            m.put("quotes", f.quotes());
            m.put("rmseVolPoints", f.rmseVolPoints());
            m.put("butterflyFree", f.butterflyFree());
            m.put("minG", f.minG());
            m.put("forwardMethod", e.forward().method().name());
            m.put("discount", e.forward().discount());
            m.put("repair", f.repair().name());
            slices.add(m);
        }
        Map<String, Object> doc = new LinkedHashMap<>();
        doc.put("ticker", s.surface().ticker());
        doc.put("date", s.surface().session().toString());
        doc.put("slices", slices);
        doc.put("skippedExpiries", s.expiries().size() - slices.size());
        Output out = new Output(common.json);
        out.document(doc);
        out.linef("%s %s: %d expiries fitted, %d skipped (too few usable quotes or under a day)", s.surface().ticker(),
                s.surface().session(), slices.size(), s.expiries().size() - slices.size());
        out.linef("%-10s %8s %10s %10s %8s %7s %8s %8s %6s %6s %5s %9s", "expiry", "T(y)", "forward", "a", "b", "rho", "m",
                "sigma", "quotes", "rmse", "bfly", "minG");
        for (Map<String, Object> m : slices) {
            out.linef("%-10s %8.4f %10.2f %10.6f %8.5f %7.3f %8.4f %8.4f %6d %6.2f %5s %9.2e", m.get("expiry"),
                    m.get("maturity"), m.get("forward"), m.get("a"), m.get("b"), m.get("rho"), m.get("m"),
                    m.get("sigma"), m.get("quotes"), m.get("rmseVolPoints"), m.get("butterflyFree"), m.get("minG"));
        }
    }
}
