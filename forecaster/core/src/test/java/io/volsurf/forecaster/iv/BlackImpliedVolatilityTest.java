package io.volsurf.forecaster.iv;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class BlackImpliedVolatilityTest {

    private static final double[] MATURITIES_YEARS = {1.0 / 365, 2.0 / 365, 7.0 / 365, 30.0 / 365, 0.25, 1, 3, 10};
    private static final double[] VOLS = {0.01, 0.03, 0.08, 0.15, 0.3, 0.6, 1.0, 1.5, 2.0, 3.0};

    @Test
    void roundTripOutOfTheMoneyAcrossTheDomainIsMachinePrecise() {
        double forward = 100;
        double worst = 0;
        String worstCase = "";
        int count = 0;
        for (double t : MATURITIES_YEARS) {
            for (double vol : VOLS) {
                double sd = vol * Math.sqrt(t);
                // Strikes from 12 standard deviations below to 12 above the forward, plus the forward itself.
                for (int j = -48; j <= 48; j++) {
                    double x = j * 0.25 * sd;
                    double strike = forward * Math.exp(x);
                    boolean isCall = strike >= forward;
                    double price = BlackFormula.price(forward, strike, vol, t, isCall);
                    if (!(price > 1e-280)) {
                        continue; // below the smallest price a real quote can carry
                    }
                    double vega = BlackFormula.vega(forward, strike, vol, t);
                    if (price / (vol * vega) > 1e3) {
                        // Vega negligible against the price (price near its maximum F): the double-precision
                        // price itself pins the vol down to no better than (price / (vol vega)) * eps.
                        continue;
                    }
                    ImpliedVol iv = BlackImpliedVolatility.impliedVol(price, forward, strike, t, isCall);
                    assertTrue(iv.isOk(), () -> "no vol for " + price + " K=" + strike + " T=" + t + " vol=" + vol
                            + ": " + iv.status());
                    double rel = Math.abs(iv.vol() / vol - 1);
                    count++;
                    if (rel > worst) {
                        worst = rel;
                        worstCase = "K=" + strike + " T=" + t + " vol=" + vol + " price=" + price;
                    }
                }
            }
        }
        System.out.printf("IV round trip OTM: %d cases, worst relative error %.3e at %s%n", count, worst, worstCase);
        assertTrue(count > 5000, "grid too small: " + count);
        assertTrue(worst <= 1e-12, "worst relative error " + worst + " at " + worstCase);
    }

    @Test
    void roundTripOnRandomInputsIncludingInTheMoney() {
        SplittableRandom random = new SplittableRandom(42);
        double worst = 0;
        for (int i = 0; i < 20_000; i++) {
            double forward = Math.exp(random.nextDouble(-3, 9));
            double t = Math.exp(random.nextDouble(Math.log(1.0 / 365), Math.log(10)));
            double vol = Math.exp(random.nextDouble(Math.log(0.01), Math.log(3)));
            double z = random.nextDouble(-6, 6);
            double strike = forward * Math.exp(z * vol * Math.sqrt(t));
            boolean isCall = random.nextBoolean();
            double price = BlackFormula.price(forward, strike, vol, t, isCall);
            double intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0);
            ImpliedVol iv = BlackImpliedVolatility.impliedVol(price, forward, strike, t, isCall);
            double vega = BlackFormula.vega(forward, strike, vol, t);
            // In the money the time value is a difference of two prices; the attainable accuracy is
            // (price / (vol * vega)) * eps. Compare against that, with a safety factor.
            double attainable = (1 + price / (vol * vega)) * Math.ulp(1.0);
            if (price - intrinsic <= 1e-14 * price || !(price > 1e-280)) {
                continue;
            }
            assertTrue(iv.isOk(), "status " + iv.status() + " for F=" + forward + " K=" + strike);
            double rel = Math.abs(iv.vol() / vol - 1);
            double relToAttainable = rel / attainable;
            worst = Math.max(worst, relToAttainable);
            if (intrinsic == 0) {
                assertTrue(rel <= 1e-12, "OTM relative error " + rel);
            }
        }
        System.out.printf("IV random round trip: worst error %.1f x attainable accuracy%n", worst);
        assertTrue(worst < 64, "error exceeds 64x the attainable accuracy: " + worst);
    }

    @Test
    void roundTripOverADenseRandomDomainIsWithinOneInATrillion() {
        // 200k out-of-the-money quotes: forwards 0.05 to 8000, 1 day to 10 years, vols 1% to 300%, strikes up to
        // 12 standard deviations either side (in the money: roundTripOnRandomInputsIncludingInTheMoney).
        SplittableRandom random = new SplittableRandom(20261125);
        double worst = 0;
        String worstCase = "";
        int count = 0;
        for (int i = 0; i < 200_000; i++) {
            double forward = Math.exp(random.nextDouble(-3, 9));
            double t = Math.exp(random.nextDouble(Math.log(1.0 / 365), Math.log(10)));
            double vol = Math.exp(random.nextDouble(Math.log(0.01), Math.log(3)));
            double z = random.nextDouble(-12, 12);
            double strike = forward * Math.exp(z * vol * Math.sqrt(t));
            boolean isCall = strike >= forward;
            double price = BlackFormula.price(forward, strike, vol, t, isCall);
            double vega = BlackFormula.vega(forward, strike, vol, t);
            if (!(price > 1e-280) || price / (vol * vega) > 1e3) {
                continue; // no real quote that small; or vol not pinned down by a double price (see above)
            }
            ImpliedVol iv = BlackImpliedVolatility.impliedVol(price, forward, strike, t, isCall);
            assertTrue(iv.isOk(), () -> "no vol for F=" + forward + " K=" + strike + ": " + iv.status());
            double rel = Math.abs(iv.vol() / vol - 1);
            count++;
            if (rel > worst) {
                worst = rel;
                worstCase = "F=" + forward + " K=" + strike + " T=" + t + " vol=" + vol;
            }
        }
        System.out.printf("IV dense random round trip: %d quotes, worst relative error %.3e at %s%n", count, worst,
                worstCase);
        assertTrue(count > 150_000, "too few usable quotes: " + count);
        assertTrue(worst <= 1e-12, "worst relative error " + worst + " at " + worstCase);
    }

    @Test
    void lowestBranchOverADenseGridIsWithinOneInATrillion() {
        // The lowest branch (beta < b_l) takes one Householder step when the first correction is below 2e-3 and
        // its guess interpolates ln(f/b): x from -500 to -1e-6 (log-spaced), s from 1e-3 to 5 and, per x, s from
        // 1e-4 s_l to just below s_l (where b_l, from a fit, decides between the lowest and the middle branch).
        double worst = 0;
        String worstCase = "";
        int count = 0;
        for (int i = 0; i <= 600; i++) {
            double x = -Math.exp(Math.log(1e-6) + (Math.log(500) - Math.log(1e-6)) * i / 600);
            double bMax = Math.exp(0.5 * x);
            double sC = Math.sqrt(-2 * x);
            double sL = sC - NormalisedBlack.atInflectionPoint(x, bMax) / (NormalDistribution.ONE_OVER_SQRT_TWO_PI
                    * bMax);
            double bL = BlackImpliedVolatility.lowerTangentIntercept(x, sC, bMax);
            double[] ss = new double[2 * 301];
            for (int j = 0; j <= 300; j++) {
                ss[j] = Math.exp(Math.log(1e-3) + (Math.log(5) - Math.log(1e-3)) * j / 300);
                ss[301 + j] = sL * (j < 200 ? Math.exp(-Math.log(1e4) * j / 200) : 1 - Math.pow(10, -(j - 199) / 10.0));
            }
            for (double s : ss) {
                double beta = NormalisedBlack.outOfTheMoneyCall(x, s, bMax);
                if (!(beta > 1e-300) || !(beta < bL)) {
                    continue;
                }
                double implied = BlackImpliedVolatility.normalisedOutOfTheMoney(beta, x, bMax);
                double rel = Math.abs(implied / s - 1);
                count++;
                if (rel > worst) {
                    worst = rel;
                    worstCase = "x=" + x + " s=" + s + " s_l=" + sL;
                }
            }
        }
        System.out.printf("IV lowest branch grid: %d cases, worst relative error %.3e at %s%n", count, worst,
                worstCase);
        assertTrue(count > 100_000, "grid too small: " + count);
        assertTrue(worst <= 1e-12, "worst relative error " + worst + " at " + worstCase);
    }

    @Test
    void pricesAroundTheTangentInterceptsRoundTrip() {
        // b_l and b_u are fits (2.3e-7, 9.5e-8): prices within a few 1e-7 of the exact b(x, s_l) or b(x, s_u) may
        // take either branch, and the root may lie just across s_l or s_u from that branch's original bracket.
        double worstFit = 0;
        double worst = 0;
        for (double x = -1e-8; x > -700; x *= 1.07) {
            double bMax = Math.exp(0.5 * x);
            double sC = Math.sqrt(-2 * x);
            double sL = sC - NormalisedBlack.atInflectionPoint(x, bMax) / (NormalDistribution.ONE_OVER_SQRT_TWO_PI
                    * bMax);
            double exact = NormalisedBlack.outOfTheMoneyCall(x, sL, bMax);
            if (!(exact > 1e-300)) {
                continue;
            }
            worstFit = Math.max(worstFit, Math.abs(BlackImpliedVolatility.lowerTangentIntercept(x, sC, bMax) / exact
                    - 1));
            double sU = sC + (bMax - NormalisedBlack.atInflectionPoint(x, bMax))
                    / (NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax);
            for (double k = -40; k <= 40; k++) {
                for (double node : new double[] {sL, sU}) {
                    double s = node * (1 + k * 1e-8);
                    double beta = NormalisedBlack.outOfTheMoneyCall(x, s, bMax);
                    double implied = BlackImpliedVolatility.normalisedOutOfTheMoney(beta, x, bMax);
                    worst = Math.max(worst, Math.abs(implied / s - 1));
                }
            }
        }
        System.out.printf("IV around b_l and b_u: b_l fit within %.2e, worst relative error %.3e%n", worstFit, worst);
        assertTrue(worstFit < 3e-7, "b_l fit off by " + worstFit);
        assertTrue(worst <= 1e-12, "worst relative error around b_l and b_u " + worst);
    }

    @Test
    void singleExponentialBlackAgreesWithTheReferenceFormulation() {
        // b(x, s) from one exp(-(h^2+t^2)/2) and b_max must equal Jäckel's erfc/erfcx form wherever that form is
        // accurate (outside the small-t and asymptotic regions, which have their own test above).
        double worst = 0;
        for (double h = -9.9; h <= 0; h += 0.05) {
            for (double t = 0.22; t <= 12; t *= 1.07) {
                double x = 2 * h * t;
                double s = 2 * t;
                double reference = withOptimalUseOfCodysFunctions(x, s);
                double fast = NormalisedBlack.outOfTheMoneyCall(h, t, Math.exp(0.5 * x),
                        NormalisedBlack.scaledVega(h, t));
                if (reference > 1e-300) {
                    worst = Math.max(worst, Math.abs(fast / reference - 1));
                }
            }
        }
        assertTrue(worst < 1e-13, "single-exponential b differs from the reference by " + worst);
    }

    @Test
    void inflectionPointValueIsTheNormalisedBlackThere() {
        // b(x, sqrt(-2x)) in closed form, near the money (erf branch) and away from it (erfcx branch).
        for (double x : new double[] {-1e-12, -1e-6, -0.01, -0.1, -0.2197, -0.2198, -0.5, -2, -30, -300}) {
            double sC = Math.sqrt(-2 * x);
            double bMax = Math.exp(0.5 * x);
            double closed = NormalisedBlack.atInflectionPoint(x, bMax);
            double direct = NormalisedBlack.call(x, sC);
            assertEquals(1, closed / direct, 1e-13, "x=" + x);
        }
    }

    @Test
    void inverseCdfThroughTheLogarithmMatchesInverseCdf() {
        for (double u : new double[] {1e-300, 1e-100, 1e-20, 1e-5, 0.01, 0.0749, 0.075, 0.0751, 0.2, 0.4999}) {
            assertEquals(NormalDistribution.inverseCdf(u), NormalDistribution.inverseCdfOfExp(Math.log(u)),
                    1e-14 * Math.max(1, Math.abs(NormalDistribution.inverseCdf(u))), "u=" + u);
        }
        assertEquals(Double.NEGATIVE_INFINITY, NormalDistribution.inverseCdfOfExp(Double.NEGATIVE_INFINITY));
    }

    @Test
    void middleGuessDataMatchTheirClosedForms() {
        // 1/v_l, 1/v_u and the rational cubics' control parameters on [b_l, b_c] and [b_c, b_u] are fits in x
        // (guess data only).
        for (double x = -1e-14; x > -720; x *= 1.05) {
            double bMax = Math.exp(0.5 * x);
            double sC = Math.sqrt(-2 * x);
            double bC = NormalisedBlack.atInflectionPoint(x, bMax);
            double vC = NormalDistribution.ONE_OVER_SQRT_TWO_PI * bMax;
            double sL = sC - bC / vC;
            double bL = NormalisedBlack.outOfTheMoneyCall(x, sL, bMax);
            double vL = NormalDistribution.ONE_OVER_SQRT_TWO_PI * NormalisedBlack.scaledVega(x / sL, 0.5 * sL);
            double r = RationalCubic.convexControlToFitSecondDerivativeAtRight(bL, bC, sL, sC, 1 / vL, 1 / vC, 0.0,
                    false);
            assertEquals(1, BlackImpliedVolatility.inverseLowerTangentVega(sC, bMax) * vL, 1e-5, "x=" + x);
            assertEquals(1, BlackImpliedVolatility.lowerMiddleControl(sC) / r, 1e-5, "x=" + x);
            double sU = sC + (bMax - bC) / vC;
            double bU = NormalisedBlack.outOfTheMoneyCall(x, sU, bMax);
            double vU = NormalDistribution.ONE_OVER_SQRT_TWO_PI * NormalisedBlack.scaledVega(x / sU, 0.5 * sU);
            double rU = RationalCubic.convexControlToFitSecondDerivativeAtLeft(bC, bU, sC, sU, 1 / vC, 1 / vU, 0.0,
                    false);
            assertEquals(1, BlackImpliedVolatility.upperTangentIntercept(sC, bMax) / bU, 2e-7, "x=" + x);
            assertEquals(1, BlackImpliedVolatility.inverseUpperTangentVega(sC, bMax) * vU, 2e-6, "x=" + x);
            assertEquals(1, BlackImpliedVolatility.upperMiddleControl(sC) / rU, 2e-5, "x=" + x);
        }
    }

    @Test
    void guessInverseCdfIsWithinItsFitAndExactOutsideIt() {
        for (double lnU = -0.5; lnU > -40; lnU -= 0.003) {
            double exact = -NormalDistribution.inverseCdfOfExp(lnU);
            double tolerance = lnU > -0.81 || lnU < -30.25 ? 0 : 4e-8;
            assertEquals(1, BlackImpliedVolatility.minusInverseCdfOfExp(lnU) / exact, tolerance, "ln u=" + lnU);
        }
    }

    @Test
    void scaledErrorFunctionEntryPointsMatchTheGeneralOnes() {
        for (double y = 0.47; y < 40; y *= 1.01) {
            assertEquals(1, CodyErrorFunction.erfcxAboveThreshold(y) / CodyErrorFunction.erfcx(y), 2e-15, "y=" + y);
        }
        for (double y = -0.46875; y <= 0.46875; y += 0.01) {
            assertEquals(CodyErrorFunction.erfc(y), 1 - CodyErrorFunction.erfNearZero(y), 1e-16, "y=" + y);
        }
    }

    @Test
    void hullTextbookValues() {
        // Hull, Options Futures and Other Derivatives, example 15.6: S=42, K=40, r=10%, T=0.5, vol=20%.
        double s = 42;
        double r = 0.1;
        double t = 0.5;
        double discount = Math.exp(-r * t);
        double forward = s / discount;
        assertEquals(4.76, discount * BlackFormula.price(forward, 40, 0.2, t, true), 0.005);
        assertEquals(0.81, discount * BlackFormula.price(forward, 40, 0.2, t, false), 0.005);
        double call = discount * BlackFormula.price(forward, 40, 0.2, t, true);
        assertEquals(0.2, BlackImpliedVolatility.impliedVol(call / discount, forward, 40, t, true).vol(), 1e-14);
        // At the money: call = F (2 Phi(s/2) - 1); with s = 0.2, 2 Phi(0.1) - 1 = 0.0796556745540579...
        assertEquals(7.96556745540579, BlackFormula.price(100, 100, 0.2, 1, true), 1e-12);
        assertEquals(0.2, BlackImpliedVolatility.impliedVol(7.965567455405798, 100, 100, 1, true).vol(), 1e-15);
    }

    @Test
    void callAndPutGiveTheSameVolThroughParity() {
        double forward = 250;
        double t = 0.4;
        for (double strike : new double[] {150, 200, 240, 250, 260, 320, 400}) {
            double call = BlackFormula.price(forward, strike, 0.35, t, true);
            double put = call - (forward - strike);
            double fromCall = BlackImpliedVolatility.impliedVol(call, forward, strike, t, true).vol();
            double fromPut = BlackImpliedVolatility.impliedVol(put, forward, strike, t, false).vol();
            assertEquals(fromCall, fromPut, 1e-12 * fromCall, "strike " + strike);
            assertEquals(0.35, fromCall, 1e-12);
        }
    }

    @Test
    void boundsAreReportedWithReasons() {
        assertEquals(ImpliedVolStatus.BELOW_INTRINSIC,
                BlackImpliedVolatility.impliedVol(9.99, 110, 100, 1, true).status());
        assertEquals(ImpliedVolStatus.BELOW_INTRINSIC,
                BlackImpliedVolatility.impliedVol(-0.01, 100, 120, 1, true).status());
        assertEquals(ImpliedVolStatus.AT_INTRINSIC, BlackImpliedVolatility.impliedVol(10, 110, 100, 1, true).status());
        assertEquals(ImpliedVolStatus.AT_INTRINSIC, BlackImpliedVolatility.impliedVol(0, 100, 120, 1, true).status());
        assertEquals(ImpliedVolStatus.ABOVE_MAXIMUM, BlackImpliedVolatility.impliedVol(100, 100, 90, 1, true).status());
        assertEquals(ImpliedVolStatus.ABOVE_MAXIMUM, BlackImpliedVolatility.impliedVol(90, 100, 90, 1, false).status());
        ImpliedVol failed = BlackImpliedVolatility.impliedVol(9.99, 110, 100, 1, true);
        assertFalse(failed.isOk());
        IllegalStateException e = assertThrows(IllegalStateException.class, failed::vol);
        assertTrue(e.getMessage().contains("BELOW_INTRINSIC"));
        // Just below the maximum: a huge but finite vol.
        ImpliedVol high = BlackImpliedVolatility.impliedVol(99.999999, 100, 100, 1, true);
        assertTrue(high.isOk() && high.vol() > 5 && Double.isFinite(high.vol()));
        assertEquals(99.999999, BlackFormula.price(100, 100, high.vol(), 1, true), 1e-9);
    }

    @Test
    void severalPricesOfOneOptionGiveExactlyTheOnePriceResults() {
        // Each option gets prices from vols spanning every branch, around the bid/ask of a quote, and out of
        // bounds; the shared per-option work must not change a single bit of any result.
        SplittableRandom random = new SplittableRandom(11);
        int compared = 0;
        for (int i = 0; i < 4_000; i++) {
            double forward = Math.exp(random.nextDouble(-3, 9));
            double t = Math.exp(random.nextDouble(Math.log(1.0 / 365), Math.log(10)));
            double vol = Math.exp(random.nextDouble(Math.log(0.01), Math.log(3)));
            double strike = forward * Math.exp(random.nextDouble(-8, 8) * vol * Math.sqrt(t));
            boolean isCall = random.nextBoolean();
            double price = BlackFormula.price(forward, strike, vol, t, isCall);
            double intrinsic = Math.max(isCall ? forward - strike : strike - forward, 0);
            double[] prices = new double[9];
            prices[0] = price;
            prices[1] = intrinsic + 0.98 * (price - intrinsic);
            prices[2] = intrinsic + 1.02 * (price - intrinsic);
            prices[3] = BlackFormula.price(forward, strike, vol * 0.1, t, isCall);
            prices[4] = BlackFormula.price(forward, strike, vol * 5, t, isCall);
            prices[5] = BlackFormula.price(forward, strike, 2.5, 10, isCall);
            prices[6] = intrinsic;
            prices[7] = intrinsic - 1e-3 * forward;
            prices[8] = isCall ? forward : strike;
            ImpliedVol[] together = BlackImpliedVolatility.impliedVols(prices, forward, strike, t, isCall);
            assertEquals(prices.length, together.length);
            for (int j = 0; j < prices.length; j++) {
                ImpliedVol alone = BlackImpliedVolatility.impliedVol(prices[j], forward, strike, t, isCall);
                int at = j;
                assertEquals(alone, together[j], () -> "price " + prices[at] + " of F=" + forward + " K=" + strike
                        + " T=" + t + " call=" + isCall);
                compared += alone.isOk() ? 1 : 0;
            }
        }
        assertTrue(compared > 20_000, "too few invertible prices compared: " + compared);
        assertEquals(0, BlackImpliedVolatility.impliedVols(new double[0], 100, 100, 1, true).length);
    }

    @Test
    void severalPricesBadInputNamesTheFieldOrThePrice() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BlackImpliedVolatility.impliedVols(new double[] {1, Double.NaN}, 100, 100, 1, true))
                .getMessage().contains("prices[1]"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BlackImpliedVolatility.impliedVols(new double[] {1}, 100, 100, -1, true))
                .getMessage().contains("maturityYears"));
    }

    @Test
    void badInputNamesTheField() {
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BlackImpliedVolatility.impliedVol(Double.NaN, 100, 100, 1, true)).getMessage().contains("price"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BlackImpliedVolatility.impliedVol(1, 0, 100, 1, true)).getMessage().contains("forward"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BlackImpliedVolatility.impliedVol(1, 100, -5, 1, true)).getMessage().contains("strike"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BlackImpliedVolatility.impliedVol(1, 100, 100, 0, true)).getMessage().contains("maturityYears"));
        assertTrue(assertThrows(IllegalArgumentException.class,
                () -> BlackFormula.price(100, 100, -0.1, 1, true)).getMessage().contains("vol"));
    }

    @Test
    void normalisedBlackExpansionsAgreeWithCodyFormulation() {
        // Where the regions meet, the asymptotic and small-t expansions must match the erfc/erfcx formula.
        for (double[] hs : new double[][] {{-10.5, 0.05}, {-12, 0.3}, {-15, 2}, {-11, 0.15}}) {
            double h = hs[0];
            double t = hs[1];
            double x = 2 * h * t;
            double s = 2 * t;
            double viaCody = withOptimalUseOfCodysFunctions(x, s);
            double viaAsymptotic = NormalisedBlack.asymptoticExpansionOverVega(h, t) * NormalisedBlack.vega(x, s);
            assertEquals(1, viaAsymptotic / viaCody, 1e-12, "asymptotic at h=" + h + " t=" + t);
        }
        for (double[] hs : new double[][] {{-0.5, 0.2}, {-2, 0.1}, {-5, 0.2}, {-0.01, 0.05}}) {
            double h = hs[0];
            double t = hs[1];
            double x = 2 * h * t;
            double s = 2 * t;
            double viaCody = withOptimalUseOfCodysFunctions(x, s);
            double viaSmallT = NormalisedBlack.smallTExpansionOverVega(h, t) * NormalisedBlack.vega(x, s);
            assertEquals(1, viaSmallT / viaCody, 1e-13, "small t at h=" + h + " t=" + t);
        }
    }

    @Test
    void blackPriceMatchesTextbookFormulaWhereThatIsAccurate() {
        double forward = 100;
        for (double strike : new double[] {80, 95, 100, 105, 130}) {
            for (double vol : new double[] {0.1, 0.4, 1.2}) {
                double t = 0.75;
                double sd = vol * Math.sqrt(t);
                double d1 = Math.log(forward / strike) / sd + sd / 2;
                double textbook = forward * NormalDistribution.cdf(d1) - strike * NormalDistribution.cdf(d1 - sd);
                assertEquals(textbook, BlackFormula.price(forward, strike, vol, t, true), 1e-12 * textbook);
                double bumped = (BlackFormula.price(forward, strike, vol + 1e-6, t, true)
                        - BlackFormula.price(forward, strike, vol - 1e-6, t, true)) / 2e-6;
                assertEquals(bumped, BlackFormula.vega(forward, strike, vol, t), 1e-6 * bumped);
            }
        }
    }

    @Test
    void inverseNormalCdfInvertsCdf() {
        // Only z <= 0.5: above, u = Phi(z) rounds near 1 and the round trip loses digits in u itself.
        for (double z = -37; z <= 0.5; z += 0.37) {
            double u = NormalDistribution.cdf(z);
            assertEquals(z, NormalDistribution.inverseCdf(u), 1e-14 * Math.max(1, Math.abs(z)), "z=" + z);
        }
    }

    /**
     * Reference: Jäckel's "optimal use of Cody's functions", {@code 2b = e^{x/2} erfc(q1) - e^{-x/2} erfc(q2)}
     * with {@code q1 = -(h+t)/sqrt2}, {@code q2 = -(h-t)/sqrt2}, each term through erfc or
     * {@code exp(-(h^2+t^2)/2) erfcx(q)} with its own exponentials (the pre-rewrite evaluation, kept to check
     * the single-exponential one and the expansions against).
     */
    private static double withOptimalUseOfCodysFunctions(double x, double s) {
        double h = x / s;
        double t = 0.5 * s;
        double q1 = -NormalDistribution.ONE_OVER_SQRT_TWO * (h + t);
        double q2 = -NormalDistribution.ONE_OVER_SQRT_TWO * (h - t);
        double threshold = CodyErrorFunction.THRESHOLD;
        double twoB;
        if (q1 < threshold) {
            if (q2 < threshold) {
                twoB = Math.exp(0.5 * x) * CodyErrorFunction.erfc(q1) - Math.exp(-0.5 * x) * CodyErrorFunction.erfc(q2);
            } else {
                twoB = Math.exp(0.5 * x) * CodyErrorFunction.erfc(q1)
                        - Math.exp(-0.5 * (h * h + t * t)) * CodyErrorFunction.erfcx(q2);
            }
        } else if (q2 < threshold) {
            twoB = Math.exp(-0.5 * (h * h + t * t)) * CodyErrorFunction.erfcx(q1)
                    - Math.exp(-0.5 * x) * CodyErrorFunction.erfc(q2);
        } else {
            twoB = Math.exp(-0.5 * (h * h + t * t)) * (CodyErrorFunction.erfcx(q1) - CodyErrorFunction.erfcx(q2));
        }
        return Math.max(0.5 * twoB, 0.0);
    }
}
