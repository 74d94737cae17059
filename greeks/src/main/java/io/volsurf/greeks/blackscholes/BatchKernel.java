package io.volsurf.greeks.blackscholes;

import java.util.Locale;

/**
 * A Black-Scholes-Merton batch kernel, and the choice of one for this JVM. The SIMD kernel needs the
 * Vector API ({@code --add-modules jdk.incubator.vector}, an incubator module in Java 17) and pays only
 * where its exp/log run as vector intrinsics (HotSpot on x86-64 with AVX2 or AVX-512: Intel's SVML
 * stubs); elsewhere (another CPU, a native image, the module absent) the Vector API falls back to
 * lane-by-lane Java that is slower than the scalar kernel, so the scalar kernel runs there.
 * {@code -Dvolsurf.greeks.simd=false} forces the scalar kernel.
 */
interface BatchKernel {

    void priceEuropean(int n, double[] spot, double[] strike, double[] maturityYears, double[] rate,
                       double[] div, double[] vol, boolean[] isCall, double[] price, double[] delta,
                       double[] gamma, double[] vega, double[] theta, double[] rho);

    String description();

    /** The scalar kernel over the whole batch. */
    BatchKernel SCALAR = new BatchKernel() {
        @Override
        public void priceEuropean(int n, double[] spot, double[] strike, double[] maturityYears, double[] rate,
                                  double[] div, double[] vol, boolean[] isCall, double[] price, double[] delta,
                                  double[] gamma, double[] vega, double[] theta, double[] rho) {
            ScalarBlackScholesKernel.priceEuropean(0, n, spot, strike, maturityYears, rate, div, vol, isCall,
                    price, delta, gamma, vega, theta, rho);
        }

        @Override
        public String description() {
            return "scalar";
        }
    };

    /** Chosen once per JVM: a constant of the platform, not mutable state. */
    BatchKernel SELECTED = select(System.getProperty("volsurf.greeks.simd", "true"));

    /**
     * The SIMD kernel when it is allowed and pays here, else {@link #SCALAR}. Loaded by name so that a
     * JVM without the incubator module (or a native image, which does not include it) never links it.
     */
    static BatchKernel select(String simdSetting) {
        if (!Boolean.parseBoolean(simdSetting)
                || System.getProperty("org.graalvm.nativeimage.imagecode") != null
                || ModuleLayer.boot().findModule("jdk.incubator.vector").isEmpty()) {
            return SCALAR;
        }
        String arch = System.getProperty("os.arch", "").toLowerCase(Locale.ROOT);
        if (!arch.equals("amd64") && !arch.equals("x86_64")) {
            return SCALAR;
        }
        String vectorKernel = BatchKernel.class.getPackageName() + ".VectorBlackScholesKernel";
        try {
            BatchKernel kernel = (BatchKernel) Class.forName(vectorKernel).getDeclaredConstructor().newInstance();
            return kernel.lanes() >= 4 ? kernel : SCALAR;
        } catch (ReflectiveOperationException | LinkageError e) {
            return SCALAR;
        }
    }

    /** Doubles per vector (1 for the scalar kernel). */
    default int lanes() {
        return 1;
    }
}
