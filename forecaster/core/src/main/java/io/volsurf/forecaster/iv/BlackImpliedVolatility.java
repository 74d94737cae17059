package io.volsurf.forecaster.iv;

/**
 * Black-76 implied volatility to machine precision by Peter Jäckel's "Let's Be Rational" (Wilmott 2015;
 * algorithm refinements 2017 and 2023). The price is normalised to {@code beta = price / sqrt(F K)} at
 * {@code x = ln(F/K)}; in-the-money prices are reduced to out-of-the-money ones; then one of four branches
 * (split at the inflection point {@code s_c = sqrt(2|x|)} and at the tangent intercepts {@code s_l}, {@code s_u})
 * gives an initial guess that one Householder step of fourth order (third on the highest branch) polishes to full
 * double precision; a second step follows only where the first correction exceeded a tolerance calibrated on
 * the error such a step leaves (see {@link #MIDDLE_ONE_STEP_TOLERANCE}, {@link #LOWEST_ONE_STEP_TOLERANCE}).
 * In the lowest branch the objective is {@code 1/ln b - 1/ln beta}, in the highest
 * {@code ln((b_max - beta)/(b_max - b))}, both nearly linear in s. Each evaluation of b shares its one
 * exponential with the vega, b and the vega at {@code s_c} are closed forms (see {@link NormalisedBlack}), and
 * what the guesses need from {@code s_l} and {@code s_u} (b, the vega, the rational cubics' control parameters,
 * the lowest branch's correction of Jäckel's map f) are fits in x, so no b is evaluated there.
 *
 * <p>Prices are undiscounted (forward measure): divide market prices by the discount factor first.
 * Ported from the algorithm's description and Jäckel's reference code ("Permission to use, copy, modify,
 * and distribute this software is freely granted, provided that this notice is preserved", Copyright
 * 2013-2023 Peter Jäckel); Cody's erfc and Wichura's AS 241 supply the special functions.
 */
public final class BlackImpliedVolatility {

