package io.volsurf.backtest.serving;

import com.github.benmanes.caffeine.cache.AsyncCache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.stats.CacheStats;
import com.github.benmanes.caffeine.cache.stats.ConcurrentStatsCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.cache.CaffeineCacheMetrics;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

/**
 * A bounded cache (Caffeine, size-evicted) that computes each missing key once, on the first caller's thread,
 * while later callers of the same key wait for that result instead of computing it again, and whose invalidation
 * of a ticker wins over computations already running: each ticker has a generation, bumped before its entries are
 * dropped; a computation that started under an older generation still answers its own waiters but is removed from
 * the cache before it completes, so no request after the invalidation is served its (stale) result.
 *
 * @param <K> the key, which names its ticker
 * @param <V> the value
 */
final class ComputingCache<K, V> {

    private final AsyncCache<K, V> cache;
    private final ConcurrentStatsCounter stats = new ConcurrentStatsCounter();
    private final Function<K, String> tickerOf;
    private final ConcurrentHashMap<String, AtomicLong> generations = new ConcurrentHashMap<>();

    /**
     * @param name     the cache's name in the metrics ({@code cache} tag)
     * @param registry where Caffeine's metrics go ({@code cache_gets_total}, {@code cache_size}, ...); null for none
     */
    ComputingCache(String name, long maximumSize, Function<K, String> tickerOf, MeterRegistry registry) {
        if (maximumSize <= 0) {
            throw new IllegalArgumentException("cache size must be > 0, got " + maximumSize);
        }
        this.tickerOf = tickerOf;
        this.cache = Caffeine.newBuilder().maximumSize(maximumSize).recordStats(() -> stats).buildAsync();
        if (registry != null) {
            CaffeineCacheMetrics.monitor(registry, cache, name);
        }
    }

    /** The value of {@code key}, computed by {@code compute} only when no caller has it or is computing it. */
    V get(K key, Function<K, V> compute) {
        CompletableFuture<V> f = cache.getIfPresent(key); // counts the hit or the miss, once per call
        if (f == null) {
            CompletableFuture<V> mine = new CompletableFuture<>();
            f = cache.asMap().putIfAbsent(key, mine);
            if (f == null) {
                f = mine;
                computeInto(key, mine, compute);
            }
        }
        return join(f);
    }

    /**
     * The value when it is computed and cached, else null, without waiting or computing (a hit is counted; a miss
     * is left to the {@link #get} that follows, so it is counted once).
     */
    V peek(K key) {
        CompletableFuture<V> f = cache.asMap().get(key);
        if (f != null && f.isDone() && !f.isCompletedExceptionally()) {
            stats.recordHits(1);
            return f.getNow(null);
        }
        return null;
    }

    /** Drops every entry of {@code ticker}, and the results of its computations still running. */
    void invalidate(String ticker) {
        generation(ticker).incrementAndGet();
        cache.asMap().keySet().removeIf(k -> tickerOf.apply(k).equals(ticker));
    }

    /** Drops the entries {@code test} accepts (a model replaced). */
    void invalidateIf(java.util.function.Predicate<K> test) {
        cache.asMap().keySet().removeIf(test);
    }

    long size() {
        return cache.synchronous().estimatedSize();
    }

    CacheStats stats() {
        return stats.snapshot();
    }

    private void computeInto(K key, CompletableFuture<V> mine, Function<K, V> compute) {
        String ticker = tickerOf.apply(key);
        long generation = generation(ticker).get();
        long start = System.nanoTime();
        V value;
        try {
            value = compute.apply(key);
        } catch (RuntimeException | Error e) {
            stats.recordLoadFailure(System.nanoTime() - start);
            cache.asMap().remove(key, mine);
            mine.completeExceptionally(e);
            return;
        }
        stats.recordLoadSuccess(System.nanoTime() - start);
        if (generation(ticker).get() != generation) {
            // Invalidated while computing: out of the cache before anyone else can see it.
            cache.asMap().remove(key, mine);
        }
        mine.complete(value);
    }

    private AtomicLong generation(String ticker) {
        return generations.computeIfAbsent(ticker, t -> new AtomicLong());
    }

    private static <V> V join(CompletableFuture<V> f) {
        try {
            return f.join();
        } catch (CompletionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof RuntimeException r) {
                throw r;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw e;
        }
    }
}
