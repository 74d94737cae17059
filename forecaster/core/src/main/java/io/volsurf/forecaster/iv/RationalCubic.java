package io.volsurf.forecaster.iv;

/**
 * Shape-preserving rational cubic interpolation of Delbourgo and Gregory (SIAM J. Sci. Stat. Comput. 1985),
 * used for the initial guesses of the implied-vol inversion: on each branch the inverse of the
 * (transformed) normalised Black function is interpolated between two points with known slopes, and the
 * control parameter {@code r} is chosen to match a second derivative while keeping the interpolant
 * monotone and convex, so the guess is already within the Householder iteration's basin.
 */
final class RationalCubic {

    private static final double DBL_EPSILON = Math.ulp(1.0);
    private static final double MIN_CONTROL = -(1 - Math.sqrt(DBL_EPSILON));
    private static final double MAX_CONTROL = 2 / (DBL_EPSILON * DBL_EPSILON);

    private RationalCubic() {
    }

    static double interpolate(double x, double xl, double xr, double yl, double yr, double dl, double dr,
            double r) {
        double h = xr - xl;
        if (Math.abs(h) <= 0) {
            return 0.5 * (yl + yr);
        }
        double t = (x - xl) / h;
        if (!(r >= MAX_CONTROL)) {
            double omt = 1 - t;
            double t2 = t * t;
            double omt2 = omt * omt;
            return (yr * t2 * t + (r * yr - h * dr) * t2 * omt + (r * yl + h * dl) * t * omt2 + yl * omt2 * omt)
                    / (1 + (r - 3) * t * omt);
        }
        // r at its ceiling means linear interpolation, written so it cannot overflow.
        return yr * t + yl * (1 - t);
    }

    static double convexControlToFitSecondDerivativeAtLeft(double xl, double xr, double yl, double yr, double dl,
            double dr, double secondDerivativeLeft, boolean preferShapePreservation) {
        double h = xr - xl;
        double numerator = 0.5 * h * secondDerivativeLeft + (dr - dl);
        double r;
        if (isZero(numerator)) {
            r = 0;
        } else {
            double denominator = (yr - yl) / h - dl;
            r = isZero(denominator) ? (numerator > 0 ? MAX_CONTROL : MIN_CONTROL) : numerator / denominator;
        }
        return Math.max(r, minimumControl(dl, dr, (yr - yl) / h, preferShapePreservation));
    }

    static double convexControlToFitSecondDerivativeAtRight(double xl, double xr, double yl, double yr, double dl,
            double dr, double secondDerivativeRight, boolean preferShapePreservation) {
        double h = xr - xl;
        double numerator = 0.5 * h * secondDerivativeRight + (dr - dl);
        double r;
        if (isZero(numerator)) {
            r = 0;
        } else {
            double denominator = dr - (yr - yl) / h;
            r = isZero(denominator) ? (numerator > 0 ? MAX_CONTROL : MIN_CONTROL) : numerator / denominator;
        }
        return Math.max(r, minimumControl(dl, dr, (yr - yl) / h, preferShapePreservation));
    }

    /** The smallest control parameter keeping the interpolant monotone (3.8) and convex/concave (3.18). */
    private static double minimumControl(double dl, double dr, double s, boolean preferShapePreservation) {
        boolean monotonic = dl * s >= 0 && dr * s >= 0;
        boolean convex = dl <= s && s <= dr;
        boolean concave = dl >= s && s >= dr;
        if (!monotonic && !convex && !concave) {
            return MIN_CONTROL;
        }
        double drMinusDl = dr - dl;
        double drMinusS = dr - s;
        double sMinusDl = s - dl;
        double r1 = -Double.MAX_VALUE;
        double r2 = r1;
        if (monotonic) {
            if (!isZero(s)) {
                r1 = (dr + dl) / s;
            } else if (preferShapePreservation) {
                r1 = MAX_CONTROL;
            }
        }
        if (convex || concave) {
            if (!(isZero(sMinusDl) || isZero(drMinusS))) {
                r2 = Math.max(Math.abs(drMinusDl / drMinusS), Math.abs(drMinusDl / sMinusDl));
            } else if (preferShapePreservation) {
                r2 = MAX_CONTROL;
            }
        } else if (monotonic && preferShapePreservation) {
            r2 = MAX_CONTROL;
        }
        return Math.max(MIN_CONTROL, Math.max(r1, r2));
    }

    private static boolean isZero(double x) {
        return Math.abs(x) < Double.MIN_NORMAL;
    }
}
