package io.volsurf.strategy.portfolio;

import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.result.PositionRole;
import io.volsurf.strategy.result.Trade;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The book of one backtest: option holdings, the underlying, cash, and the open trade ideas with the
 * number of sessions each has been held. Mutable, owned by one event loop; iteration is in contract and
 * trade-id order so runs are deterministic.
 */
public final class Portfolio {
    /** Quantities below this (contracts or units) are treated as flat (rounding of lot arithmetic). */
    private static final double FLAT = 1e-9;

    private final Map<ContractKey, Holding> options = new TreeMap<>();
    private final Map<Long, OpenTrade> openTrades = new TreeMap<>();
    private final Map<Long, Integer> sessionsHeld = new HashMap<>();
    private double underlyingQuantity;
    private double cashUsd;
    private long lastTradeId;

    /** Option holdings in contract order. */
    public List<Holding> options() {
        return new ArrayList<>(options.values());
    }

    public Holding option(ContractKey key) {
        return options.get(key);
    }

    public boolean holds(ContractKey key) {
        return options.containsKey(key);
    }

    public double underlyingQuantity() {
        return underlyingQuantity;
    }

    public double cashUsd() {
        return cashUsd;
    }

    /** Open trade ideas in id order. */
    public List<OpenTrade> openTrades() {
        return new ArrayList<>(openTrades.values());
    }

    /** Sessions a trade has been held (0 on its entry session). */
    public int sessionsHeld(long tradeId) {
        return sessionsHeld.getOrDefault(tradeId, 0);
    }

    /** Counts one more session for every open trade (called once per session before exits). */
    public void ageOpenTrades() {
        for (Long id : openTrades.keySet()) {
            sessionsHeld.merge(id, 1, Integer::sum);
        }
    }

    /** A fresh trade id. */
    public long nextTradeId() {
        return ++lastTradeId;
    }

    public void open(OpenTrade trade) {
        openTrades.put(trade.tradeId(), trade);
        sessionsHeld.put(trade.tradeId(), 0);
    }

    /** Forgets a trade idea once none of its legs is held. */
    public void closeIfFlat(long tradeId) {
        OpenTrade t = openTrades.get(tradeId);
        if (t != null && t.legs().stream().noneMatch(options::containsKey)) {
            openTrades.remove(tradeId);
            sessionsHeld.remove(tradeId);
        }
    }

    /**
     * Books a fill: cash moves by {@link Trade#cashFlowUsd()}, the quantity of the instrument by the trade's.
     *
     * @param expiryInstant the option's expiry (ignored for the underlying)
     */
    public void apply(Trade trade, Instant expiryInstant) {
        cashUsd += trade.cashFlowUsd();
        if (trade.role() == PositionRole.UNDERLYING) {
            underlyingQuantity += trade.quantity();
            if (Math.abs(underlyingQuantity) < FLAT) {
                underlyingQuantity = 0.0;
            }
            return;
        }
        Holding h = options.get(trade.contract());
        double q = (h == null ? 0.0 : h.quantity()) + trade.quantity();
        if (Math.abs(q) < FLAT) {
            options.remove(trade.contract());
        } else {
            options.put(trade.contract(), new Holding(trade.contract(), trade.role(),
                    h == null ? trade.tradeId() : h.tradeId(), q, h == null ? expiryInstant : h.expiryInstant()));
        }
    }

    /** Contracts the trading book holds per expiry (absolute, summed over legs). */
    public Map<LocalDate, Double> tradingContractsByExpiry() {
        Map<LocalDate, Double> out = new TreeMap<>();
        for (Holding h : options.values()) {
            if (h.role() == PositionRole.TRADING) {
                out.merge(h.key().expiry(), Math.abs(h.quantity()), Double::sum);
            }
        }
        return out;
    }
}
