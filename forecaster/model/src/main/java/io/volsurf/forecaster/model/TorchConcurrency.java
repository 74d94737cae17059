package io.volsurf.forecaster.model;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.pytorch.engine.PtNDArray;
import ai.djl.pytorch.jni.JniUtils;
import ai.djl.training.GradientCollector;
import java.util.function.Supplier;

/**
 * The parts of PyTorch that are per process or per thread, made safe for several models trained at once on several
 * threads of one JVM (walk-forward folds) with results that do not depend on how many run together.
 * <ul>
 * <li>The CPU random generator is one per process: a draw (parameter initialisation, a dropout mask) is made under
 * one lock with the generator seeded just before, so what a model draws depends on its own seeds only.</li>
 * <li>DJL's {@code PtGradientCollector} allows one collector per process (a static flag) although libtorch's
 * gradient mode is per thread: {@link #gradientCollector()} is the same thing confined to the calling thread.</li>
 * <li>Gradient recording is on by default on a new thread; DJL switches it off only on the thread that loads the
 * engine, so a worker thread switches it off with {@link #noGradientsOnThisThread()}.</li>
 * </ul>
 */
public final class TorchConcurrency {

    private static final Object GENERATOR = new Object();

    private TorchConcurrency() {
    }

    /** {@code draw} with PyTorch's CPU generator seeded to {@code seed} and no other thread drawing meanwhile. */
    public static <T> T seeded(long seed, Supplier<T> draw) {
        synchronized (GENERATOR) {
            Engine.getInstance().setRandomSeed((int) (seed ^ (seed >>> 32)));
            return draw.get();
        }
    }

    /** Switches gradient recording off for ops run by the calling thread (inference and evaluation). */
    public static void noGradientsOnThisThread() {
        Engine.getInstance();
        JniUtils.setGradMode(false);
    }

    /**
     * A gradient collector for the calling thread only: gradient mode on until closed, then back to what it was.
     * Never zeroes gradients of other models (DJL's {@code zeroGradients} walks every array of the process).
     */
    public static GradientCollector gradientCollector() {
        return new ThreadGradientCollector();
    }

    private static final class ThreadGradientCollector implements GradientCollector {
        private final Thread owner = Thread.currentThread();
        private final boolean previous;

        ThreadGradientCollector() {
            Engine.getInstance();
            previous = JniUtils.isGradMode();
            JniUtils.setGradMode(true);
        }

        @Override
        public void backward(NDArray target) {
            checkThread();
            try (NDArray ones = target.onesLike()) {
                JniUtils.backward((PtNDArray) target, (PtNDArray) ones, false, false);
            }
        }

        @Override
        public void zeroGradients() {
            throw new UnsupportedOperationException("zero the gradients of the model's own parameters instead");
        }

        @Override
        public void close() {
            checkThread();
            JniUtils.setGradMode(previous);
        }

        private void checkThread() {
            if (Thread.currentThread() != owner) {
                throw new IllegalStateException("a gradient collector is confined to the thread that opened it");
            }
        }
    }
}
