package io.volsurf.bench;

import io.volsurf.greeks.ContractBatch;
import io.volsurf.greeks.GreeksBatch;
import io.volsurf.greeks.baw.BaroneAdesiWhaleyGreeks;
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
 * American options priced per second with price and all five Greeks, one thread: the pure-Java Barone-Adesi-Whaley
 * (analytic Greeks) against QuantLib's BAW through the binding (one JNI crossing per batch; Greeks by its central
 * bumps, so nine prices per option), on the same 1,000 American contracts (GreeksBenchmark's inputs: spot 100,
 * strikes e^[-0.5, 0.5] x 100, 1 day to 5 years, r in [0, 6%), q in [0, 3%), vol 5% to 150%, calls and puts).
 *
 * <p>Run: {@code java -jar bench/target/benchmarks.jar AmericanEngineBenchmark -f 1 -wi 2 -i 3 -r 1s -w 1s}
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 2, time = 1)
@Measurement(iterations = 3, time = 1)
@Fork(1)
@State(Scope.Thread)
public class AmericanEngineBenchmark {
    static final int BATCH = 1_000;

    double[] s, k, t, r, q, v;
    boolean[] call, american;
    int[] callInt, americanInt;
    ContractBatch batch;
    GreeksBatch out;
    double[] qlOut;
    QuantLibGreeksEngine quantLibBaw;
    BaroneAdesiWhaleyGreeks javaBaw;

    @Setup(Level.Trial)
    public void setUp() {
        SplittableRandom rnd = new SplittableRandom(42);
        s = new double[BATCH]; k = new double[BATCH]; t = new double[BATCH]; r = new double[BATCH];
        q = new double[BATCH]; v = new double[BATCH];
        call = new boolean[BATCH]; american = new boolean[BATCH];
        callInt = new int[BATCH]; americanInt = new int[BATCH];
        for (int i = 0; i < BATCH; i++) {
            s[i] = 100;
            k[i] = 100 * Math.exp(rnd.nextDouble(-0.5, 0.5));
            t[i] = rnd.nextInt(1, 5 * 365) / 365.0;
            r[i] = rnd.nextDouble(0, 0.06);
            q[i] = rnd.nextDouble(0, 0.03);
            v[i] = rnd.nextDouble(0.05, 1.5);
            call[i] = rnd.nextBoolean();
            callInt[i] = call[i] ? 1 : 0;
            american[i] = true;
            americanInt[i] = 1;
        }
        batch = new ContractBatch(s, k, t, r, q, v, call, american);
        out = new GreeksBatch(BATCH);
        qlOut = new double[6 * BATCH];
        quantLibBaw = new QuantLibGreeksEngine(QuantLibEngineConfig.of(AmericanEngine.BAW));
        javaBaw = new BaroneAdesiWhaleyGreeks();
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        quantLibBaw.close();
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void javaBawWithGreeks(Blackhole bh) {
        javaBaw.priceInto(batch, out);
        bh.consume(out.price()[BATCH - 1]);
    }

    @Benchmark
    @OperationsPerInvocation(BATCH)
    public void quantLibBawWithBumpedGreeks(Blackhole bh) {
        quantLibBaw.priceArrays(BATCH, s, k, t, r, q, v, callInt, americanInt, qlOut);
        bh.consume(qlOut[0]);
    }
}
