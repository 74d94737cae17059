package io.volsurf.greeks.ql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.iv.NormalDistribution;
import org.junit.jupiter.api.Test;

/** The SWIG binding itself: QuantLib objects used directly from Java, released with close(). */
class BindingTest {

    @Test
    void reportsQuantLibVersion() {
        assertEquals("1.29", QuantLibInfo.version());
    }

    @Test
    void nyseCalendarKnowsTheHolidaysInTheRealData() {
        try (UnitedStates nyse = new UnitedStates(UnitedStates.Market.NYSE);
             TARGET target = new TARGET(); NullCalendar none = new NullCalendar();
             Date memorial = Date.fromIso("2026-05-25"); Date juneteenth = Date.fromIso("2026-06-19");
             Date july3 = Date.fromIso("2026-07-03"); Date july2 = Date.fromIso("2026-07-02");
             Date christmas = new Date(25, 12, 2026)) {
            assertFalse(nyse.isBusinessDay(memorial));
            assertFalse(nyse.isBusinessDay(juneteenth));
            assertFalse(nyse.isBusinessDay(july3));
            assertTrue(nyse.isBusinessDay(july2));
            assertFalse(target.isBusinessDay(christmas));
            assertTrue(none.isBusinessDay(christmas));
            try (Date next = nyse.advance(july2, 1, TimeUnit.Days)) {
                assertEquals("2026-07-06", next.toString());
            }
        }
    }

    @Test
    void dayCountersAndFractionalDates() {
        try (Date a = new Date(2, 1, 2020); Date b = a.plusYears(1.5 / 365); Actual365Fixed act365 = new Actual365Fixed();
             Actual360 act360 = new Actual360(); Date c = a.plus(90, TimeUnit.Days)) {
            assertEquals(1.5 / 365, act365.yearFraction(a, b), 1e-15);
            assertEquals(90 / 360.0, act360.yearFraction(a, c), 1e-15);
            assertEquals(90 / 365.0, act365.yearFraction(a, c), 1e-15);
        }
    }

    @Test
    void curvesDiscountAsTheyShould() {
        // std::vector proxies are not AutoCloseable: released with delete() in finally
        DateVector dates = new DateVector();
        DoubleVector rates = new DoubleVector(new double[]{0.01, 0.02, 0.04});
        try (Date today = new Date(2, 1, 2020); Actual365Fixed dc = new Actual365Fixed();
             FlatForward flat = new FlatForward(today, 0.03, dc)) {
            assertEquals(Math.exp(-0.03 * 2), flat.discount(2.0), 1e-14);
            dates.add(today);
            dates.add(today.plus(1, TimeUnit.Years));
            dates.add(today.plus(3, TimeUnit.Years));
            try (ZeroCurve zero = new ZeroCurve(dates, rates, dc)) {
                double t1 = dc.yearFraction(today, dates.get(1));
                assertEquals(Math.exp(-0.02 * t1), zero.discount(t1), 1e-14);
                assertEquals(0.02, zero.zeroRate(t1), 1e-14);
            } finally {
                dates.delete();
                rates.delete();
            }
        }
    }