    private static final int ITERATIONS = 2;
    /**
     * A first Householder correction below this (relative) means the guess was already that close, and the
     * step's own error is at round-off: on 400k quotes across the test domain the largest remaining error after
     * such a step was 2.1e-15 (third-order steps of the highest branch), 1.8e-15 (the lowest branch's beyond
     * {@link #LOWEST_WIDE_TOLERANCE_X}, up to |x| = 600). Then the second step is skipped.
     */
    private static final double ONE_STEP_TOLERANCE = 1e-4;
    private static final double SQRT_THREE = 1.732050807568877293527446341505872366942805253810;
    private static final double SQRT_ONE_OVER_THREE = 0.577350269189625764509148780501957455647601751270;
    private static final double TWO_PI_OVER_SQRT_TWENTY_SEVEN = 1.209199576156145233729385505094770488189377498728;
    private static final double SQRT_THREE_OVER_THIRD_ROOT_TWO_PI = 0.938643487427383566075051356115075878414688769574;
    private static final double LN_SQRT_THREE_OVER_THIRD_ROOT_TWO_PI = Math.log(SQRT_THREE_OVER_THIRD_ROOT_TWO_PI);
    private static final double SQRT_DBL_MAX = Math.sqrt(Double.MAX_VALUE);
    /**
     * On the lowest branch (Householder(4), fifth order) a first correction below this relative size leaves at
     * most 4e-14 (300k quotes with {@code -50 < x < 0}); the error constant grows with |x|, so beyond
     * {@link #LOWEST_WIDE_TOLERANCE_X} the general {@link #ONE_STEP_TOLERANCE} applies (1.8e-15 up to |x| = 600).
     */
    private static final double LOWEST_ONE_STEP_TOLERANCE = 2e-3;
    /**
     * On the middle branches (Householder(4)) a first correction below this leaves at most 7.8e-15 (400k quotes,
     * {@code -700 < x < 0}; 2.8e-13 for any first correction, against 3.8e-12 by Householder(3) at 2e-3).
     */
    private static final double MIDDLE_ONE_STEP_TOLERANCE = 2e-3;
    /**
     * The lower-middle branch brackets its steps by {@code [0.5 s_l, s_c]}: b_l is approximate, so a price just
     * above it can have its root just below s_l.
     */
    private static final double LOWER_MIDDLE_BRACKET_FRACTION = 0.5;
    /** Likewise b_u: the upper-middle branch brackets by {@code [s_c, 2 s_u]}, the highest by {@code [s_c, inf)}. */
    private static final double UPPER_MIDDLE_BRACKET_FACTOR = 2;
    /** Above this x the lowest branch's guess takes D and its slope at b_l from fits (see LowestBranchGuess). */
    private static final double FITTED_LOWEST_X = -50;
    private static final double INV_P_0 = 3.6655375430942354;
    private static final double INV_P_1 = 4.177533245644515;
    private static final double INV_P_2 = 1.6840353596319724;
    private static final double INV_P_3 = 0.284308255496045;
    private static final double INV_P_4 = 0.016885111146810683;
    private static final double INV_Q_1 = 0.7208080398197639;
    private static final double INV_Q_2 = 0.16559520572291275;
    private static final double INV_Q_3 = 0.011925738658288276;
    private static final double INV_Q_4 = 5.105235652003159e-07;
    private static final double D_0 = -0.6259653210919184;
    private static final double D_1 = -0.2514646271959211;
    private static final double D_2 = -1.2126935125608498;
    private static final double D_3 = -0.30325044321288797;
    private static final double D_4 = -0.17591264971792386;
    private static final double D_5 = -0.22665048440183566;
    private static final double D_6 = -0.19230010033729714;
    private static final double D_7 = -0.19477966001612712;
    private static final double D_8 = -0.0850495539759527;
    private static final double G_0 = 0.06690954248331235;
    private static final double G_1 = 0.17422361111748033;
    private static final double G_2 = -0.06417715830283213;
    private static final double G_3 = 0.04271204431220968;
    private static final double G_4 = -0.03828785714749147;
    private static final double G_5 = 0.12005665651925086;
    private static final double G_6 = 0.13036507275351455;
    private static final double G_7 = 0.11859494652201216;
    private static final double K_0 = 4.929360172638163;
    private static final double K_1 = 1.021343748041868;
    private static final double K_2 = -0.5811069431680815;
    private static final double K_3 = 0.05583988647305292;
    private static final double K_4 = 0.1374018574400588;
    private static final double K_5 = -0.06343811117003426;
    private static final double K_6 = -0.013794123134852588;
    private static final double K_7 = 0.01199895858755553;
    private static final double R_0 = 3.248231843257659;
    private static final double R_1 = 1.5770451231376366;
    private static final double R_2 = -0.3633538641509467;
    private static final double R_3 = -0.022259467782750494;
    private static final double R_4 = 0.06629292845364376;
    private static final double R_5 = -0.012660278314150548;
    private static final double R_6 = -0.008911812587831539;
    private static final double R_7 = 0.0017776300690157188;
    private static final double BU_0 = 0.8507192987508565;
    private static final double BU_1 = 0.06837211653689411;
    private static final double BU_2 = -0.024743506581491;
    private static final double BU_3 = -0.009407235915079849;
    private static final double BU_4 = 0.017461417857721526;
    private static final double BU_5 = -0.008981622457082825;
    private static final double BU_6 = 0.00017409796414714397;
    private static final double BU_7 = 0.002710801127279386;
    private static final double BU_8 = -0.0015340452605175344;
    private static final double BU_9 = -0.00016679703107107778;
    private static final double BU_10 = 0.0003585938713309548;
    private static final double KU_0 = 5.776707531322568;
    private static final double KU_1 = -0.12582485220064982;
    private static final double KU_2 = -0.4498428284013878;
    private static final double KU_3 = 0.3829653539067327;
    private static final double KU_4 = 0.0707662832372446;
    private static final double KU_5 = -0.33090935633857366;
    private static final double KU_6 = 0.18558592603091417;
    private static final double KU_7 = 0.0797001000678239;
    private static final double KU_8 = -0.11543157187133556;
    private static final double KU_9 = -0.005615453603340133;
    private static final double KU_10 = 0.030268532877341464;
    private static final double RU_0 = 4.180927941362626;
    private static final double RU_1 = 0.48482360739911945;
    private static final double RU_2 = -0.15821027610746397;
    private static final double RU_3 = -0.20986263324417145;
    private static final double RU_4 = 0.406396850848662;
    private static final double RU_5 = -0.31748069579801497;
    private static final double RU_6 = 0.04642491377052814;
    private static final double RU_7 = 0.08870222363585606;
    private static final double RU_8 = 0.009754367307497952;
    private static final double RU_9 = -0.04742118849106717;
    private static final double B_L_0 = 0.07703556474988982;
    private static final double B_L_1 = 0.021311398142527076;
    private static final double B_L_2 = 0.027010999036847;
    private static final double B_L_3 = -0.03717394461195303;
    private static final double B_L_4 = 0.024182263383144383;
    private static final double B_L_5 = -0.008256039603884642;
    private static final double B_L_6 = 0.00028083094598638827;
    private static final double B_L_7 = 0.000978691330991591;
    private static final double B_L_8 = -0.00037683887198497533;
    private static final double B_L_9 = 5.278050945323427e-05;
    private static final double LOWEST_WIDE_TOLERANCE_X = -50;
    /** Beyond this moneyness two Householder(3) steps leave a residual error; Householder(4) does not. */
    private static final double HOUSEHOLDER4_UPPER_X = -580;

