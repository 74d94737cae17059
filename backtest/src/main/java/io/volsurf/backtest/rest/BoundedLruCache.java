package io.volsurf.backtest.rest;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Predicate;

/**
 * A least-recently-used cache of at most {@code capacity} entries, with hit and miss counts. Thread-safe; the
 * lock is held only for the map operation, never while a value is computed.
 */
public final class BoundedLruCache<K, V> {

    private final int capacity;
    private final LinkedHashMap<K, V> map;
    private final LongAdder hits = new LongAdder();
    private final LongAdder misses = new LongAdder();

    public BoundedLruCache(int capacity) {
        if (capacity <= 0) {
            throw new IllegalArgumentException("cache capacity must be > 0, got " + capacity);
        }
        this.capacity = capacity;
        this.map = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, V> eldest) {
                return size() > BoundedLruCache.this.capacity;
            }
        };
    }

    /** The cached value, or null (counted as a miss). */
    public V get(K key) {
        V v;
        synchronized (map) {
            v = map.get(key);
        }
        (v == null ? misses : hits).increment();
        return v;
    }

    public void put(K key, V value) {
        synchronized (map) {
            map.put(key, value);
        }
    }

    public void removeIf(Predicate<K> keyTest) {
        synchronized (map) {
            map.keySet().removeIf(keyTest);
        }
    }

    public int size() {
        synchronized (map) {
            return map.size();
        }
    }

    public long hits() {
        return hits.sum();
    }

    public long misses() {
        return misses.sum();
    }
}
