package io.volsurf.backtest.rest;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.volsurf.backtest.app.VolsurfServerConfig;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The write endpoint's key check: no key configured means every write is refused. */
class ChainRefreshServiceTest {

    @Test
    void withoutAConfiguredKeyEveryWriteIsRefused() {
        ChainRefreshService s = new ChainRefreshService(null, null, config(Optional.empty()));
        UnauthorizedException e = assertThrows(UnauthorizedException.class, () -> s.authorise("anything"));
        assertTrue(e.getMessage().contains("volsurf.api-key"), e.getMessage());
        assertThrows(UnauthorizedException.class, () -> s.authorise(null));
        assertThrows(UnauthorizedException.class, () -> s.authorise(""));
    }

    @Test
    void onlyTheExactKeyIsAccepted() {
        ChainRefreshService s = new ChainRefreshService(null, null, config(Optional.of("s3cret")));
        assertDoesNotThrow(() -> s.authorise("s3cret"));
        assertThrows(UnauthorizedException.class, () -> s.authorise("s3cret "));
        assertThrows(UnauthorizedException.class, () -> s.authorise("S3CRET"));
        assertThrows(UnauthorizedException.class, () -> s.authorise(null));
    }

    private static VolsurfServerConfig config(Optional<String> key) {
        return new VolsurfServerConfig() {
            @Override
            public int forecastCacheSize() {
                return 1;
            }

            @Override
            public int latestCacheSize() {
                return 1;
            }

            @Override
            public boolean warmStart() {
                return false;
            }

            @Override
            public long maxBodySize() {
                return 1 << 20;
            }

            @Override
            public long maxChainSize() {
                return 1 << 20;
            }

            @Override
            public int maxUriLength() {
                return 4096;
            }

            @Override
            public int maxHeaderSize() {
                return 20480;
            }

            @Override
            public Optional<String> apiKey() {
                return key;
            }
        };
    }
}
