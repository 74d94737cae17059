package io.volsurf.strategy.hedging;

/**
 * Summed position Greeks of a set of positions ({@code quantity x multiplier x Greek}).
 *
 * @param delta units of underlying
 * @param gamma units of underlying per USD of spot
 * @param vega  USD per unit vol
 * @param theta USD per year
 */
public record BookGreeks(double delta, double gamma, double vega, double theta) {
    public static final BookGreeks ZERO = new BookGreeks(0, 0, 0, 0);

    public BookGreeks plus(double size, io.volsurf.greeks.Greeks g) {
        return new BookGreeks(delta + size * g.delta(), gamma + size * g.gamma(), vega + size * g.vega(),
                theta + size * g.theta());
    }
}
