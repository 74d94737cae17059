package io.volsurf.bench;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.ql.SimpleQuote;
import io.volsurf.greeks.quantlib.AmericanEngine;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

/**
 * Options priced per second (with all five Greeks), one thread:
 * pure-Java closed form vs QuantLib through JNI (batch and one call per option), American engines.
 * Run: java -jar bench/target/benchmarks.jar GreeksBenchmark -f 1 -wi 2 -i 3 -r 1s -w 1s
 * pureJavaEuropeanBatch runs the kernel BlackScholesGreeks selects (SIMD: the fork adds the Vector API module);
 * pureJavaEuropeanBatchScalar the scalar kernel; pureJavaEuropeanBatchPrevious the scalar kernel before the
 * pass split (session 1), kept to measure old against new.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-modules=jdk.incubator.vector")
@State(Scope.Thread)
public class GreeksBenchmark {
    static final int BULK = 10_000;
    static final int JNI_BATCH = 1_000;
    static final int FD_BATCH = 4;

    double[] s, k, t, r, q, v;
    boolean[] call, european;
    int[] callInt, europeanInt, americanInt;
    GreeksBatch out;
    double[] qlOut;
    QuantLibGreeksEngine fd, baw, bjerksund;
    SimpleQuote quote;
    OptionContract oneContract;
    PricingInputs oneInputs;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        s = new double[BULK]; k = new double[BULK]; t = new double[BULK]; r = new double[BULK];
        q = new double[BULK]; v = new double[BULK];
        call = new boolean[BULK]; european = new boolean[BULK];
        callInt = new int[BULK]; europeanInt = new int[BULK]; americanInt = new int[BULK];
        for (int i = 0; i < BULK; i++) {
            s[i] = 100;
            k[i] = 100 * Math.exp(rnd.nextDouble(-0.5, 0.5));
            t[i] = rnd.nextInt(1, 5 * 365) / 365.0;
            r[i] = rnd.nextDouble(0, 0.06);
            q[i] = rnd.nextDouble(0, 0.03);
            v[i] = rnd.nextDouble(0.05, 1.5);
            call[i] = rnd.nextBoolean();
            callInt[i] = call[i] ? 1 : 0;
            americanInt[i] = 1;
        }
        new ContractBatch(s, k, t, r, q, v, call, european);   // validates the generated inputs once
        out = new GreeksBatch(BULK);
        qlOut = new double[6 * BULK];
        fd = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.FD));
        baw = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.BAW));
        bjerksund = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.BJERKSUND));
        quote = new SimpleQuote(1.0);
        oneContract = OptionContract.european(OptionType.CALL, 105, 0.5);
        oneInputs = new PricingInputs(100, 0.03, 0.01, 0.25);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        fd.close();
        baw.close();
        bjerksund.close();
        quote.close();
    }

    @Benchmark
    @OperationsPerInvocation(BULK)
    public void pureJavaEuropeanBatch(Blackhole bh) {
        BlackScholesGreeks.priceEuropean(BULK, s, k, t, r, q, v, call, out.price(), out.delta(), out.gamma(),
                out.vega(), out.theta(), out.rho());
        bh.consume(out.price()[BULK - 1]);
    }

    /** The kernel before the pass split (one loop body per option), for the comparison in one run. */
    /** The scalar kernel (the SIMD kernel's fallback where the Vector API is absent). */
    @Benchmark
    @OperationsPerInvocation(BULK)
    public void pureJavaEuropeanBatchScalar(Blackhole bh) {
        BlackScholesGreeks.priceEuropeanScalar(BULK, s, k, t, r, q, v, call, out.price(), out.delta(), out.gamma(),
                out.vega(), out.theta(), out.rho());
        bh.consume(out.price()[BULK - 1]);
    }

    @Benchmark
    @OperationsPerInvocation(BULK)
    public void pureJavaEuropeanBatchPrevious(Blackhole bh) {
        PreviousKernel.priceEuropean(BULK, s, k, t, r, q, v, call, out.price(), out.delta(), out.gamma(),
                out.vega(), out.theta(), out.rho());
        bh.consume(out.price()[BULK - 1]);
    }

    @Benchmark
    @OperationsPerInvocation(JNI_BATCH)
    public void quantLibEuropeanBatch(Blackhole bh) {
        fd.priceArrays(JNI_BATCH, s, k, t, r, q, v, callInt, europeanInt, qlOut);
        bh.consume(qlOut[0]);
    }

    /** One JNI crossing (plus five small array copies) per option. */
    @Benchmark
    public Greeks quantLibEuropeanOneCallPerOption() {
        return fd.price(oneContract, oneInputs);
    }

    /** The bare cost of crossing JNI into a SWIG wrapper: SimpleQuote::value(). */
    @Benchmark
    public double jniCrossingOnly() {
        return quote.value();
    }

    @Benchmark
    @OperationsPerInvocation(FD_BATCH)
    public void quantLibAmericanFdBatch(Blackhole bh) {
        fd.priceArrays(FD_BATCH, s, k, t, r, q, v, callInt, americanInt, qlOut);
        bh.consume(qlOut[0]);
    }

    @Benchmark
    @OperationsPerInvocation(JNI_BATCH)
    public void quantLibAmericanBawBatch(Blackhole bh) {
        baw.priceArrays(JNI_BATCH, s, k, t, r, q, v, callInt, americanInt, qlOut);
        bh.consume(qlOut[0]);
    }

    @Benchmark
    @OperationsPerInvocation(JNI_BATCH)
    public void quantLibAmericanBjerksundBatch(Blackhole bh) {
        bjerksund.priceArrays(JNI_BATCH, s, k, t, r, q, v, callInt, americanInt, qlOut);
        bh.consume(qlOut[0]);
    }

    /**
     * The pure-Java kernel as it was before the pass split (commit 6c17131), verbatim with its
     * cumulative normal, so old and new are measured in the same JMH run.
     */
    private static final class PreviousKernel {
        private static final double INV_SQRT_2PI = 0.3989422804014326779399460599343819;
        private static final double SQRT1_2 = 0.7071067811865475244008443621048490;
        private static final double P0 = 2.46196981473530512524E-10, P1 = 5.64189564831068821977E-1,
                P2 = 7.46321056442269912687E0, P3 = 4.86371970985681366614E1, P4 = 1.96520832956077098242E2,
                P5 = 5.26445194995477358631E2, P6 = 9.34528527171957607540E2, P7 = 1.02755188689515710272E3,
                P8 = 5.57535335369399327526E2;
        private static final double Q1 = 1.32281951154744992508E1, Q2 = 8.67072140885989742329E1,
                Q3 = 3.54937778887819891062E2, Q4 = 9.75708501743205489753E2, Q5 = 1.82390916687909736289E3,
                Q6 = 2.24633760818710981792E3, Q7 = 1.65666309194161350182E3, Q8 = 5.57535340817727675546E2;
        // erfc(x) = exp(-x^2) R(x)/S(x), x >= 8
        private static final double R0 = 5.64189583547755073984E-1, R1 = 1.27536670759978104416E0,
                R2 = 5.01905042251180477414E0, R3 = 6.16021097993053585195E0, R4 = 7.40974269950448939160E0,
                R5 = 2.97886665372100240670E0;
        private static final double S1 = 2.26052863220117276590E0, S2 = 9.39603524938001434673E0,
                S3 = 1.20489539808096656605E1, S4 = 1.70814450747565897222E1, S5 = 9.60896809063285878198E0,
                S6 = 3.36907645100081516050E0;
        // erf(x) = x T(x^2)/U(x^2), |x| < 1
        private static final double T0 = 9.60497373987051638749E0, T1 = 9.00260197203842689217E1,
                T2 = 2.23200534594684319226E3, T3 = 7.00332514112805075473E3, T4 = 5.55923013010394962768E4;
        private static final double U1 = 3.35617141647503099647E1, U2 = 5.21357949780152679795E2,
                U3 = 4.59432382970980127987E3, U4 = 2.26290000613890934246E4, U5 = 4.92673942608635921086E4;

        static void priceEuropean(int n, double[] spot, double[] strike, double[] maturityYears,
                                  double[] rate, double[] div, double[] vol, boolean[] isCall,
                                  double[] price, double[] delta, double[] gamma, double[] vega,
                                  double[] theta, double[] rho) {
            for (int i = 0; i < n; i++) {
                double s = spot[i], k = strike[i], t = maturityYears[i], r = rate[i], q = div[i], v = vol[i];
                double sqrtT = Math.sqrt(t);
                double stdDev = v * sqrtT;
                double dfR = Math.exp(-r * t);
                double dfQ = Math.exp(-q * t);
                double sq = s * dfQ;
                double kr = k * dfR;
                double d1 = (Math.log(sq / kr) + 0.5 * stdDev * stdDev) / stdDev;
                double d2 = d1 - stdDev;
                double e1 = Math.exp(-0.5 * d1 * d1);
                double e2 = e1 * (sq / kr);
                double nd1 = INV_SQRT_2PI * e1;
                double w = isCall[i] ? 1.0 : -1.0;
                double cd1 = cdf(w * d1, e1);
                double cd2 = cdf(w * d2, e2);
                double timeDecay = -sq * nd1 * v / (2.0 * sqrtT);
                price[i] = w * (sq * cd1 - kr * cd2);
                delta[i] = w * dfQ * cd1;
                theta[i] = timeDecay + w * (q * sq * cd1 - r * kr * cd2);
                rho[i] = w * t * kr * cd2;
                gamma[i] = dfQ * nd1 / (s * stdDev);
                vega[i] = sq * nd1 * sqrtT;
            }
        }

        static double cdf(double x, double expMinusHalfXSquared) {
            double z = x * SQRT1_2;
            double az = Math.abs(z);
            if (az < 1.0) {
                double zz = z * z;
                double t = (((T0 * zz + T1) * zz + T2) * zz + T3) * zz + T4;
                double u = ((((zz + U1) * zz + U2) * zz + U3) * zz + U4) * zz + U5;
                return 0.5 + 0.5 * z * t / u;
            }
            double halfErfc;
            if (az < 8.0) {
                double p = (((((((P0 * az + P1) * az + P2) * az + P3) * az + P4) * az + P5) * az + P6) * az + P7) * az + P8;
                double q = (((((((az + Q1) * az + Q2) * az + Q3) * az + Q4) * az + Q5) * az + Q6) * az + Q7) * az + Q8;
                halfErfc = 0.5 * expMinusHalfXSquared * p / q;
            } else {
                double p = ((((R0 * az + R1) * az + R2) * az + R3) * az + R4) * az + R5;
                double q = (((((az + S1) * az + S2) * az + S3) * az + S4) * az + S5) * az + S6;
                halfErfc = 0.5 * expMinusHalfXSquared * p / q;
            }
            return x > 0 ? 1.0 - halfErfc : halfErfc;
        }
    }
}
