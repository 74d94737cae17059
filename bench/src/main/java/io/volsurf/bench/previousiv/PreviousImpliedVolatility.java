package io.volsurf.bench.previousiv;

import io.volsurf.forecaster.iv.ImpliedVol;
import io.volsurf.forecaster.iv.ImpliedVolStatus;

/**
 * Benchmark-only frozen copy of {@code io.volsurf.forecaster.iv.BlackImpliedVolatility} as of commit e4021e8
 * (322 ns per inversion), so that ImpliedVolBenchmark measures the old and the new code in the same run.
 *
 * <p>Black-76 implied volatility to machine precision by Peter Jäckel's "Let's Be Rational" (Wilmott 2015;
 * algorithm refinements 2017 and 2023). The price is normalised to {@code beta = price / sqrt(F K)} at
 * {@code x = ln(F/K)}; in-the-money prices are reduced to out-of-the-money ones; then one of four branches
 * (split at the inflection point {@code s_c = sqrt(2|x|)} and at the tangent intercepts {@code s_l}, {@code s_u})
 * gives a rational-cubic initial guess that two Householder iterations of third order (fourth order for
 * moneyness beyond {@code |x| > 190}) polish to full double precision. In the lowest branch the objective is
 * {@code 1/ln b - 1/ln beta}, in the highest {@code ln((b_max - beta)/(b_max - b))}, both nearly linear in s.
 * Each evaluation of b shares its one exponential with the vega, and b and the vega at {@code s_c} are closed
 * forms (see {@link NormalisedBlack}); one Householder step alone would leave errors up to 1e-5, so two it is.
 *
 * <p>Prices are undiscounted (forward measure): divide market prices by the discount factor first.
 * Ported from the algorithm's description and Jäckel's reference code ("Permission to use, copy, modify,
 * and distribute this software is freely granted, provided that this notice is preserved", Copyright
 * 2013-2023 Peter Jäckel); Cody's erfc and Wichura's AS 241 supply the special functions.
 */
public final class PreviousImpliedVolatility {

    private static final int ITERATIONS = 2;
    /**
     * A first Householder correction below this (relative) means the guess was already that close, and the
     * step's own error (fourth order) is at round-off: on 400k quotes across the test domain the largest
     * remaining error after such a step was 2.1e-15. Then the second step is skipped.
     */
    private static final double ONE_STEP_TOLERANCE = 1e-4;
    private static final double SQRT_THREE = 1.732050807568877293527446341505872366942805253810;
    private static final double SQRT_ONE_OVER_THREE = 0.577350269189625764509148780501957455647601751270;
    private static final double TWO_PI = 6.283185307179586476925286766559005768394338798750;
    private static final double TWO_PI_OVER_SQRT_TWENTY_SEVEN = 1.209199576156145233729385505094770488189377498728;
    private static final double SQRT_THREE_OVER_THIRD_ROOT_TWO_PI = 0.938643487427383566075051356115075878414688769574;
    private static final double LN_SQRT_THREE_OVER_THIRD_ROOT_TWO_PI = Math.log(SQRT_THREE_OVER_THIRD_ROOT_TWO_PI);
    private static final double PI_OVER_SIX = 0.523598775598298873077107230546583814032861566563;
    private static final double SQRT_DBL_MAX = Math.sqrt(Double.MAX_VALUE);
    /** Beyond these moneyness levels two Householder(3) steps leave a residual error; Householder(4) does not. */
    private static final double HOUSEHOLDER4_LOWER_X = -190;
    private static final double HOUSEHOLDER4_UPPER_X = -580;

    private PreviousImpliedVolatility() {
    }

