package io.volsurf.bench;

import io.volsurf.forecaster.model.EncodedSample;
import io.volsurf.forecaster.model.TransformerForecaster;
import io.volsurf.forecaster.sample.SurfaceHistory;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Locale;
import java.util.function.Supplier;

/**
 * CPU time per forecast of one surface, and of its three steps (encode, network, projector), on the calling thread:
 * with one PyTorch thread (the default here, set before the engine loads) all the work runs on it, so its CPU time does not
 * count the waits of a machine shared with other jobs, unlike JMH's wall time. Prints the median and the minimum
 * over rounds ("(unfused)": the network step through the network's own forward, for comparison).
 * {@code java -cp bench/target/benchmarks.jar io.volsurf.bench.ForecastCpuTime [informer] [rounds]}
 */
public final class ForecastCpuTime {

    private ForecastCpuTime() {
    }

    public static void main(String[] args) {
        if (System.getProperty("ai.djl.pytorch.num_threads") == null) {
            System.setProperty("ai.djl.pytorch.num_threads", "1");
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
        System.setProperty("ai.djl.offline", "true");
        boolean informer = args.length > 0 && Boolean.parseBoolean(args[0]);
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 7;
        ForecastBenchmark b = new ForecastBenchmark();
        b.informerMode = informer;
        b.setUp();
        TransformerForecaster f = b.forecaster();
        SurfaceHistory h = b.history();
        EncodedSample e = f.encode(h);
        TransformerForecaster.NetworkOutput o = f.predict(e);
        int calls = 200;
        for (int i = 0; i < 3 * calls; i++) {
            f.forecast(h);
        }
        report("forecast (all)", rounds, calls, () -> f.forecast(h));
        report("  encode", rounds, calls, () -> f.encode(h));
        report("  network", rounds, calls, () -> f.predict(e));
        report("  (unfused)", rounds, calls, () -> f.predictWithNetwork(e));
        report("  projector", rounds, calls, () -> f.finish(h, e, o));
        b.tearDown();
    }

    private static void report(String name, int rounds, int calls, Supplier<Object> work) {
        ThreadMXBean mx = ManagementFactory.getThreadMXBean();
        double[] cpu = new double[rounds];
        double[] wall = new double[rounds];
        for (int r = 0; r < rounds; r++) {
            long c0 = mx.getCurrentThreadCpuTime();
            long w0 = System.nanoTime();
            for (int i = 0; i < calls; i++) {
                work.get();
            }
            cpu[r] = (mx.getCurrentThreadCpuTime() - c0) / 1e6 / calls;
            wall[r] = (System.nanoTime() - w0) / 1e6 / calls;
        }
        Arrays.sort(cpu);
        Arrays.sort(wall);
        System.out.printf(Locale.ROOT, "%-16s CPU ms/op median %.3f min %.3f | wall median %.3f min %.3f%n", name,
                cpu[rounds / 2], cpu[0], wall[rounds / 2], wall[0]);
    }
}
