package io.volsurf.backtest.cli;

import io.volsurf.forecaster.market.OptionType;
import io.volsurf.greeks.ExerciseStyle;
import io.volsurf.greeks.Greeks;
import io.volsurf.greeks.OptionContract;
import io.volsurf.greeks.PricingCase;
import io.volsurf.greeks.PricingInputs;
import io.volsurf.greeks.cases.GreeksCaseFile;
import io.volsurf.greeks.cases.GreeksTable;
import io.volsurf.greeks.quantlib.AmericanEngine;
import io.volsurf.greeks.quantlib.QuantLibEngineConfig;
import io.volsurf.greeks.quantlib.QuantLibGreeksEngine;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ./volsurf greeks}: price and Greeks through the QuantLib GreeksEngine, one case or a CSV batch. */
@Command(name = "greeks", mixinStandardHelpOptions = true,
        description = "Price and Greeks (QuantLib conventions: vega per unit vol, theta per year, rho per unit rate, "
                + "maturity in years ACT/365F) of one option, or of every row of --input CASES.csv "
                + "(columns spot,strike,maturity,rate,div,vol,type,style).",
        footer = {"", "Examples:",
            "  ./volsurf greeks --spot 100 --strike 105 --maturity 0.5 --rate 0.04 --div 0.01 --vol 0.25 --type put --style american",
            "  ./volsurf greeks --input cases.csv --json"})
public final class GreeksCommand implements Runnable {

    @Mixin
    CommonOptions common;

    @Option(names = "--input", paramLabel = "CASES.csv", description = "Batch: one case per CSV row; one output row (or JSON line) per case, in order.")
    Path input;

    @Option(names = "--spot", description = "Underlying price.") Double spot;
    @Option(names = "--strike", description = "Strike price.") Double strike;
    @Option(names = "--maturity", description = "Time to expiry in years (ACT/365F).") Double maturity;
    @Option(names = "--rate", defaultValue = "0", description = "Risk-free rate, continuous, decimal (default ${DEFAULT-VALUE}).") double rate;
    @Option(names = "--div", defaultValue = "0", description = "Dividend yield, continuous, decimal (default ${DEFAULT-VALUE}).") double div;
    @Option(names = "--vol", description = "Black volatility, decimal (0.2 = 20%).") Double vol;
    @Option(names = "--type", paramLabel = "call|put", description = "call or put.") String type;
    @Option(names = "--style", paramLabel = "european|american", defaultValue = "european", description = "Exercise style (default ${DEFAULT-VALUE}).") String style;
    @Option(names = "--american-engine", paramLabel = "fd|baw|bjerksund|java_baw", defaultValue = "fd",
            description = "American engine: fd (accurate, default), baw or bjerksund (QuantLib, fast; Greeks by "
                    + "bumping), java_baw (the same BAW in plain Java, analytic Greeks).") String americanEngine;

    @Override
    public void run() {
        Output out = new Output(common.json);
        AmericanEngine choice = AmericanEngine.parse(americanEngine);
        List<PricingCase> cases = input != null ? readCases(input) : List.of(singleCase());
        List<Greeks> results;
        if (!choice.quantLib()) {
            // European cases are Black-Scholes in closed form there too
            results = new io.volsurf.greeks.baw.BaroneAdesiWhaleyGreeks().priceAll(cases);
        } else {
            try (QuantLibGreeksEngine engine = new QuantLibGreeksEngine(QuantLibEngineConfig.of(choice))) {
                results = engine.priceAll(cases);
            }
        }
        if (input != null) {
            if (out.json()) {
                results.forEach(g -> out.jsonLine(GreeksTable.fields(g)));
            } else {
                out.line(GreeksTable.CSV_HEADER);
                results.forEach(g -> out.line(GreeksTable.csvRow(g)));
            }
            return;
        }
        Greeks g = results.get(0);
        out.document(GreeksTable.fields(g));
        GreeksTable.fields(g).forEach((k, v) -> out.linef("%-6s %.10g", k, v));
    }

    private PricingCase singleCase() {
        require(spot, "--spot");
        require(strike, "--strike");
        require(maturity, "--maturity");
        require(vol, "--vol");
        if (type == null) {
            throw new IllegalArgumentException("--type is required (call or put), or give --input CASES.csv");
        }
        return new PricingCase(
                new OptionContract(OptionType.parse(type, "--type"), ExerciseStyle.parse(style, "--style"), strike, maturity),
                new PricingInputs(spot, rate, div, vol));
    }

    private static void require(Double value, String name) {
        if (value == null) {
            throw new IllegalArgumentException(name + " is required, or give --input CASES.csv");
        }
    }

    private static List<PricingCase> readCases(Path file) {
        try {
            return GreeksCaseFile.read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + file + ": " + e.getMessage(), e);
        }
    }
}
