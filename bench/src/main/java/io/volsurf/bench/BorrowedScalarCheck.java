package io.volsurf.bench;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.GradientCollector;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * Shows the use-after-free that {@code OwnedArrays} guards against deterministically, in the DJL PyTorch engine alone: {@code x.mul(3f)}
 * builds the scalar 3 in a fresh direct buffer, wraps it with {@code from_blob} (PyTorch borrows the memory) and
 * closes it as soon as the op returns; autograd saved that scalar for backward. After a GC the buffer's Cleaner frees
 * the memory, malloc hands it to the next small allocation (here: direct buffers holding 12345), and backward reads
 * that instead of 3. The same product with a PyTorch-owned scalar ({@code manager.full}) is unaffected.
 * {@code java -cp bench/target/benchmarks.jar io.volsurf.bench.BorrowedScalarCheck}
 */
public final class BorrowedScalarCheck {

    private BorrowedScalarCheck() {
    }

    public static void main(String[] args) throws Exception {
        System.setProperty("ai.djl.offline", "true");
        System.setProperty("ai.djl.pytorch.num_threads", "1");
        System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            System.out.println("x.mul(3f) (DJL's borrowed scalar): gradient " + gradient(manager, false));
            System.out.println("x.mul(owned 3) (PyTorch-owned):    gradient " + gradient(manager, true));
        }
    }

    private static String gradient(NDManager manager, boolean owned) throws InterruptedException {
        NDArray x = manager.ones(new Shape(4));
        x.setRequiresGradient(true);
        List<ByteBuffer> reuse = new ArrayList<>();
        try (GradientCollector gc = Engine.getInstance().newGradientCollector()) {
            NDArray y = (owned ? x.mul(manager.full(new Shape(), 3f)) : x.mul(3f)).sum();
            for (int i = 0; i < 3; i++) {
                System.gc();
                Thread.sleep(50); // the Cleaner thread frees unreachable direct buffers
            }
            for (int i = 0; i < 2000; i++) {
                ByteBuffer b = ByteBuffer.allocateDirect(4).order(ByteOrder.nativeOrder());
                b.putFloat(0, 12345f);
                reuse.add(b);
            }
            gc.backward(y);
        }
        String g = Arrays.toString(x.getGradient().toFloatArray());
        reuse.clear();
        return String.format(Locale.ROOT, "%s (expected [3.0, 3.0, 3.0, 3.0])", g);
    }
}
