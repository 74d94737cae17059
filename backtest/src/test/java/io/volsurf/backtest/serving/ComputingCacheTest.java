package io.volsurf.backtest.serving;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** The forecast cache's two guarantees, with computations held on latches so the races are certain, not likely. */
class ComputingCacheTest {

    record Key(String ticker, int day) {
    }

    @Test
    void concurrentMissesOnOneKeyRunOneComputation() throws Exception {
        ComputingCache<Key, String> cache = new ComputingCache<>("t", 16, Key::ticker, null);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        int callers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(callers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < callers; i++) {
                answers.add(pool.submit(() -> cache.get(new Key("SPY", 1), k -> {
                    computations.incrementAndGet();
                    started.countDown();
                    await(release);
                    return "forecast-" + computations.get();
                })));
            }
            assertTrue(started.await(10, TimeUnit.SECONDS));
            Thread.sleep(200); // every caller has reached the cache by now; none may start a second computation
            release.countDown();
            for (Future<String> a : answers) {
                assertEquals("forecast-1", a.get(10, TimeUnit.SECONDS));
            }
            assertEquals(1, computations.get());
            assertEquals("forecast-1", cache.peek(new Key("SPY", 1)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anInvalidationDuringAComputationWinsOverItsStaleResult() throws Exception {
        ComputingCache<Key, String> cache = new ComputingCache<>("t", 16, Key::ticker, null);
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> stale = pool.submit(() -> cache.get(new Key("SPY", 1), k -> {
                computing.countDown();
                await(release); // reads the sessions before the replace ...
                return "stale";
            }));
            assertTrue(computing.await(10, TimeUnit.SECONDS));
            cache.invalidate("SPY"); // ... which is committed and invalidated here
            release.countDown();
            assertEquals("stale", stale.get(10, TimeUnit.SECONDS), "the request that started it still gets an answer");
            assertNull(cache.peek(new Key("SPY", 1)), "but the stale result is not in the cache");
            assertEquals("fresh", cache.get(new Key("SPY", 1), k -> "fresh"));
            assertEquals("fresh", cache.peek(new Key("SPY", 1)));
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aCallerArrivingAfterTheInvalidationDoesNotWaitForTheStaleComputation() throws Exception {
        ComputingCache<Key, String> cache = new ComputingCache<>("t", 16, Key::ticker, null);
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<String> stale = pool.submit(() -> cache.get(new Key("SPY", 1), k -> {
                computing.countDown();
                await(release);
                return "stale";
            }));
            assertTrue(computing.await(10, TimeUnit.SECONDS));
            cache.invalidate("SPY");
            assertEquals("fresh", cache.get(new Key("SPY", 1), k -> "fresh"));
            release.countDown();
            assertEquals("stale", stale.get(10, TimeUnit.SECONDS));
            assertEquals("fresh", cache.peek(new Key("SPY", 1)), "the stale completion must not replace the fresh one");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void otherTickersSurviveAnInvalidationAndFailuresAreNotCached() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        ComputingCache<Key, String> cache = new ComputingCache<>("forecast", 16, Key::ticker, registry);
        String qqq = cache.get(new Key("QQQ", 1), k -> "qqq");
        cache.get(new Key("SPY", 1), k -> "spy");
        cache.invalidate("SPY");
        assertSame(qqq, cache.peek(new Key("QQQ", 1)));
        assertNull(cache.peek(new Key("SPY", 1)));
        AtomicInteger attempts = new AtomicInteger();
        for (int i = 0; i < 2; i++) {
            assertThrows(IllegalStateException.class, () -> cache.get(new Key("IWM", 1), k -> {
                attempts.incrementAndGet();
                throw new IllegalStateException("database gone");
            }));
        }
        assertEquals(2, attempts.get(), "a failure is retried by the next caller, not served from the cache");
        assertTrue(registry.find("cache.gets").tag("cache", "forecast").tag("result", "miss").functionCounter()
                .count() >= 3, "Caffeine's metrics are bound");
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new IllegalStateException("latch timed out");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
