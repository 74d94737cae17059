package io.volsurf.bench;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.ql.Date;
import io.volsurf.greeks.ql.EuropeanExercise;
import io.volsurf.greeks.ql.Option;
import io.volsurf.greeks.ql.PlainVanillaPayoff;
import io.volsurf.greeks.ql.SimpleQuote;
import io.volsurf.greeks.ql.VanillaOption;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Resident memory (VmRSS) over a million QuantLib pricings, to show that native objects are
 * released: java -cp bench/target/benchmarks.jar io.volsurf.bench.NativeMemoryCheck [millions]
 */
public final class NativeMemoryCheck {
    public static void main(String[] args) throws Exception {
        int millions = args.length > 0 ? Integer.parseInt(args[0]) : 1;
        int n = 1000;
        double[] s = new double[n], k = new double[n], t = new double[n], r = new double[n], q = new double[n],
                v = new double[n], out = new double[6 * n];
        int[] call = new int[n], am = new int[n];
        for (int i = 0; i < n; i++) {
            s[i] = 100; k[i] = 80 + 0.04 * i; t[i] = 0.1 + i / 500.0; r[i] = 0.03; q[i] = 0.01; v[i] = 0.25;
            call[i] = i % 2;
        }
        try (QuantLibGreeksEngine engine = new QuantLibGreeksEngine()) {
            engine.priceArrays(n, s, k, t, r, q, v, call, am, out);
            System.out.printf("start: VmRSS %d kB%n", rssKb());
            for (int m = 0; m < millions; m++) {
                for (int rep = 0; rep < 1_000_000 / n; rep++) {
                    engine.priceArrays(n, s, k, t, r, q, v, call, am, out);
                }
                System.out.printf("after %d million batch pricings: VmRSS %d kB%n", m + 1, rssKb());
            }
            for (int i = 0; i < 1_000_000; i++) {
                engine.price(OptionContract.european(OptionType.PUT, 90 + i % 20, 0.5), new PricingInputs(100, 0.02, 0, 0.3));
            }
            System.out.printf("after 1 million single pricings: VmRSS %d kB%n", rssKb());
        }
        // SWIG proxies created and closed: each a native QuantLib object.
        for (int i = 0; i < 1_000_000; i++) {
            try (Date d = new Date(2, 1, 2030); PlainVanillaPayoff p = new PlainVanillaPayoff(Option.Type.Call, 100);
                 EuropeanExercise e = new EuropeanExercise(d); VanillaOption o = new VanillaOption(p, e);
                 SimpleQuote sq = new SimpleQuote(i)) {
                sq.value();
            }
        }
        System.out.printf("after 1 million SWIG object graphs created and closed: VmRSS %d kB%n", rssKb());
    }

    static long rssKb() throws Exception {
        for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
            if (line.startsWith("VmRSS:")) {
                return Long.parseLong(line.replaceAll("[^0-9]", ""));
            }
        }
        return -1;
    }
}
