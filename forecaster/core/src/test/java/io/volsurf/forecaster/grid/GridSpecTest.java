package io.volsurf.forecaster.grid;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GridSpecTest {

    @Test
    void firstTenorAtOrAboveBracketsAMaturity() {
        GridSpec spec = GridSpec.defaultSpec(); // 7, 14, 30, 60, 91, 182, 273 days
        assertEquals(0, spec.firstTenorAtOrAbove(1 / 365.0));
        assertEquals(0, spec.firstTenorAtOrAbove(7 / 365.0));
        assertEquals(1, spec.firstTenorAtOrAbove(8 / 365.0));
        assertEquals(6, spec.firstTenorAtOrAbove(273 / 365.0));
        assertEquals(7, spec.firstTenorAtOrAbove(274 / 365.0));
    }
}
