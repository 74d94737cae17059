package io.volsurf.bench;

import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * How long the batch kernels take to reach full speed in a new JVM: the SIMD kernel runs interpreted and
 * then through C1 (no vector intrinsics there) before C2 compiles it. Starts one JVM per kernel and prints
 * the cumulative wall time after 1, 4, 16, ... batches of 10,000 options, so one reads off where the SIMD
 * kernel overtakes the scalar one.
 * Run: java -cp bench/target/benchmarks.jar io.volsurf.bench.BatchKernelWarmup [batches, default 2000]
 */
public final class BatchKernelWarmup {
    private static final int BATCH = 10_000;

    private BatchKernelWarmup() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        int batches = args.length > 0 ? Integer.parseInt(args[0]) : 2000;
        if (args.length > 1 && args[1].equals("--child")) {
            run(batches);
            return;
        }
        for (String simd : new String[]{"true", "false"}) {
            List<String> command = new ArrayList<>(List.of(
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                    "--add-modules=jdk.incubator.vector", "-Dvolsurf.greeks.simd=" + simd,
                    "-cp", System.getProperty("java.class.path"), BatchKernelWarmup.class.getName(),
                    Integer.toString(batches), "--child"));
            Process child = new ProcessBuilder(command).redirectErrorStream(true).start();
            child.getInputStream().transferTo(System.out);
            child.waitFor();
        }
    }

    private static void run(int batches) {
        SplittableRandom rnd = new SplittableRandom(42);
        double[] s = new double[BATCH], k = new double[BATCH], t = new double[BATCH], r = new double[BATCH],
                q = new double[BATCH], v = new double[BATCH];
        boolean[] call = new boolean[BATCH];
        for (int i = 0; i < BATCH; i++) {
            s[i] = rnd.nextDouble(10, 1000);
            k[i] = s[i] * Math.exp(rnd.nextDouble(-0.7, 0.7));
            t[i] = rnd.nextDouble(1 / 365.0, 3);
            r[i] = rnd.nextDouble(0, 0.08);
            q[i] = rnd.nextDouble(0, 0.04);
            v[i] = rnd.nextDouble(0.05, 1.2);
            call[i] = rnd.nextBoolean();
        }
        double[][] o = new double[6][BATCH];
        System.out.println("kernel: " + BlackScholesGreeks.batchKernel());
        long start = System.nanoTime();
        long previous = start;
        int report = 1;
        int reported = 0;
        for (int b = 1; b <= batches; b++) {
            BlackScholesGreeks.priceEuropean(BATCH, s, k, t, r, q, v, call, o[0], o[1], o[2], o[3], o[4], o[5]);
            if (b == report || b == batches) {
                long now = System.nanoTime();
                System.out.printf("  after %,11d options: %7.0f ms total, last %,d at %5.1f M options/s%n",
                        (long) b * BATCH, (now - start) / 1e6, (long) (b - reported) * BATCH,
                        (b - reported) * (double) BATCH / ((now - previous) / 1e3));
                previous = now;
                reported = b;
                report *= 4;
            }
        }
    }
}
