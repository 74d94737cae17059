package io.volsurf.forecaster.model;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;

/**
 * Arrays built from Java values whose memory PyTorch owns: the one way the model code turns Java data into arrays.
 * <p>
 * Why: on the CPU, DJL's PyTorch engine builds an array from Java data ({@code create(float[])},
 * {@code set(float[])}) with {@code from_blob} over a direct buffer that only the Java array object holds; PyTorch
 * borrows that memory. Views of the array and the tensors autograd saves for backward share it without holding the
 * buffer, so once the Java object is closed or collected (the buffer's Cleaner frees the memory) they read, or
 * write, freed memory. Worst of all, the engine's ops with a {@code Number} operand ({@code x.mul(2f)}, and
 * {@code div}, {@code pow}, {@code maximum}, {@code minimum}) build the scalar that way and close it as soon as the op
 * returns, while autograd keeps it for backward: a GC between forward and backward turned gradients into garbage
 * (training losses differing run to run) and heap corruption (malloc aborts, SIGSEGV in the autograd engine).
 * {@code add} and {@code sub} with a {@code Number} stay safe (their backward needs nothing of the operand).
 */
public final class OwnedArrays {

    private static final NDIndex ALL = new NDIndex("...");

    private OwnedArrays() {
    }

    /** A PyTorch-owned copy of {@code data}; the borrowing array it is copied from is closed at once. */
    public static NDArray create(NDManager manager, float[] data, Shape shape) {
        try (NDArray borrowing = manager.create(data, shape)) {
            return borrowing.duplicate();
        }
    }

    /** {@link #create(NDManager, float[], Shape)} of a vector. */
    public static NDArray create(NDManager manager, float[] data) {
        return create(manager, data, new Shape(data.length));
    }

    /** {@code value} as a 0-d array of {@code like}'s manager and type, allocated by PyTorch. */
    public static NDArray scalar(NDArray like, float value) {
        return like.getManager().full(new Shape(), value, like.getDataType());
    }

    /** {@code x * value} with an owned scalar (autograd saves the scalar). */
    public static NDArray mul(NDArray x, float value) {
        return x.mul(scalar(x, value));
    }

    /** {@code x / value} with an owned scalar (autograd saves the scalar). */
    public static NDArray div(NDArray x, float value) {
        return x.div(scalar(x, value));
    }

    /** {@code x ^ value} with an owned exponent (autograd saves it). */
    public static NDArray pow(NDArray x, float value) {
        return x.pow(scalar(x, value));
    }

    /** Elementwise {@code max(x, value)} with an owned scalar (autograd saves it). */
    public static NDArray maximum(NDArray x, float value) {
        return x.maximum(scalar(x, value));
    }

    /** Elementwise {@code min(x, value)} with an owned scalar (autograd saves it). */
    public static NDArray minimum(NDArray x, float value) {
        return x.minimum(scalar(x, value));
    }

    /**
     * Sets every element of {@code x} to zero in place, in the memory it has ({@code x.set(float[])} would make it
     * borrow a Java buffer that nothing keeps alive once a handle to it is closed); NaN entries too. Outside a
     * gradient collector: autograd refuses in-place writes to parameters.
     */
    public static void zeroInPlace(NDArray x) {
        x.set(ALL, 0f);
    }
}
