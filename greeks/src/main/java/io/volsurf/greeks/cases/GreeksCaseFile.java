package io.volsurf.greeks.cases;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingCase;
import io.volsurf.greeks.PricingInputs;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code greeks --input CASES.csv} format: a header naming the columns
 * {@code spot,strike,maturity,rate,div,vol,type,style} (any order, case-insensitive; {@code style}
 * optional, default european; extra columns ignored), then one case per line. Maturity in years
 * ACT/365F, rate/div/vol as decimals. Blank lines and lines starting with # are skipped.
 * Any bad value fails with the line number and the column name.
 */
public final class GreeksCaseFile {
    static final List<String> REQUIRED = List.of("spot", "strike", "maturity", "rate", "div", "vol", "type");

    private GreeksCaseFile() {
    }

    public static List<PricingCase> read(Path file) throws IOException {
        try (BufferedReader r = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            return read(r, file.toString());
        }
    }

    public static List<PricingCase> read(Reader reader, String sourceName) throws IOException {
        BufferedReader r = reader instanceof BufferedReader b ? b : new BufferedReader(reader);
        Map<String, Integer> columns = null;
        List<PricingCase> cases = new ArrayList<>();
        String line;
        int lineNo = 0;
        while ((line = r.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            String[] cells = trimmed.split(",", -1);
            if (columns == null) {
                columns = header(cells, sourceName);
                continue;
            }
            cases.add(parse(cells, columns, sourceName + " line " + lineNo));
        }
        if (columns == null) {
            throw new IllegalArgumentException(sourceName + ": empty, expected a header "
                    + String.join(",", REQUIRED) + ",style");
        }
        return cases;
    }

    private static Map<String, Integer> header(String[] cells, String sourceName) {
        Map<String, Integer> columns = new HashMap<>();
        for (int i = 0; i < cells.length; i++) {
            columns.put(cells[i].strip().toLowerCase(Locale.ROOT), i);
        }
        for (String required : REQUIRED) {
            if (!columns.containsKey(required)) {
                throw new IllegalArgumentException(sourceName + ": header lacks column '" + required + "' (need "
                        + String.join(",", REQUIRED) + "[,style])");
            }
        }
        return columns;
    }

    private static PricingCase parse(String[] cells, Map<String, Integer> columns, String where) {
        try {
            double spot = number(cells, columns, "spot");
            double strike = number(cells, columns, "strike");
            double maturity = number(cells, columns, "maturity");
            double rate = number(cells, columns, "rate");
            double div = number(cells, columns, "div");
            double vol = number(cells, columns, "vol");
            OptionType type = OptionType.parse(text(cells, columns, "type"), "type");
            ExerciseStyle style = columns.containsKey("style") && !text(cells, columns, "style").isBlank()
                    ? ExerciseStyle.parse(text(cells, columns, "style"), "style") : ExerciseStyle.EUROPEAN;
            return new PricingCase(new OptionContract(type, style, strike, maturity),
                    new PricingInputs(spot, rate, div, vol));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + ": " + e.getMessage(), e);
        }
    }

    private static String text(String[] cells, Map<String, Integer> columns, String name) {
        int i = columns.get(name);
        if (i >= cells.length) {
            throw new IllegalArgumentException(name + " is missing");
        }
        return cells[i].strip();
    }

    private static double number(String[] cells, Map<String, Integer> columns, String name) {
        String t = text(cells, columns, name);
        try {
            return Double.parseDouble(t);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be a number, got '" + t + "'");
        }
    }
}
