package io.volsurf.forecaster.grid;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.model.ForecasterConfig;
import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The user's grid settings: what they build, and every bad value refused naming its key. */
class GridSpecKeysTest {

    private static final GridSpec DEFAULT = GridSpec.defaultSpec();

    @Test
    void settingsBuildTheGridTheyName() {
        GridSpec g = GridSpecKeys.apply(DEFAULT, "7, 30,91", "-0.3,-0.1,0,0.1,0.3", "log");
        assertArrayEquals(new int[] {7, 30, 91}, g.tenorsDays());
        assertArrayEquals(new double[] {-0.3, -0.1, 0, 0.1, 0.3}, g.knots());
        assertEquals(MoneynessScaling.LOG_MONEYNESS, g.scaling());
        // only tenors: the base's knots and scaling stay
        GridSpec t = GridSpecKeys.apply(DEFAULT, "10,20", null, null);
        assertArrayEquals(DEFAULT.knots(), t.knots());
        assertEquals(MoneynessScaling.ATM_STD, t.scaling());
        assertEquals(MoneynessScaling.ATM_STD, GridSpecKeys.scaling("ATM_STD"));
        assertEquals(DEFAULT, GridSpecKeys.apply(DEFAULT, "7,14,30,60,91,182,273", "-2,-1.25,-0.5,0,0.5,1.25,2",
                "atm_std"), "today's grid spelt out is today's grid");
    }

    @Test
    void aNonIncreasingTenorListIsRefused() {
        String m = fails(() -> GridSpecKeys.apply(DEFAULT, "7,30,14", null, null));
        assertTrue(m.startsWith("grid_tenors must be strictly increasing") && m.contains("14 after 30"), m);
        assertTrue(fails(() -> GridSpecKeys.tenors("7,7")).contains("strictly increasing"));
    }

    @Test
    void badValuesNameTheirKey() {
        assertTrue(fails(() -> GridSpecKeys.tenors("7,1.5")).startsWith("grid_tenors must be whole calendar days"));
        assertTrue(fails(() -> GridSpecKeys.tenors("0,7")).startsWith("grid_tenors must be at least 1 day"));
        assertTrue(fails(() -> GridSpecKeys.tenors("")).startsWith("grid_tenors needs at least one value"));
        assertTrue(fails(() -> GridSpecKeys.tenors("7,,14")).startsWith("grid_tenors has an empty entry"));
        assertTrue(fails(() -> GridSpecKeys.knots("-0.1,x")).startsWith("grid_knots must be finite numbers"));
        assertTrue(fails(() -> GridSpecKeys.knots("-0.1,NaN")).startsWith("grid_knots must be finite numbers"));
        assertTrue(fails(() -> GridSpecKeys.knots("0.1,-0.1")).startsWith("grid_knots must be strictly increasing"));
        assertTrue(fails(() -> GridSpecKeys.scaling("cubic")).startsWith("grid_moneyness must be log, atm_std or "
                + "sqrt_t, got 'cubic'"));
        // the default knots are ATM standard deviations: read as log-moneyness they would mean +-200%
        String m = fails(() -> GridSpecKeys.apply(DEFAULT, null, null, "log"));
        assertTrue(m.startsWith("grid_knots is needed with grid_moneyness=log"), m);
    }

    @Test
    void theModelConfigTakesTheGridKeys() {
        Properties p = new Properties();
        p.setProperty("grid_tenors", "7,30");
        p.setProperty("grid-knots", "-0.2,0,0.2");
        p.setProperty("grid_moneyness", "log");
        ForecasterConfig c = ForecasterConfig.fromProperties(p);
        assertEquals(new GridSpec(new int[] {7, 30}, new double[] {-0.2, 0, 0.2}, MoneynessScaling.LOG_MONEYNESS),
                c.gridSpec());
        assertEquals(c.gridSpec(), ForecasterConfig.fromJson(c.toJson()).gridSpec(), "recorded in config.json");
        assertEquals(null, ForecasterConfig.fromProperties(new Properties()).gridSpec(), "none: the stored grid");
        Properties bad = new Properties();
        bad.setProperty("grid_tenors", "30,7");
        assertTrue(fails(() -> ForecasterConfig.fromProperties(bad)).startsWith("grid_tenors"));
    }

    private static String fails(org.junit.jupiter.api.function.Executable e) {
        return assertThrows(IllegalArgumentException.class, e).getMessage();
    }
}
