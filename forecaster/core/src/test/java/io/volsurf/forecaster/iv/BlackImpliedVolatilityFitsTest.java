package io.volsurf.forecaster.iv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.Field;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fitted coefficients in {@link BlackImpliedVolatility} are what {@link IvFitGenerator} computes from the
 * closed forms: the regenerated fits agree with the committed constants on every node, and the committed
 * constants are as accurate as the regenerated ones (the last digits differ: QR here, SVD in the numpy scripts
 * that first produced them).
 */
class BlackImpliedVolatilityFitsTest {

    @Test
    void committedCoefficientsAreTheGeneratorsFits() throws ReflectiveOperationException {
        List<IvFitGenerator.Fit> fits = IvFitGenerator.fits();
        assertEquals(9, fits.size());
        for (IvFitGenerator.Fit fit : fits) {
            double[] p = committed(fit.prefix(), fit.numerator().length, 0);
            double[] q = fit.denominator() == null ? null
                    : committed(fit.denominatorPrefix(), fit.denominator().length, 1);
            double worst = 0;
            for (int i = 0; i < fit.t().length; i++) {
                double regenerated = fit.value(fit.numerator(), fit.denominator(), fit.t()[i]);
                double diff = Math.abs(fit.value(p, q, fit.t()[i]) - regenerated);
                worst = Math.max(worst, fit.relative() ? diff / Math.abs(regenerated) : diff);
            }
            // Far below each fit's own error (3e-8 to 5e-5): the same least-squares solution (measured: 4e-13,
            // 3e-12 for the quantile rational).
            assertTrue(worst < 1e-11, fit.prefix() + " committed and regenerated fits differ by " + worst);
            double committedError = fit.maxError(p, q);
            assertEquals(fit.maxError(), committedError, 1e-3 * committedError, fit.prefix() + " max error");
        }
    }

    private static double[] committed(String prefix, int length, int from) throws ReflectiveOperationException {
        double[] c = new double[length];
        c[0] = 1.0; // Q(0) for a denominator; overwritten for a numerator
        for (int i = from; i < length; i++) {
            Field field = BlackImpliedVolatility.class.getDeclaredField(prefix + i);
            field.setAccessible(true);
            c[i] = field.getDouble(null);
        }
        // No constant beyond the fitted degree.
        assertTrue(Arrays.stream(BlackImpliedVolatility.class.getDeclaredFields())
                .noneMatch(f -> f.getName().equals(prefix + length)), prefix + length + " is not fitted");
        return c;
    }
}
