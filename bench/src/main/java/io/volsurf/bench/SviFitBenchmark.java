package io.volsurf.bench;

import io.volsurf.forecaster.svi.SviFit;
import io.volsurf.forecaster.svi.SviParams;
import io.volsurf.forecaster.svi.SviSliceCalibrator;
import io.volsurf.forecaster.svi.SviSliceQuotes;
import io.volsurf.greeks.ql.NativeLibrary;
import io.volsurf.greeks.ql.QuantLibSvi;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * SVI fit of one 180-strike slice (an SPY-like 2-month smile with 0.3 vol point noise): the project's
 * quasi-explicit calibrator (cold, and warm-started from a perturbed previous slice) against QuantLib's
 * SviInterpolation fit through the binding, on the same quotes. The setup prints each fit's RMSE.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class SviFitBenchmark {

    static final int STRIKES = 180;
    static final double MATURITY_YEARS = 60.0 / 365;
    static final double FORWARD = 600;
    final SviParams truth = new SviParams(0.002, 0.08, -0.7, 0.02, 0.08);
    final SviParams previous = new SviParams(0.0022, 0.075, -0.65, 0.03, 0.09);
    final SviSliceCalibrator calibrator = new SviSliceCalibrator();
    SviSliceQuotes quotes;
    double[] strikes;
    double[] vols;
    QuantLibSvi.Fit qlGuess;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(5);
        double[] k = new double[STRIKES];
        vols = new double[STRIKES];
        strikes = new double[STRIKES];
        for (int i = 0; i < STRIKES; i++) {
            k[i] = -0.45 + 0.6 * i / (STRIKES - 1);
            strikes[i] = FORWARD * Math.exp(k[i]);
            double u1 = random.nextDouble();
            double u2 = random.nextDouble();
            double noise = Math.sqrt(-2 * Math.log(1 - u1)) * Math.cos(2 * Math.PI * u2);
            vols[i] = truth.impliedVol(k[i], MATURITY_YEARS) + 0.003 * noise;
        }
        quotes = SviSliceQuotes.fromImpliedVols(MATURITY_YEARS, k, vols);
        SviFit ours = calibrator.calibrate(quotes);
        qlGuess = new QuantLibSvi.Fit(previous.a(), previous.b(), previous.rho(), previous.m(), previous.sigma(), 0, 0,
                0);
        String ql = "n/a (binding not loadable)";
        if (NativeLibrary.isAvailable()) {
            QuantLibSvi.Fit fit = QuantLibSvi.fit(MATURITY_YEARS, FORWARD, strikes, vols, qlGuess, false);
            double sum = 0;
            for (int i = 0; i < STRIKES; i++) {
                double v = QuantLibSvi.volatility(MATURITY_YEARS, FORWARD, fit.a(), fit.b(), fit.rho(), fit.m(),
                        fit.sigma(), strikes[i]);
                sum += (v - vols[i]) * (v - vols[i]);
            }
            ql = String.format("%.4f vol points (QuantLib's own rms %.4f)", 100 * Math.sqrt(sum / STRIKES),
                    100 * fit.rmsErrorVol());
        }
        System.out.printf("%nRMSE on %d strikes: ours %.4f vol points (butterflyFree %s), QuantLib %s%n", STRIKES,
                ours.rmseVolPoints(), ours.butterflyFree(), ql);
    }

    @Benchmark
    public SviFit quasiExplicitCold() {
        return calibrator.calibrate(quotes);
    }

    @Benchmark
    public SviFit quasiExplicitWarmStart() {
        return calibrator.calibrate(quotes, Optional.of(previous));
    }

    @Benchmark
    public QuantLibSvi.Fit quantLibSviInterpolation() {
        return QuantLibSvi.fit(MATURITY_YEARS, FORWARD, strikes, vols, qlGuess, false);
    }
}
