package io.volsurf.greeks;

import java.util.ArrayList;
import java.util.List;

/**
 * Results of a batch, as parallel arrays (same conventions as {@link Greeks}). Reusable:
 * a pricer overwrites the first {@code n} entries, so benchmarks and loops allocate it once.
 */
public final class GreeksBatch {
    private final double[] price;
    private final double[] delta;
    private final double[] gamma;
    private final double[] vega;
    private final double[] theta;
    private final double[] rho;

    public GreeksBatch(int capacity) {
        if (capacity < 0) {
            throw new IllegalArgumentException("capacity must be >= 0, got " + capacity);
        }
        price = new double[capacity];
        delta = new double[capacity];
        gamma = new double[capacity];
        vega = new double[capacity];
        theta = new double[capacity];
        rho = new double[capacity];
    }

    public int capacity() {
        return price.length;
    }

    public Greeks get(int i) {
        return new Greeks(price[i], delta[i], gamma[i], vega[i], theta[i], rho[i]);
    }

    /** Stores one result. */
    public void set(int i, Greeks g) {
        set(i, g.price(), g.delta(), g.gamma(), g.vega(), g.theta(), g.rho());
    }

    public void set(int i, double p, double d, double g, double v, double t, double r) {
        price[i] = p;
        delta[i] = d;
        gamma[i] = g;
        vega[i] = v;
        theta[i] = t;
        rho[i] = r;
    }

    /** The first n results as value objects. */
    public List<Greeks> toList(int n) {
        List<Greeks> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            out.add(get(i));
        }
        return out;
    }

    public double[] price() { return price; }
    public double[] delta() { return delta; }
    public double[] gamma() { return gamma; }
    public double[] vega() { return vega; }
    public double[] theta() { return theta; }
    public double[] rho() { return rho; }
}
