package io.volsurf.spark;

import java.nio.file.Path;
import java.util.Properties;

/**
 * PyTorch settings of an executor JVM, applied before DJL loads its engine there (DJL reads them once, at load).
 * One intra-op and one inter-op thread: Spark runs one task per executor core, and a fold's tensors are small, so
 * more threads per task would only compete for the same cores. Offline: the native library comes from the
 * {@code pytorch-native-cpu} jar on the class path, unpacked once per executor into {@code ENGINE_CACHE_DIR}
 * (set it, e.g. {@code spark.executorEnv.ENGINE_CACHE_DIR}, to a node-local folder; default
 * {@code java.io.tmpdir/volsurf-djl}), then loaded by every later task of that executor.
 */
final class ExecutorTorch {

    private ExecutorTorch() {
    }

    static synchronized void configure() {
        Properties p = System.getProperties();
        p.putIfAbsent("ai.djl.offline", "true");
        p.putIfAbsent("ai.djl.pytorch.num_threads", "1");
        p.putIfAbsent("ai.djl.pytorch.num_interop_threads", "1");
        if (System.getenv("ENGINE_CACHE_DIR") == null && System.getProperty("ENGINE_CACHE_DIR") == null) {
            System.setProperty("ENGINE_CACHE_DIR",
                    Path.of(System.getProperty("java.io.tmpdir"), "volsurf-djl").toString());
        }
    }
}
