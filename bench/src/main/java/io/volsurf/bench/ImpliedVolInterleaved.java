package io.volsurf.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Locale;
import java.util.function.DoubleSupplier;

/**
 * Old against new implied vol on a shared, loaded machine: the {@link ImpliedVolBenchmark} methods on its inputs,
 * interleaved (every round times each method once, so load changes hit all alike) and timed in CPU time of the
 * calling thread (waits while descheduled do not count); prints the minimum over rounds in ns per inversion and
 * the new/previous ratios. {@code java -cp bench/target/benchmarks.jar io.volsurf.bench.ImpliedVolInterleaved [rounds]}
 */
public final class ImpliedVolInterleaved {

    private ImpliedVolInterleaved() {
    }

    public static void main(String[] args) {
        int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 400;
        ImpliedVolBenchmark benchmark = new ImpliedVolBenchmark();
        benchmark.setUp();
        String[] names = {"letsBeRational", "previousLetsBeRational", "letsBeRationalThreePricesTogether",
            "previousLetsBeRationalThreePricesTogether"};
        DoubleSupplier[] methods = {benchmark::letsBeRational, benchmark::previousLetsBeRational,
            benchmark::letsBeRationalThreePricesTogether, benchmark::previousLetsBeRationalThreePricesTogether};
        int[] inversions = {ImpliedVolBenchmark.N, ImpliedVolBenchmark.N, 3 * ImpliedVolBenchmark.N,
            3 * ImpliedVolBenchmark.N};
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        double sink = 0;
        for (int warmup = 0; warmup < 2_000; warmup++) {
            for (DoubleSupplier method : methods) {
                sink += method.getAsDouble();
            }
        }
        double[] best = new double[methods.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        int repeats = 5;
        for (int round = 0; round < rounds; round++) {
            for (int m = 0; m < methods.length; m++) {
                long start = threads.getCurrentThreadCpuTime();
                for (int r = 0; r < repeats; r++) {
                    sink += methods[m].getAsDouble();
                }
                long cpu = threads.getCurrentThreadCpuTime() - start;
                best[m] = Math.min(best[m], cpu / (double) (repeats * inversions[m]));
            }
        }
        for (int m = 0; m < methods.length; m++) {
            System.out.printf(Locale.ROOT, "%-45s %7.1f ns per inversion (minimum CPU time over %d rounds)%n", names[m],
                    best[m], rounds);
        }
        System.out.printf(Locale.ROOT, "new / previous: one price %.3f, three prices together %.3f%s%n",
                best[0] / best[1], best[2] / best[3], sink == 42 ? " " : "");
    }
}
