package io.volsurf.bench;

import io.volsurf.forecaster.iv.BlackFormula;
import io.volsurf.forecaster.iv.BlackImpliedVolatility;
import io.volsurf.forecaster.iv.ImpliedVol;
import io.volsurf.greeks.ql.NativeLibrary;
import io.volsurf.greeks.ql.QuantLibBlackFormula;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Implied vols per second on one core: Jäckel's inversion (forecaster) against QuantLib's
 * blackFormulaImpliedStdDev through the SWIG binding, on the same realistic mixed set of out-of-the-money
 * quotes (1 day to 3 years, vols 8% to 120%, strikes from -4 to +3 standard deviations). The setup prints
 * each method's worst relative error in vol on these inputs.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@State(Scope.Benchmark)
@Fork(1)
public class ImpliedVolBenchmark {

    static final int N = 1024;
    final double[] forward = new double[N];
    final double[] strike = new double[N];
    final double[] maturityYears = new double[N];
    final double[] price = new double[N];
    final double[] trueVol = new double[N];
    final boolean[] isCall = new boolean[N];
    /** A bid and ask around each price, 4% of the price apart. */
    final double[] bid = new double[N];
    final double[] ask = new double[N];

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom random = new SplittableRandom(2026);
        for (int i = 0; i < N; i++) {
            forward[i] = random.nextDouble(20, 800);
            maturityYears[i] = Math.exp(random.nextDouble(Math.log(1.0 / 365), Math.log(3)));
            trueVol[i] = random.nextDouble(0.08, 1.2);
            double z = random.nextDouble(-4, 3);
            strike[i] = forward[i] * Math.exp(z * trueVol[i] * Math.sqrt(maturityYears[i]));
            isCall[i] = strike[i] >= forward[i];
            price[i] = BlackFormula.price(forward[i], strike[i], trueVol[i], maturityYears[i], isCall[i]);
            bid[i] = 0.98 * price[i];
            ask[i] = 1.02 * price[i];
        }
        double worstOurs = 0;
        double worstQl = 0;
        int qlFailures = 0;
        for (int i = 0; i < N; i++) {
            ImpliedVol iv = BlackImpliedVolatility.impliedVol(price[i], forward[i], strike[i], maturityYears[i],
                    isCall[i]);
            worstOurs = Math.max(worstOurs, Math.abs(iv.vol() / trueVol[i] - 1));
            if (NativeLibrary.isAvailable()) {
                try {
                    double sd = QuantLibBlackFormula.impliedStdDev(isCall[i], strike[i], forward[i], price[i], 1.0);
                    worstQl = Math.max(worstQl, Math.abs(sd / Math.sqrt(maturityYears[i]) / trueVol[i] - 1));
                } catch (IllegalArgumentException e) {
                    qlFailures++;
                }
            }
        }
        System.out.printf("%nworst relative vol error on %d quotes: ours %.2e, QuantLib %s (%d failures)%n", N, worstOurs,
                NativeLibrary.isAvailable() ? String.format("%.2e", worstQl) : "n/a", qlFailures);
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double letsBeRational() {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += BlackImpliedVolatility.impliedVol(price[i], forward[i], strike[i], maturityYears[i], isCall[i])
                    .value();
        }
        return sum;
    }

    /**
     * Three prices per option (a quote's reference price, bid and ask, the smile builder's case), one at a
     * time: the cost per inversion.
     */
    @Benchmark
    @OperationsPerInvocation(3 * N)
    public double letsBeRationalThreePricesOneByOne() {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            sum += BlackImpliedVolatility.impliedVol(price[i], forward[i], strike[i], maturityYears[i], isCall[i])
                    .value();
            sum += BlackImpliedVolatility.impliedVol(bid[i], forward[i], strike[i], maturityYears[i], isCall[i])
                    .value();
            sum += BlackImpliedVolatility.impliedVol(ask[i], forward[i], strike[i], maturityYears[i], isCall[i])
                    .value();
        }
        return sum;
    }

    /** The same three prices per option through the one-option API, which shares the price-free work. */
    @Benchmark
    @OperationsPerInvocation(3 * N)
    public double letsBeRationalThreePricesTogether() {
        double sum = 0;
        double[] prices = new double[3];
        for (int i = 0; i < N; i++) {
            prices[0] = price[i];
            prices[1] = bid[i];
            prices[2] = ask[i];
            for (ImpliedVol iv : BlackImpliedVolatility.impliedVols(prices, forward[i], strike[i], maturityYears[i],
                    isCall[i])) {
                sum += iv.value();
            }
        }
        return sum;
    }

    @Benchmark
    @OperationsPerInvocation(N)
    public double quantLibImpliedStdDev() {
        double sum = 0;
        for (int i = 0; i < N; i++) {
            try {
                sum += QuantLibBlackFormula.impliedStdDev(isCall[i], strike[i], forward[i], price[i], 1.0);
            } catch (IllegalArgumentException e) {
                sum -= 1;
            }
        }
        return sum;
    }
}
