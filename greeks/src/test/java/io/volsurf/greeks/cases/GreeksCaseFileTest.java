package io.volsurf.greeks.cases;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.PricingCase;
import io.volsurf.greeks.blackscholes.BlackScholesGreeks;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import java.io.IOException;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

class GreeksCaseFileTest {
    private static List<PricingCase> read(String csv) throws IOException {
        return GreeksCaseFile.read(new StringReader(csv), "cases.csv");
    }

    @Test
    void readsCasesInAnyColumnOrderAndPricesThemInOrder() throws IOException {
        List<PricingCase> cases = read("""
                # a comment
                Type,spot,strike,maturity,rate,div,vol,style,note
                call,100,100,1,0.05,0.0,0.2,european,x
                put,100,110,0.5,0.03,0.01,0.25,american,y

                P,50,45,2,0.0,0.0,0.4,,z
                """);
        assertEquals(3, cases.size());
        assertEquals(OptionType.CALL, cases.get(0).contract().type());
        assertEquals(ExerciseStyle.AMERICAN, cases.get(1).contract().style());
        assertEquals(ExerciseStyle.EUROPEAN, cases.get(2).contract().style());
        assertEquals(45.0, cases.get(2).contract().strike());
        try (QuantLibGreeksEngine engine = new QuantLibGreeksEngine()) {
            List<Greeks> out = engine.priceAll(cases);
            assertEquals(3, out.size());
            Greeks bs = new BlackScholesGreeks().price(cases.get(0).contract(), cases.get(0).inputs());
            assertEquals(bs.price(), out.get(0).price(), 1e-12);
            assertTrue(out.get(1).price() >= 10 - 1e-9, "American put at least intrinsic");
            assertEquals(List.of("price", "delta", "gamma", "vega", "theta", "rho"),
                    List.copyOf(GreeksTable.fields(out.get(0)).keySet()));
            assertEquals(6, GreeksTable.csvRow(out.get(0)).split(",").length);
        }
    }

    @Test
    void badRowsNameTheLineAndTheColumn() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> read("spot,strike,maturity,rate,div,vol,type\n100,100,1,0.05,0,-0.2,call\n"));
        assertEquals("cases.csv line 2: vol must be a finite number > 0, got -0.2", e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> read("spot,strike,maturity,rate,div,vol,type\n100,abc,1,0.05,0,0.2,call\n"));
        assertTrue(e.getMessage().contains("line 2: strike must be a number"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> read("spot,strike,maturity,rate,div,vol,type\n100,100,NaN,0.05,0,0.2,call\n"));
        assertTrue(e.getMessage().contains("maturityYears"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> read("spot,strike,maturity,rate,vol,type\n"));
        assertTrue(e.getMessage().contains("'div'"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class,
                () -> read("spot,strike,maturity,rate,div,vol,type\n100,100,1,0.05,0,0.2,straddle\n"));
        assertTrue(e.getMessage().contains("type must be call or put"), e.getMessage());
    }
}
