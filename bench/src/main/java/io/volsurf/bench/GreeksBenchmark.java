package io.volsurf.bench;

import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.OptionType;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.quantlib.AmericanEngine;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import io.volsurf.greeks.ql.SimpleQuote;
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
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
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
}