    /** BSM process over a BlackVarianceSurface, priced by AnalyticEuropeanEngine, and its implied vol. */
    @Test
    void vanillaOptionOnAVolSurfaceRoundTripsItsImpliedVol() {
        VolsurfQL.setEvaluationDate(new Date(2, 1, 2020));
        try (Date today = new Date(2, 1, 2020); Actual365Fixed dc = new Actual365Fixed(); NullCalendar cal = new NullCalendar();
             SimpleQuote spot = new SimpleQuote(100); FlatForward r = new FlatForward(today, 0.03, dc);
             FlatForward q = new FlatForward(today, 0.01, dc)) {
            DateVector dates = new DateVector();
            DoubleVector strikes = new DoubleVector(new double[]{80, 100, 120});
            DoubleVector vols = new DoubleVector(new double[]{0.30, 0.28, 0.25, 0.26, 0.24, 0.22});
            dates.add(today.plus(6, TimeUnit.Months));
            dates.add(today.plus(12, TimeUnit.Months));
            try (BlackVarianceSurface surface = new BlackVarianceSurface(today, cal, dates, strikes, vols, dc);
                 BlackScholesMertonProcess process = new BlackScholesMertonProcess(spot, q, r, surface);
                 AnalyticEuropeanEngine engine = new AnalyticEuropeanEngine(process);
                 PlainVanillaPayoff payoff = new PlainVanillaPayoff(Option.Type.Put, 100);
                 EuropeanExercise exercise = new EuropeanExercise(dates.get(1));
                 VanillaOption option = new VanillaOption(payoff, exercise);
                 SimpleQuote flatVolQuote = new SimpleQuote(0.2);
                 BlackConstantVol flatVol = new BlackConstantVol(today, cal, flatVolQuote, dc);
                 BlackScholesMertonProcess flatProcess = new BlackScholesMertonProcess(spot, q, r, flatVol)) {
                double t = dc.yearFraction(today, dates.get(1));
                // strike-major layout: strike 100 is row 1, the 1y date column 1
                assertEquals(0.26, surface.blackVol(t, 100), 1e-14);
                option.setPricingEngine(engine);
                double npv = option.NPV();
                double fwd = 100 * Math.exp((0.03 - 0.01) * t);
                double expected = QuantLibBlackFormula.price(false, 100, fwd, 0.26 * Math.sqrt(t), Math.exp(-0.03 * t));
                assertEquals(expected, npv, 1e-12);
                assertEquals(0.26, option.impliedVolatility(npv, flatProcess, 1e-10, 100, 1e-4, 4.0), 1e-8);
                assertTrue(option.vega() > 0);
            } finally {
                dates.delete();
                strikes.delete();
                vols.delete();
            }
        }
    }

    @Test
    void blackImpliedStdDevRoundTrips() {
        for (double k : new double[]{60, 90, 100, 110, 150}) {
            double stdDev = 0.3;
            double price = QuantLibBlackFormula.price(k >= 100, k, 100, stdDev, 0.97);
            assertEquals(stdDev, QuantLibBlackFormula.impliedStdDev(k >= 100, k, 100, price, 0.97), 1e-6);
        }
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> QuantLibBlackFormula.impliedStdDev(true, 100, 100, -1, 1.0));
        assertTrue(e.getMessage().contains("blackPrice"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> QuantLibBlackFormula.price(true, Double.NaN, 100, 0.2, 1));
    }

    @Test
    void sviSmileSectionIsRawSvi() {
        double a = 0.01, b = 0.1, rho = -0.4, m = 0.05, sigma = 0.2, t = 0.5, f = 100;
        for (double strike : new double[]{60, 90, 100, 120, 180}) {
            double k = Math.log(strike / f);
            double w = a + b * (rho * (k - m) + Math.sqrt((k - m) * (k - m) + sigma * sigma));
            assertEquals(Math.sqrt(w / t), QuantLibSvi.volatility(t, f, a, b, rho, m, sigma, strike), 1e-14);
        }
    }

    @Test
    void sviFitRecoversKnownParameters() {
        double a = 0.02, b = 0.15, rho = -0.5, m = 0.02, sigma = 0.15, t = 0.75, f = 100;
        double[] strikes = new double[21];
        double[] vols = new double[21];
        for (int i = 0; i < strikes.length; i++) {
            strikes[i] = f * Math.exp(-0.5 + 0.05 * i);
            vols[i] = QuantLibSvi.volatility(t, f, a, b, rho, m, sigma, strikes[i]);
        }
        QuantLibSvi.Fit fit = QuantLibSvi.fit(t, f, strikes, vols, new QuantLibSvi.Fit(0.01, 0.1, -0.2, 0.0, 0.1, 0, 0, 0), false);
        assertTrue(fit.rmsErrorVol() < 1e-5, "rms " + fit);
        for (double strike : strikes) {
            assertEquals(QuantLibSvi.volatility(t, f, a, b, rho, m, sigma, strike),
                    QuantLibSvi.volatility(t, f, fit.a(), fit.b(), fit.rho(), fit.m(), fit.sigma(), strike), 1e-5);
        }
    }

    @Test
    void quantLibErrorsBecomeJavaExceptions() {
        // QL_REQUIRE failures surface as RuntimeException with QuantLib's text, not a crash.
        DoubleVector p = new DoubleVector(new double[]{0.01, -1, 0.1, 0.0, 0.0});
        RuntimeException e = assertThrows(RuntimeException.class, () -> {
            try (SviSmileSection s = new SviSmileSection(1.0, 100, p)) {
                s.volatility(100);
            }
        });
        p.delete();
        assertFalse(e.getMessage().isEmpty());
        assertEquals(0.5, NormalDistribution.cdf(0), 0);
    }
}