    /**
     * The Black volatility that reproduces an undiscounted option price.
     *
     * @param price         undiscounted price ({@code premium / D(T)}), in the currency of the forward
     * @param forward       forward {@code F > 0}
     * @param strike        strike {@code K > 0}
     * @param maturityYears time to expiry in years, {@code > 0}
     * @param isCall        true for a call, false for a put
     * @return the volatility (decimal per sqrt(year)), or the reason there is none (below intrinsic, at or
     *         above the maximum {@code F} for calls and {@code K} for puts, or exactly intrinsic)
     * @throws IllegalArgumentException naming the field when an input is NaN, infinite or non-positive
     */
    public static ImpliedVol impliedVol(double price, double forward, double strike, double maturityYears,
            boolean isCall) {
        checkMarket(forward, strike, maturityYears);
        if (Double.isNaN(price) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("price must be finite, got " + price);
        }
        double intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0.0);
        if (price < intrinsic) {
            return new ImpliedVol(ImpliedVolStatus.BELOW_INTRINSIC, 0.0);
        }
        if (price >= (isCall ? forward : strike)) {
            return new ImpliedVol(ImpliedVolStatus.ABOVE_MAXIMUM, 0.0);
        }
        double x = Math.log(forward / strike);
        double theta = isCall ? 1 : -1;
        double timeValue = price;
        if (theta * x > 0) {
            // In the money: invert the out-of-the-money twin, which has the same time value.
            timeValue = Math.max(price - intrinsic, 0.0);
            theta = -theta;
        }
        double sqrtForward = Math.sqrt(forward);
        double sqrtStrike = Math.sqrt(strike);
        double beta = timeValue / (sqrtForward * sqrtStrike);
        if (!(beta > 0)) {
            return new ImpliedVol(ImpliedVolStatus.AT_INTRINSIC, 0.0);
        }
        // Puts map to calls by x -> -x; now x <= 0 and beta < b_max = e^{x/2} = sqrt(min(F, K) / max(F, K)),
        // which the square roots already at hand give without an exponential.
        double xCall = theta < 0 ? -x : x;
        double bMax = Math.min(sqrtForward, sqrtStrike) / Math.max(sqrtForward, sqrtStrike);
        double s = normalisedOutOfTheMoney(beta, xCall, bMax);
        if (s == Double.MAX_VALUE) {
            return new ImpliedVol(ImpliedVolStatus.ABOVE_MAXIMUM, 0.0);
        }
        double vol = s / Math.sqrt(maturityYears);
        return vol > 0 ? new ImpliedVol(ImpliedVolStatus.OK, vol) : new ImpliedVol(ImpliedVolStatus.AT_INTRINSIC, 0.0);
    }

    /**
     * {@link #impliedVol} of several prices of one option ({@code forward}, {@code strike}, expiry and type), such
     * as a quote's reference, bid and ask: every result is the one {@link #impliedVol} gives (the same
     * arithmetic), but what depends on the option alone rather than on its price (the branch boundaries, the
     * normalised Black function there, the coefficients of the initial guesses) is computed once.
     *
     * @param prices undiscounted prices ({@code premium / D(T)}); each gets its own result
     * @return one result per price, in order
     * @throws IllegalArgumentException naming the field when an input is NaN, infinite or non-positive, or the
     *                                  index of a price that is NaN or infinite
     */
    public static ImpliedVol[] impliedVols(double[] prices, double forward, double strike, double maturityYears,
            boolean isCall) {
        checkMarket(forward, strike, maturityYears);
        for (int i = 0; i < prices.length; i++) {
            if (Double.isNaN(prices[i]) || Double.isInfinite(prices[i])) {
                throw new IllegalArgumentException("prices[" + i + "] must be finite, got " + prices[i]);
            }
        }
        double intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0.0);
        double maximum = isCall ? forward : strike;
        double x = Math.log(forward / strike);
        double theta = isCall ? 1 : -1;
        boolean inTheMoney = theta * x > 0;
        if (inTheMoney) {
            theta = -theta;
        }
        double sqrtForward = Math.sqrt(forward);
        double sqrtStrike = Math.sqrt(strike);
        double xCall = theta < 0 ? -x : x;
        double bMax = Math.min(sqrtForward, sqrtStrike) / Math.max(sqrtForward, sqrtStrike);
        double sqrtMaturity = Math.sqrt(maturityYears);
        OutOfTheMoneyOption option = null;
        ImpliedVol[] vols = new ImpliedVol[prices.length];
        for (int i = 0; i < prices.length; i++) {
            double price = prices[i];
            if (price < intrinsic) {
                vols[i] = new ImpliedVol(ImpliedVolStatus.BELOW_INTRINSIC, 0.0);
                continue;
            }
            if (price >= maximum) {
                vols[i] = new ImpliedVol(ImpliedVolStatus.ABOVE_MAXIMUM, 0.0);
                continue;
            }
            double timeValue = inTheMoney ? Math.max(price - intrinsic, 0.0) : price;
            double beta = timeValue / (sqrtForward * sqrtStrike);
            if (!(beta > 0)) {
                vols[i] = new ImpliedVol(ImpliedVolStatus.AT_INTRINSIC, 0.0);
                continue;
            }
            if (beta >= bMax) {
                vols[i] = new ImpliedVol(ImpliedVolStatus.ABOVE_MAXIMUM, 0.0);
                continue;
            }
            if (option == null) {
                option = new OutOfTheMoneyOption(xCall, bMax);
            }
            double vol = option.normalisedVol(beta) / sqrtMaturity;
            vols[i] = vol > 0 ? new ImpliedVol(ImpliedVolStatus.OK, vol)
                    : new ImpliedVol(ImpliedVolStatus.AT_INTRINSIC, 0.0);
        }
        return vols;
    }

    /**
     * {@link #normalisedOutOfTheMoney(double, double, double)} for one normalised option ({@code x <= 0},
     * {@code bMax = e^{x/2}}) and many prices: the points {@code s_c}, {@code s_l}, {@code s_u}, b there and the
     * rational-cubic control parameters are computed on first use and kept.
     */
    private static final class OutOfTheMoneyOption {
        final double x;
        final double bMax;
        final double sC;
        final double bC;
        final double vC;
        double sL = Double.NaN;
        double eL;
        double bL;
        double vL;
        double rLower;
        LowestBranchMap lowestMap;
        double sU = Double.NaN;
        double bU;
        double vU;
        double rUpper;

        OutOfTheMoneyOption(double x, double bMax) {
            this.x = x;
            this.bMax = bMax;
            sC = Math.sqrt(-2 * x);
            bC = NormalisedBlack.atInflectionPoint(x, bMax);
            vC = NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax;
        }

        /** The normalised vol of price {@code 0 < beta < bMax}: the same arithmetic as the one-price path. */
        double normalisedVol(double beta) {
            double s;
            double sLeft;
            double sRight;
            if (beta < bC) {
                if (Double.isNaN(sL)) {
                    sL = sC - bC / vC;
                    double hL = x / sL;
                    eL = NormalisedBlack.scaledVega(hL, 0.5 * sL);
                    bL = NormalisedBlack.outOfTheMoneyCall(hL, 0.5 * sL, bMax, eL);
                    vL = NormalDistribution.ONE_OVER_SQRT_TWO_PI * eL;
                    rLower = RationalCubic.convexControlToFitSecondDerivativeAtRight(bL, bC, sL, sC, 1 / vL, 1 / vC,
                            0.0, false);
                }
                if (beta < bL) {
                    if (lowestMap == null) {
                        lowestMap = LowestBranchMap.of(x, sL, bL, eL);
                    }
                    return iterateLowest(lowestMap.guess(beta, x, bL), beta, x, sL, bMax);
                }
                s = RationalCubic.interpolate(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, rLower);
                sLeft = sL;
                sRight = sC;
            } else {
                if (Double.isNaN(sU)) {
                    sU = vC > Double.MIN_NORMAL ? sC + (bMax - bC) / vC : sC;
                    double hU = x / sU;
                    double eU = NormalisedBlack.scaledVega(hU, 0.5 * sU);
                    bU = NormalisedBlack.outOfTheMoneyCall(hU, 0.5 * sU, bMax, eU);
                    vU = NormalDistribution.ONE_OVER_SQRT_TWO_PI * eU;
                    rUpper = RationalCubic.convexControlToFitSecondDerivativeAtLeft(bC, bU, sC, sU, 1 / vC, 1 / vU,
                            0.0, false);
                }
                if (beta <= bU) {
                    s = RationalCubic.interpolate(beta, bC, bU, sC, sU, 1 / vC, 1 / vU, rUpper);
                    sLeft = sC;
                    sRight = sU;
                } else {
                    s = upperBranchGuess(beta, x, sU, bU, bMax);
                    sLeft = sU;
                    sRight = Double.MAX_VALUE;
                    if (beta > 0.5 * bMax) {
                        return upperBranch(beta, x, s, sLeft, sRight, bMax);
                    }
                }
            }
            return iterateMiddle(s, beta, x, bMax, sLeft, sRight);
        }
    }

    /**
     * Normalised implied total standard deviation {@code s = sigma sqrt(T)} of an out-of-the-money call
     * ({@code x <= 0}) with normalised price {@code 0 < beta}; {@code Double.MAX_VALUE} when
     * {@code beta >= b_max = e^{x/2}}.
     */
    static double normalisedOutOfTheMoney(double beta, double x) {
        return normalisedOutOfTheMoney(beta, x, Math.exp(0.5 * x));
    }

    /**
     * As {@link #normalisedOutOfTheMoney(double, double)} given {@code bMax = e^{x/2}}. Every evaluation of b
     * costs one exponential, {@code e = exp(-(h^2+t^2)/2)}, which is also the vega (times sqrt(2 pi)); at the
     * inflection point {@code s_c} both b and its vega are closed forms in {@code bMax}.
     */
    static double normalisedOutOfTheMoney(double beta, double x, double bMax) {
        if (beta >= bMax) {
            return Double.MAX_VALUE;
        }
        double s;
        double sLeft = Double.MIN_NORMAL;
        double sRight = Double.MAX_VALUE;
        double sC = Math.sqrt(-2 * x);
        double bC = NormalisedBlack.atInflectionPoint(x, bMax);
        // At s_c, h^2 + t^2 = -x, so the vega is e^{x/2} / sqrt(2 pi).
        double vC = NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax;
        if (beta < bC) {
            double sL = sC - bC / vC;
            double hL = x / sL;
            double eL = NormalisedBlack.scaledVega(hL, 0.5 * sL);
            double bL = NormalisedBlack.outOfTheMoneyCall(hL, 0.5 * sL, bMax, eL);
            if (beta < bL) {
                return lowestBranch(beta, x, sL, bL, eL, bMax);
            }
            double vL = NormalDistribution.ONE_OVER_SQRT_TWO_PI * eL;
            double r = RationalCubic.convexControlToFitSecondDerivativeAtRight(bL, bC, sL, sC, 1 / vL, 1 / vC,
                    0.0, false);
            s = RationalCubic.interpolate(beta, bL, bC, sL, sC, 1 / vL, 1 / vC, r);
            sLeft = sL;
            sRight = sC;
        } else {
            double sU = vC > Double.MIN_NORMAL ? sC + (bMax - bC) / vC : sC;
            double hU = x / sU;
            double eU = NormalisedBlack.scaledVega(hU, 0.5 * sU);
            double bU = NormalisedBlack.outOfTheMoneyCall(hU, 0.5 * sU, bMax, eU);
            if (beta <= bU) {
                double vU = NormalDistribution.ONE_OVER_SQRT_TWO_PI * eU;
                double r = RationalCubic.convexControlToFitSecondDerivativeAtLeft(bC, bU, sC, sU, 1 / vC, 1 / vU,
                        0.0, false);
                s = RationalCubic.interpolate(beta, bC, bU, sC, sU, 1 / vC, 1 / vU, r);
                sLeft = sC;
                sRight = sU;
            } else {
                s = upperBranchGuess(beta, x, sU, bU, bMax);
                sLeft = sU;
                if (beta > 0.5 * bMax) {
                    return upperBranch(beta, x, s, sLeft, sRight, bMax);
                }
            }
        }
        return iterateMiddle(s, beta, x, bMax, sLeft, sRight);
    }

    private static double iterateMiddle(double s, double beta, double x, double bMax, double sLeft,
            double sRight) {
        double ds = -Double.MAX_VALUE;
        for (int i = 0; i < ITERATIONS && Math.abs(ds) > ONE_STEP_TOLERANCE * s; i++) {
            double next = middleStep(s, beta, x, bMax, sLeft, sRight);
            ds = next - s;
            s = next;
        }
        return s;
    }

    /**
     * One Householder(3) step on the middle branches: objective {@code g(s) = b(x, s) - beta}, with
     * {@code b''/b'} and {@code b'''/b'} in closed form; returns the next s, clamped to the bracket.
     */
    static double middleStep(double s, double beta, double x, double bMax, double sLeft, double sRight) {
        double inverseS = 1 / s;
        double h = x * inverseS;
        double t = 0.5 * s;
        double e = NormalisedBlack.scaledVega(h, t);
        double b = NormalisedBlack.outOfTheMoneyCall(h, t, bMax, e);
        double nu = (beta - b) * NormalDistribution.SQRT_TWO_PI / e;
        double hOverS = h * inverseS;
        double hh2 = h * hOverS - 0.25 * s;
        double hh3 = hh2 * hh2 - 3 * hOverS * hOverS - 0.25;
        return clamp(s + nu * householder3Factor(nu, hh2, hh3), sLeft, sRight);
    }

    /**
     * Lowest branch {@code 0 < beta < b_l}: objective {@code 1/ln b(s) - 1/ln beta}, near-linear in s. The
     * initial guess needs {@code Phi(-z)}, {@code phi(z)}, {@code e^{y + s_l^2/8}} and {@code e^{2y + s_l^2/4}}
     * ({@code y = z^2}); all follow from {@code p = e^{-y/2}}, {@code e_l} and erfcx, so one exponential.
     */
    private static double lowestBranch(double beta, double x, double sL, double bL, double eL, double bMax) {
        return iterateLowest(LowestBranchMap.of(x, sL, bL, eL).guess(beta, x, bL), beta, x, sL, bMax);
    }

    private static double iterateLowest(double s, double beta, double x, double sL, double bMax) {
        double lnBeta = Math.log(beta);
        double inverseLnBeta = 1 / lnBeta;
        double ds = -Double.MAX_VALUE;
        for (int i = 0; i < ITERATIONS && Math.abs(ds) > ONE_STEP_TOLERANCE * s; i++) {
            double next = lowestStep(s, lnBeta, inverseLnBeta, x, bMax, sL);
            ds = next - s;
            s = next;
        }
        return s;
    }

    /**
     * The lowest branch's initial guess: the map {@code beta -> f} interpolated by a rational cubic on
     * {@code [0, b_l]} (its coefficients depend on the option only), then {@code f -> s} in closed form.
     */
    private record LowestBranchMap(double fL, double fp, double r) {

        static LowestBranchMap of(double x, double sL, double bL, double eL) {
            double ax = -x;
            double z = SQRT_ONE_OVER_THREE * ax / sL;
            double y = z * z;
            double s2 = sL * sL;
            double p = Math.exp(-0.5 * y);
            // e_l = e^{-3y/2 - s_l^2/8}, so e^{s_l^2/8} = p^3 / e_l while e_l is a normal number.
            double q = eL >= Double.MIN_NORMAL ? p * p * p / eL : Math.exp(0.125 * s2);
            double phiPdf = NormalDistribution.ONE_OVER_SQRT_TWO_PI * p;
            double w = NormalDistribution.ONE_OVER_SQRT_TWO * z;
            double phiCdf;
            double millsRatio; // Phi(-z) / phi(z)
            if (w > CodyErrorFunction.THRESHOLD) {
                millsRatio = NormalisedBlack.SQRT_PI_OVER_TWO * CodyErrorFunction.erfcxAboveThreshold(w);
                phiCdf = millsRatio * phiPdf;
            } else {
                phiCdf = 0.5 * (1 - CodyErrorFunction.erfNearZero(w));
                millsRatio = phiCdf / phiPdf;
            }
            // Phi(-z) e^{2y + s^2/4} = millsRatio phi(z) q^2 / p^4; 2 pi Phi(-z)^2 e^{y + s^2/8} = millsRatio^2 q.
            double fpp = PI_OVER_SIX * y / (s2 * sL) * (8 * SQRT_THREE * sL * ax + (3 * s2 * (s2 - 8) - 8 * x * x)
                    * millsRatio) * millsRatio * NormalDistribution.ONE_OVER_SQRT_TWO_PI * (q * q / (p * p * p));
            double fp = y * millsRatio * millsRatio * q;
            double fL = TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax * (phiCdf * phiCdf * phiCdf);
            return new LowestBranchMap(fL, fp,
                    RationalCubic.convexControlToFitSecondDerivativeAtRight(0., bL, 0., fL, 1., fp, fpp, true));
        }

        double guess(double beta, double x, double bL) {
            double f = RationalCubic.interpolate(beta, 0., bL, 0., fL, 1., fp, r);
            if (!(f > 0)) {
                // Round-off for extreme |x|: quadratic through f(0) = 0, f'(0) = 1 and f(b_l).
                double t = beta / bL;
                f = (fL * t + bL * (1 - t)) * t;
            }
            // s = |x / (sqrt3 Phi^{-1}(u))| with u = (sqrt3 / cbrt(2 pi)) cbrt(f / |x|) < 1/2, through ln u.
            return f <= 0 ? 0 : Math.abs(x / (SQRT_THREE * NormalDistribution.inverseCdfOfExp(
                    LN_SQRT_THREE_OVER_THIRD_ROOT_TWO_PI + Math.log(f / -x) * (1.0 / 3))));
        }
    }

    /**
     * One Householder step on the lowest branch: objective {@code 1/ln b(s) - 1/ln beta}, third order (fourth
     * beyond {@code x < -190}); returns the next s, clamped to {@code (0, s_l]}.
     */
    static double lowestStep(double s, double lnBeta, double inverseLnBeta, double x, double bMax, double sL) {
        double inverseS = 1 / s;
        double h = x * inverseS;
        double t = 0.5 * s;
        double lnVega = -0.5 * NormalisedBlack.LN_TWO_PI - 0.5 * (h * h + t * t);
        double bx = NormalisedBlack.outOfTheMoneyCallOverVega(h, t, bMax);
        double lnB = Math.log(bx) + lnVega;
        double bpob = 1 / bx;
        double hOverS = h * inverseS;
        double bHh2 = h * hOverS - 0.25 * s;
        double nu = (lnBeta - lnB) * lnB * inverseLnBeta * bx;
        double lambda = 1 / lnB;
        double otlambda = 1 + 2 * lambda;
        double hh2 = bHh2 - bpob * otlambda;
        double c = 3 * hOverS * hOverS;
        double bHh3 = bHh2 * bHh2 - c - 0.25;
        double sqBpob = bpob * bpob;
        double bppob = bHh2 * bpob;
        double mu = 6 * lambda * (1 + lambda);
        double hh3 = bHh3 + sqBpob * (2 + mu) - bppob * 3 * otlambda;
        if (x < HOUSEHOLDER4_LOWER_X) {
            double hh4 = (bHh2 * (bHh3 - 0.5) - (bHh2 - 2 / s) * 2 * c)
                    - bpob * (sqBpob * (6 + lambda * (22 + lambda * (36 + lambda * 24))) - bppob * (12 + 6 * mu))
                    - bppob * bHh2 * 3 * otlambda - bHh3 * bpob * 4 * otlambda;
            return clamp(s + nu * householder4Factor(nu, hh2, hh3, hh4), Double.MIN_NORMAL, sL);
        }
        return clamp(s + nu * householder3Factor(nu, hh2, hh3), Double.MIN_NORMAL, sL);
    }

    /** Initial guess on the highest branch {@code b_u <= beta < b_max} from the map {@code f = Phi(-s/2)}. */
    private static double upperBranchGuess(double beta, double x, double sU, double bU, double bMax) {
        double fU = NormalDistribution.cdf(-0.5 * sU);
        double fp;
        double fpp;
        if (x == 0) {
            fp = -0.5;
            fpp = 0;
        } else {
            double w = (x / sU) * (x / sU);
            fp = -0.5 * Math.exp(0.5 * w);
            fpp = NormalisedBlack.SQRT_PI_OVER_TWO * Math.exp(w + 0.125 * sU * sU) * w / sU;
        }
        double f = -Double.MAX_VALUE;
        if (fpp > -SQRT_DBL_MAX && fpp < SQRT_DBL_MAX) {
            double r = RationalCubic.convexControlToFitSecondDerivativeAtLeft(bU, bMax, fU, 0., fp, -0.5, fpp, true);
            f = RationalCubic.interpolate(beta, bU, bMax, fU, 0., fp, -0.5, r);
        }
        if (f <= 0) {
            // Quadratic through f(b_u), f(b_max) = 0 and f'(b_max) = -1/2.
            double h = bMax - bU;
            double t = (beta - bU) / h;
            f = (fU * (1 - t) + 0.5 * h * t) * (1 - t);
        }
        return -2.0 * NormalDistribution.inverseCdf(f);
    }

    /**
     * Highest branch with {@code beta > b_max / 2}: objective {@code ln((b_max - beta) / (b_max - b(s)))},
     * where {@code b_max - b} is evaluated directly (no cancellation) through erfcx.
     */
    private static double upperBranch(double beta, double x, double s, double sLeft, double sRight, double bMax) {
        double betaBar = bMax - beta;
        double ds = -Double.MAX_VALUE;
        for (int i = 0; i < ITERATIONS && Math.abs(ds) > ONE_STEP_TOLERANCE * s; i++) {
            double next = upperStep(s, betaBar, x, sLeft, sRight);
            ds = next - s;
            s = next;
        }
        return s;
    }

    /** One Householder step on the highest branch given {@code betaBar = b_max - beta}; the next s, clamped. */
    static double upperStep(double s, double betaBar, double x, double sLeft, double sRight) {
        double h = x / s;
        double t = s / 2;
        double gp = NormalisedBlack.vegaOverComplement(h, t);
        double bBar = NormalisedBlack.vega(x, s) / gp;
        double g = Math.log(betaBar / bBar);
        double bHh2 = (h * h) / s - s / 4;
        double c = 3 * (h / s) * (h / s);
        double bHh3 = bHh2 * bHh2 - c - 0.25;
        double nu = -g / gp;
        double hh2 = bHh2 + gp;
        double hh3 = bHh3 + gp * (2 * gp + 3 * bHh2);
        if (x < HOUSEHOLDER4_UPPER_X) {
            double hh4 = (bHh2 * (bHh3 - 0.5) - (bHh2 - 2 / s) * 2 * c)
                    + gp * (6 * gp * (gp + 2 * bHh2) + 3 * bHh2 * bHh2 + 4 * bHh3);
            return clamp(s + nu * householder4Factor(nu, hh2, hh3, hh4), sLeft, sRight);
        }
        return clamp(s + nu * householder3Factor(nu, hh2, hh3), sLeft, sRight);
    }

    /** Householder(3) step multiplier: {@code s += nu (1 + nu h2/2) / (1 + nu (h2 + nu h3/6))}. */
    private static double householder3Factor(double nu, double hh2, double hh3) {
        return (1 + 0.5 * hh2 * nu) / (1 + nu * (hh2 + hh3 * nu * (1.0 / 6)));
    }

    private static double householder4Factor(double nu, double hh2, double hh3, double hh4) {
        return (1 + nu * (hh2 + nu * hh3 * (1.0 / 6)))
                / (1 + nu * (1.5 * hh2 + nu * (hh2 * hh2 * 0.25 + hh3 * (1.0 / 3) + nu * hh4 * (1.0 / 24))));
    }

    private static void checkMarket(double forward, double strike, double maturityYears) {
        if (!(forward > 0) || Double.isInfinite(forward)) {
            throw new IllegalArgumentException("forward must be finite and > 0, got " + forward);
        }
        if (!(strike > 0) || Double.isInfinite(strike)) {
            throw new IllegalArgumentException("strike must be finite and > 0, got " + strike);
        }
        if (!(maturityYears > 0) || Double.isInfinite(maturityYears)) {
            throw new IllegalArgumentException("maturityYears must be finite and > 0, got " + maturityYears);
        }
    }

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