    private BlackImpliedVolatility() {
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
        BlackFormula.checkMarket(forward, strike, maturityYears);
        if (Double.isNaN(price) || Double.isInfinite(price)) {
            throw new IllegalArgumentException("price must be finite, got " + price);
        }
        double intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0.0);
        if (price < intrinsic) {
            return ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
        }
        if (price >= (isCall ? forward : strike)) {
            return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
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
            return ImpliedVol.failed(ImpliedVolStatus.AT_INTRINSIC);
        }
        // Puts map to calls by x -> -x; now x <= 0 and beta < b_max = e^{x/2} = sqrt(min(F, K) / max(F, K)),
        // which the square roots already at hand give without an exponential.
        double xCall = theta < 0 ? -x : x;
        double bMax = Math.min(sqrtForward, sqrtStrike) / Math.max(sqrtForward, sqrtStrike);
        double s = normalisedOutOfTheMoney(beta, xCall, bMax);
        if (s == Double.MAX_VALUE) {
            return ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
        }
        double vol = s / Math.sqrt(maturityYears);
        return vol > 0 ? ImpliedVol.ok(vol) : ImpliedVol.failed(ImpliedVolStatus.AT_INTRINSIC);
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
        BlackFormula.checkMarket(forward, strike, maturityYears);
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
                vols[i] = ImpliedVol.failed(ImpliedVolStatus.BELOW_INTRINSIC);
                continue;
            }
            if (price >= maximum) {
                vols[i] = ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
                continue;
            }
            double timeValue = inTheMoney ? Math.max(price - intrinsic, 0.0) : price;
            double beta = timeValue / (sqrtForward * sqrtStrike);
            if (!(beta > 0)) {
                vols[i] = ImpliedVol.failed(ImpliedVolStatus.AT_INTRINSIC);
                continue;
            }
            if (beta >= bMax) {
                vols[i] = ImpliedVol.failed(ImpliedVolStatus.ABOVE_MAXIMUM);
                continue;
            }
            if (option == null) {
                option = new OutOfTheMoneyOption(xCall, bMax);
            }
            double vol = option.normalisedVol(beta) / sqrtMaturity;
            vols[i] = vol > 0 ? ImpliedVol.ok(vol) : ImpliedVol.failed(ImpliedVolStatus.AT_INTRINSIC);
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
        final double sL;
        final double bL;
        double inverseVL = Double.NaN;
        double rLower;
        LowestBranchGuess lowestGuess;
        double sU = Double.NaN;
        double bU;
        double inverseVU;
        double rUpper;

        OutOfTheMoneyOption(double x, double bMax) {
            this.x = x;
            this.bMax = bMax;
            sC = Math.sqrt(-2 * x);
            bC = NormalisedBlack.atInflectionPoint(x, bMax);
            vC = NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax;
            sL = sC - bC / vC;
            bL = lowerTangentIntercept(x, sC, bMax);
        }

        /** The normalised vol of price {@code 0 < beta < bMax}: the same arithmetic as the one-price path. */
        double normalisedVol(double beta) {
            double s;
            double sLeft;
            double sRight;
            if (beta < bC) {
                if (beta < bL) {
                    if (lowestGuess == null) {
                        lowestGuess = LowestBranchGuess.of(x, sL, sC, bL);
                    }
                    return iterateLowest(lowestGuess, beta, x, sC, bMax);
                }
                if (Double.isNaN(inverseVL)) {
                    inverseVL = inverseLowerTangentVega(sC, bMax);
                    rLower = lowerMiddleControl(sC);
                }
                s = RationalCubic.interpolate(beta, bL, bC, sL, sC, inverseVL, 1 / vC, rLower);
                sLeft = LOWER_MIDDLE_BRACKET_FRACTION * sL;
                sRight = sC;
            } else {
                if (Double.isNaN(sU)) {
                    sU = vC > Double.MIN_NORMAL ? sC + (bMax - bC) / vC : sC;
                    bU = upperTangentIntercept(sC, bMax);
                    inverseVU = inverseUpperTangentVega(sC, bMax);
                    rUpper = upperMiddleControl(sC);
                }
                if (beta <= bU) {
                    s = RationalCubic.interpolate(beta, bC, bU, sC, sU, 1 / vC, inverseVU, rUpper);
                    sLeft = sC;
                    sRight = UPPER_MIDDLE_BRACKET_FACTOR * sU;
                } else {
                    s = upperBranchGuess(beta, x, sU, bU, bMax);
                    sLeft = sC;
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
            double bL = lowerTangentIntercept(x, sC, bMax);
            if (beta < bL) {
                return iterateLowest(LowestBranchGuess.of(x, sL, sC, bL), beta, x, sC, bMax);
            }
            s = RationalCubic.interpolate(beta, bL, bC, sL, sC, inverseLowerTangentVega(sC, bMax), 1 / vC,
                    lowerMiddleControl(sC));
            sLeft = LOWER_MIDDLE_BRACKET_FRACTION * sL;
            sRight = sC;
        } else {
            double sU = vC > Double.MIN_NORMAL ? sC + (bMax - bC) / vC : sC;
            double bU = upperTangentIntercept(sC, bMax);
            if (beta <= bU) {
                s = RationalCubic.interpolate(beta, bC, bU, sC, sU, 1 / vC, inverseUpperTangentVega(sC, bMax),
                        upperMiddleControl(sC));
                sLeft = sC;
                sRight = UPPER_MIDDLE_BRACKET_FACTOR * sU;
            } else {
                s = upperBranchGuess(beta, x, sU, bU, bMax);
                sLeft = sC;
                if (beta > 0.5 * bMax) {
                    return upperBranch(beta, x, s, sLeft, sRight, bMax);
                }
            }
        }
        return iterateMiddle(s, beta, x, bMax, sLeft, sRight);
    }

    /**
     * {@code 1 / v_l}, the reciprocal vega at s_l and the lower-middle rational cubic's slope at b_l, from a fit of
     * {@code b_max / v_l} (degree 7 in the u of {@link #lowerTangentIntercept}, 4.3e-6 over
     * {@code 1e-14 <= -x <= 720}; its limit {@code sqrt(2 pi) e^{pi/4}} is met to 1e-5): no exponential.
     */
    static double inverseLowerTangentVega(double sC, double bMax) {
        double w = NormalDistribution.ONE_OVER_SQRT_TWO * sC;
        double u = (w - 2) / (w + 2);
        double u2 = u * u;
        double u4 = u2 * u2;
        return ((K_0 + K_1 * u) + u2 * (K_2 + K_3 * u) + u4 * ((K_4 + K_5 * u) + u2 * (K_6 + K_7 * u))) / bMax;
    }

    /**
     * The lower-middle rational cubic's control parameter: Jäckel's choice matches a zero second derivative at
     * b_c, which on all of {@code x < 0} is above the shape-preserving minimum, so r is a smooth function of x
     * alone; fitted as {@code r w / (1 + w)} (degree 7 in u, 7.2e-6) with no division but the one by w.
     */
    static double lowerMiddleControl(double sC) {
        double w = NormalDistribution.ONE_OVER_SQRT_TWO * sC;
        double u = (w - 2) / (w + 2);
        double u2 = u * u;
        double u4 = u2 * u2;
        return ((R_0 + R_1 * u) + u2 * (R_2 + R_3 * u) + u4 * ((R_4 + R_5 * u) + u2 * (R_6 + R_7 * u))) * (1 + w)
                / w;
    }

    /**
     * {@code b_u = b(x, s_u)}, where the tangent at {@code s_c} meets {@code b_max}, as {@code b_max} times a fit
     * of degree 10 in the u of {@link #lowerTangentIntercept} (9.5e-8 over {@code 1e-14 <= -x <= 720}): like b_l
     * it only chooses the branch and anchors guesses, and the brackets reach across s_u.
     */
    static double upperTangentIntercept(double sC, double bMax) {
        double w = NormalDistribution.ONE_OVER_SQRT_TWO * sC;
        double u = (w - 2) / (w + 2);
        double u2 = u * u;
        double u4 = u2 * u2;
        return bMax * ((BU_0 + BU_1 * u) + u2 * (BU_2 + BU_3 * u) + u4 * ((BU_4 + BU_5 * u) + u2 * (BU_6 + BU_7 * u))
                + (u4 * u4) * ((BU_8 + BU_9 * u) + u2 * BU_10));
    }

    /** {@code 1 / v_u} from a fit of {@code b_max / v_u} (degree 10 in u, 8.1e-7): no exponential. */
    static double inverseUpperTangentVega(double sC, double bMax) {
        double w = NormalDistribution.ONE_OVER_SQRT_TWO * sC;
        double u = (w - 2) / (w + 2);
        double u2 = u * u;
        double u4 = u2 * u2;
        return ((KU_0 + KU_1 * u) + u2 * (KU_2 + KU_3 * u) + u4 * ((KU_4 + KU_5 * u) + u2 * (KU_6 + KU_7 * u))
                + (u4 * u4) * ((KU_8 + KU_9 * u) + u2 * KU_10)) / bMax;
    }

    /**
     * The upper-middle rational cubic's control parameter (zero second derivative at b_c; above the
     * shape-preserving minimum on all of {@code x < 0}), fitted in u to degree 9 (9.8e-6).
     */
    static double upperMiddleControl(double sC) {
        double w = NormalDistribution.ONE_OVER_SQRT_TWO * sC;
        double u = (w - 2) / (w + 2);
        double u2 = u * u;
        double u4 = u2 * u2;
        return (RU_0 + RU_1 * u) + u2 * (RU_2 + RU_3 * u) + u4 * ((RU_4 + RU_5 * u) + u2 * (RU_6 + RU_7 * u))
                + (u4 * u4) * (RU_8 + RU_9 * u);
    }

    private static double iterateMiddle(double s, double beta, double x, double bMax, double sLeft,
            double sRight) {
        double ds = -Double.MAX_VALUE;
        for (int i = 0; i < ITERATIONS && Math.abs(ds) > MIDDLE_ONE_STEP_TOLERANCE * s; i++) {
            double next = middleStep(s, beta, x, bMax, sLeft, sRight);
            ds = next - s;
            s = next;
        }
        return s;
    }

    /**
     * One Householder(4) step (fifth order) on the middle branches: objective {@code g(s) = b(x, s) - beta},
     * with the second to fourth derivatives of b over its first in closed form; returns the next s, clamped to
     * the bracket.
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
        double c = 3 * hOverS * hOverS;
        double hh3 = hh2 * hh2 - c - 0.25;
        double hh4 = hh2 * (hh3 - 0.5) - (hh2 - 2 * inverseS) * 2 * c;
        return clamp(s + nu * householder4Factor(nu, hh2, hh3, hh4), sLeft, sRight);
    }

    /**
     * {@code b_l = b(x, s_l)}, the price where the tangent at {@code s_c} meets zero, to 2.3e-7 relative without
     * evaluating b (an exponential and two erfcx, on the critical path of every inversion below {@code b_c}):
     * {@code b_l / b_max = (w^2 / (1 + w^2)) P((w - 2) / (w + 2))} with {@code w = sqrt(-x)}, P of degree 9 fitted
     * (least squares in Chebyshev polynomials) to the exact value over {@code 1e-14 <= -x <= 720} and its limit
     * {@code Phi(-sqrt(pi/2))} for {@code x -> -infinity}. b_l only chooses the branch and anchors initial guesses,
     * whose error it changes by about that much; the brackets allow for a root just across s_l.
     */
    static double lowerTangentIntercept(double x, double sC, double bMax) {
        double w = NormalDistribution.ONE_OVER_SQRT_TWO * sC;
        double u = (w - 2) / (w + 2);
        double u2 = u * u;
        double u4 = u2 * u2;
        double p = (B_L_0 + B_L_1 * u) + u2 * (B_L_2 + B_L_3 * u)
                + u4 * ((B_L_4 + B_L_5 * u) + u2 * (B_L_6 + B_L_7 * u))
                + (u4 * u4) * (B_L_8 + B_L_9 * u);
        double ax = -x;
        return bMax * p * ax / (1 + ax);
    }

    /**
     * Lowest branch {@code 0 < beta < b_l}: objective {@code 1/ln b(s) - 1/ln beta}, near-linear in s; the steps
     * are kept below {@code sUpper = s_c}.
     */
    private static double iterateLowest(LowestBranchGuess guess, double beta, double x, double sUpper,
            double bMax) {
        double lnBeta = Math.log(beta);
        double inverseLnBeta = 1 / lnBeta;
        double s = guess.normalisedVol(lnBeta, inverseLnBeta, x);
        double tolerance = x > LOWEST_WIDE_TOLERANCE_X ? LOWEST_ONE_STEP_TOLERANCE : ONE_STEP_TOLERANCE;
        double ds = -Double.MAX_VALUE;
        for (int i = 0; i < ITERATIONS && Math.abs(ds) > tolerance * s; i++) {
            double next = lowestStep(s, lnBeta, inverseLnBeta, x, bMax, sUpper);
            ds = next - s;
            s = next;
        }
        return s;
    }

    /**
     * The lowest branch's initial guess. Jäckel's map {@code f(s) = (2 pi / sqrt 27) |x| Phi(-|x| / (sqrt3 s))^3}
     * has the leading asymptotics of b for {@code s -> 0} and inverts in closed form; what it misses is
     * {@code D = ln(f/b)}, which vanishes like {@code (s^2/8 - 6 s^2/x^2)} as {@code s -> 0}. D is interpolated
     * as a cubic in {@code v = ln b_l / ln beta} (in {@code (0, 1)}, proportional to {@code s^2} for small s)
     * through {@code D(0) = 0}, that asymptotic slope, and D and its slope at {@code b_l}; then
     * {@code s = f^{-1}(beta e^D)}. Across {@code |x| <= 5} this is within about 2e-3 of the root (Jäckel's
     * rational cubic of f in beta: 1e-2 to 9e-2), so one Householder step is enough.
     */
    private record LowestBranchGuess(double lnBL, double lnAbsX, double d1, double d2, double d3) {

        static LowestBranchGuess of(double x, double sL, double sC, double bL) {
            if (x < FITTED_LOWEST_X) {
                return ofClosedForms(x, sL, bL);
            }
            // Fits in u = (w - 4)/(w + 4), w = sqrt(-x), of D(1) - s_l^2/8 (5.4e-6) and of
            // dD/dv(1) / (-ln b_l (1 + w)) (4.6e-5), least squares over 1e-14 <= -x <= 50: no exponential, no
            // erfcx, and two logarithms fewer than the closed forms. Their error moves the guess by less than
            // that, against the 2e-3 the single Householder step allows. (Small enough to be inlined, so that
            // the one-price path allocates nothing.)
            double lnBL = Math.log(bL);
            double w = NormalDistribution.ONE_OVER_SQRT_TWO * sC;
            double u = (w - 4) / (w + 4);
            double u2 = u * u;
            double u4 = u2 * u2;
            double e1 = (D_0 + D_1 * u) + u2 * (D_2 + D_3 * u) + u4 * ((D_4 + D_5 * u) + u2 * (D_6 + D_7 * u))
                    + (u4 * u4) * D_8;
            double g = (G_0 + G_1 * u) + u2 * (G_2 + G_3 * u) + u4 * ((G_4 + G_5 * u) + u2 * (G_6 + G_7 * u));
            return withEnds(x, lnBL, 0.125 * sL * sL + e1, -lnBL * (1 + w) * g);
        }

        /** As {@link #of} from the closed forms of f and its derivative at s_l (one exp, one erfcx, two logs). */
        private static LowestBranchGuess ofClosedForms(double x, double sL, double bL) {
            double ax = -x;
            double z = SQRT_ONE_OVER_THREE * ax / sL;
            double y = z * z;
            double p = Math.exp(-0.5 * y);
            double q = Math.exp(0.125 * sL * sL);
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
            // f'(b) = (df/ds) / (db/ds) = y millsRatio^2 e^{s^2/8} at s_l.
            double fpL = y * millsRatio * millsRatio * q;
            double fL = TWO_PI_OVER_SQRT_TWENTY_SEVEN * ax * (phiCdf * phiCdf * phiCdf);
            double lnBL = Math.log(bL);
            // D(1), and dD/dv at v = 1 (where d ln beta / dv = -ln b_l).
            return withEnds(x, lnBL, Math.log(fL / bL), -lnBL * (fpL * bL / fL - 1));
        }

        /**
         * The cubic through {@code D(0) = 0} with the asymptotic slope there, {@code D(1)} and {@code D'(1)}: the
         * slope at 0 from {@code D ~ s^2/8 - 6 s^2/x^2} with {@code s^2 ~ -x^2 v / (2 ln b_l)}.
         */
        private static LowestBranchGuess withEnds(double x, double lnBL, double dAtOne, double slopeAtOne) {
            double slopeAtZero = (6 - 0.125 * x * x) / (2 * lnBL);
            return new LowestBranchGuess(lnBL, Math.log(-x), slopeAtZero,
                    3 * dAtOne - 2 * slopeAtZero - slopeAtOne, slopeAtOne + slopeAtZero - 2 * dAtOne);
        }

        /** The guess for the price with {@code ln beta = lnBeta < ln b_l}, given {@code 1 / ln beta}. */
        double normalisedVol(double lnBeta, double inverseLnBeta, double x) {
            double v = lnBL * inverseLnBeta;
            double lnF = lnBeta + v * (d1 + v * (d2 + v * d3));
            // s = |x / (sqrt3 Phi^{-1}(u))| with u = (sqrt3 / cbrt(2 pi)) cbrt(f / |x|) < 1/2, through ln u.
            double lnU = LN_SQRT_THREE_OVER_THIRD_ROOT_TWO_PI + (lnF - lnAbsX) * (1.0 / 3);
            return Math.abs(x / (SQRT_THREE * minusInverseCdfOfExp(lnU)));
        }

    }

    /**
     * {@code -Phi^{-1}(e^{lnU})}: for {@code 0.9 <= r = sqrt(-lnU) <= 5.5} (the guesses of
     * {@code 0.8 < |h| < 9}) a rational function of degree 4 in r, fitted to 3e-8 relative, well inside
     * what a guess needs; it spares AS 241 its exponential (u above 0.075) and half its terms. Elsewhere
     * AS 241.
     */
    static double minusInverseCdfOfExp(double lnU) {
        if (lnU > -0.81 || lnU < -30.25) {
            return -NormalDistribution.inverseCdfOfExp(lnU);
        }
        double r = Math.sqrt(-lnU) - 3;
        double r2 = r * r;
        double p = (INV_P_0 + INV_P_1 * r) + r2 * ((INV_P_2 + INV_P_3 * r) + r2 * INV_P_4);
        double q = (1 + INV_Q_1 * r) + r2 * ((INV_Q_2 + INV_Q_3 * r) + r2 * INV_Q_4);
        return p / q;
    }

    /**
     * One Householder(4) step (fifth order) on the lowest branch: objective {@code 1/ln b(s) - 1/ln beta};
     * returns the next s, clamped to {@code (0, sUpper]}.
     */
    static double lowestStep(double s, double lnBeta, double inverseLnBeta, double x, double bMax,
            double sUpper) {
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
        // (Kept under the JIT's 325-byte inlining limit for hot methods.)
        double hh4 = (bHh2 * (bHh3 - 0.5) - (bHh2 - 2 * inverseS) * 2 * c)
                - bpob * (sqBpob * (6 + lambda * (22 + lambda * (36 + lambda * 24))) - bppob * (12 + 6 * mu)
                + otlambda * (3 * bHh2 * bHh2 + 4 * bHh3));
        return clamp(s + nu * householder4Factor(nu, hh2, hh3, hh4), Double.MIN_NORMAL, sUpper);
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

    private static double clamp(double v, double lo, double hi) {
        return v < lo ? lo : (v > hi ? hi : v);
    }
}
