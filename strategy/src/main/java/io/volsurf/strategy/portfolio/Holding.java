package io.volsurf.strategy.portfolio;

import io.volsurf.strategy.market.ContractKey;
import io.volsurf.strategy.result.PositionRole;
import java.time.Instant;

/**
 * An open option position.
 *
 * @param key           the contract
 * @param role          trading leg or hedge option
 * @param tradeId       trade idea (0 for the hedge option)
 * @param quantity      signed contracts
 * @param expiryInstant when the option expires
 */
public record Holding(ContractKey key, PositionRole role, long tradeId, double quantity, Instant expiryInstant) {
}
