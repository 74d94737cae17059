package io.volsurf.forecaster.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Properties;
import org.junit.jupiter.api.Test;

/** The model config's properties form: integers are integers, and a bad value names its key. */
class ForecasterConfigPropertiesTest {

    private static ForecasterConfig with(String key, String value) {
        Properties p = new Properties();
        p.setProperty(key, value);
        return ForecasterConfig.fromProperties(p);
    }

    @Test
    void aLargeSeedKeepsEveryBit() {
        // 2^53 + 1 is the first integer a double cannot hold: read through a double it became 2^53
        assertEquals(9_007_199_254_740_993L, with("seed", "9007199254740993").seed());
        assertEquals(Long.MAX_VALUE, with("seed", String.valueOf(Long.MAX_VALUE)).seed());
        assertEquals(-7L, with("seed", "-7").seed());
    }

    @Test
    void aNonIntegerSeedIsAnErrorNamingTheKey() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> with("seed", "1.7"));
        assertTrue(e.getMessage().contains("seed") && e.getMessage().contains("1.7"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> with("seed", "1e3"));
    }
}
