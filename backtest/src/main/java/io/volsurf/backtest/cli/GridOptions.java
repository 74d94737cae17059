package io.volsurf.backtest.cli;

import io.volsurf.backtest.forecasting.GridRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Option;

/**
 * {@code --set grid_*=...} and {@code --grid-spec FILE} for a command that answers with a trained model
 * ({@code forecast}): the grid it answers on, over the model's own grid.
 */
public final class GridOptions {

    @Option(names = "--set", paramLabel = "KEY=VALUE", description = "Answer on another grid than the model's "
            + "(repeatable): grid_tenors=7,14,30,... (calendar days), grid_knots=-0.2,...,0.2, "
            + "grid_moneyness=log|atm_std; the forecast surface is read at those points.")
    List<String> sets = new ArrayList<>();

    @Option(names = "--grid-spec", paramLabel = "FILE", description = "The grid as JSON: {\"grid_tenors\": [7, 14, 30], "
            + "\"grid_knots\": [-0.2, 0, 0.2], \"grid_moneyness\": \"log\"}; --set wins over it.")
    Path gridSpec;

    GridRequest request() {
        return GridRequest.of(gridSpec, sets);
    }
}
