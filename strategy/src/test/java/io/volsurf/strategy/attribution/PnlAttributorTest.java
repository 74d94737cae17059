package io.volsurf.strategy.attribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.result.AttributionScope;
import io.volsurf.strategy.result.PnlAttribution;
import io.volsurf.strategy.result.PositionRole;
import io.volsurf.strategy.result.PositionSnapshot;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

class PnlAttributorTest {
    private static final LocalDate D0 = LocalDate.of(2026, 3, 2);
    private static final LocalDate D1 = D0.plusDays(1);
    private static final ContractKey KEY = new ContractKey(LocalDate.of(2026, 6, 19), 100, OptionType.CALL);
    private final PnlAttributor attributor = new PnlAttributor();

    private static PositionSnapshot snapshot(double quantity, double forecastIv) {
        return new PositionSnapshot(D0, "TST", 1, PositionRole.TRADING, KEY, quantity, 100, 100, 0.3, 0.2, forecastIv,
                5.0, 0.55, 0.03, 20.0, -8.0, false);
    }

    @Test
    void termsFollowTheirDefinitionsAndTheResidualClosesTheIdentity() {
        PositionSnapshot prev = snapshot(-3, 0.23);
        double dt = 1 / 365.0;
        PnlAttribution a = attributor.attribute(prev, D1, 5.9, 101.5, 0.21, dt);
        double size = -300;
        assertEquals(size * 0.9, a.total(), 1e-9);
        assertEquals(size * 0.55 * 1.5, a.delta(), 1e-9);
        assertEquals(0.5 * size * 0.03 * 1.5 * 1.5, a.gamma(), 1e-9);
        assertEquals(size * 20.0 * 0.01, a.vega(), 1e-9);
        assertEquals(size * -8.0 * dt, a.theta(), 1e-9);
        assertEquals(a.total() - a.delta() - a.gamma() - a.vega() - a.theta(), a.residual(), 1e-12);
        assertEquals(size * 20.0 * 0.03, a.forecastPredicted(), 1e-9);
        assertEquals(size * 20.0 * -0.02, a.forecastError(), 1e-9);
        assertTrue(a.identityError() < 1e-15);
        assertTrue(a.forecastIdentityError() < 1e-15);
    }

    @Test
    void withoutAForecastTheWholeVegaTermIsForecastError() {
        PnlAttribution a = attributor.attribute(snapshot(2, Double.NaN), D1, 5.2, 100, 0.205, 1 / 365.0);
        assertEquals(0.0, a.forecastPredicted());
        assertEquals(a.vega(), a.forecastError(), 0.0);
    }

    @Test
    void smallMovesAreExplainedByTheGreeks() {
        // a Black-Scholes book over a small move: the residual is third order, far below the terms
        BlackScholesGreeks bs = new BlackScholesGreeks();
        var c = OptionContract.european(OptionType.CALL, 100, 0.5);
        Greeks g0 = bs.price(c, new PricingInputs(100, 0.02, 0.0, 0.2));
        double dt = 1 / 365.0;
        var c1 = OptionContract.european(OptionType.CALL, 100, 0.5 - dt);
        Greeks g1 = bs.price(c1, new PricingInputs(100.5, 0.02, 0.0, 0.201));
        PositionSnapshot prev = new PositionSnapshot(D0, "TST", 1, PositionRole.TRADING, KEY, 1, 100, 100, 0.5, 0.2,
                Double.NaN, g0.price(), g0.delta(), g0.gamma(), g0.vega(), g0.theta(), false);
        PnlAttribution a = attributor.attribute(prev, D1, g1.price(), 100.5, 0.201, dt);
        assertTrue(Math.abs(a.residual()) < 0.02 * Math.abs(a.total()), "residual " + a.residual() + " of " + a.total());
    }

    @Test
    void theUnderlyingHasOnlyDeltaAndThePortfolioRowSumsPositions() {
        PositionSnapshot stock = new PositionSnapshot(D0, "TST", 0, PositionRole.UNDERLYING, null, -150, 1, 100, 0,
                Double.NaN, Double.NaN, 100, 1, 0, 0, 0, false);
        PnlAttribution u = attributor.attribute(stock, D1, 98, 98, Double.NaN, 1 / 365.0);
        assertEquals(300, u.total(), 1e-12);
        assertEquals(300, u.delta(), 1e-12);
        assertEquals(0, u.residual(), 1e-12);
        PnlAttribution o = attributor.attribute(snapshot(1, 0.22), D1, 4.1, 98, 0.19, 1 / 365.0);
        PnlAttribution p = attributor.portfolio(D1, "TST", List.of(u, o));
        assertEquals(AttributionScope.PORTFOLIO, p.scope());
        assertEquals(u.total() + o.total(), p.total(), 1e-12);
        assertEquals(u.delta() + o.delta(), p.delta(), 1e-12);
        assertEquals(o.forecastError(), p.forecastError(), 1e-12);
        assertTrue(p.identityError() < 1e-15);
    }
}
