package io.volsurf.backtest.rest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/**
 * Spools a posted chain to a plain temporary file in bounded memory: the body is copied with a cap on its size, and
 * a gzip body is inflated to disk with a cap on the inflated size, so a gzip bomb (a few MB inflating to GBs) stops
 * at the cap instead of filling the heap. The readers then see a plain file and never inflate anything themselves.
 */
final class ChainBody {

    /** gzip inside gzip is inflated this many times at most (each layer under the same cap). */
    static final int MAX_GZIP_LAYERS = 2;
    private static final int BUFFER = 1 << 16;

    private ChainBody() {
    }

    /**
     * Writes {@code body} under {@code dir}, inflated when gzipped.
     *
     * @return the plain file, or null when the body was empty
     * @throws RequestTooLargeException over {@code maxBodyBytes} as sent or {@code maxChainBytes} inflated
     * @throws BadParameterException     for a corrupt or truncated gzip body
     */
    static Path spool(InputStream body, Path dir, long maxBodyBytes, long maxChainBytes) throws IOException {
        Path current = dir.resolve("body");
        long sent = copy(body, current, maxBodyBytes, () -> new RequestTooLargeException("the request body is larger "
                + "than " + bytes(maxBodyBytes) + " (volsurf.server.max-body-size): send the chain gzipped or split "
                + "it by session"));
        if (sent == 0) {
            return null;
        }
        for (int layer = 1; gzipped(current); layer++) {
            if (layer > MAX_GZIP_LAYERS) {
                throw new BadParameterException("body", "the body is gzip inside gzip more than " + MAX_GZIP_LAYERS
                        + " deep: send the chain gzipped once");
            }
            Path inflated = dir.resolve("inflated-" + layer);
            try (InputStream in = new GZIPInputStream(Files.newInputStream(current), BUFFER)) {
                copy(in, inflated, maxChainBytes, () -> new RequestTooLargeException("the gzip body inflates to "
                        + "more than " + bytes(maxChainBytes) + " (volsurf.server.max-chain-size): split the chain "
                        + "by session or raise the limit"));
            } catch (EOFException e) {
                throw new BadParameterException("body", "the chain cannot be read: truncated gzip (unexpected end "
                        + "of input)");
            } catch (ZipException e) {
                throw new BadParameterException("body", "the chain cannot be read: corrupt gzip (" + e.getMessage()
                        + ")");
            }
            Files.delete(current);
            current = inflated;
        }
        if (Files.size(current) > maxChainBytes) {
            throw new RequestTooLargeException("the chain is larger than " + bytes(maxChainBytes)
                    + " (volsurf.server.max-chain-size)");
        }
        return current;
    }

    /** Copies at most {@code limit} bytes; one more is the caller's exception (the file is left for the cleanup). */
    private static long copy(InputStream in, Path to, long limit,
            java.util.function.Supplier<RequestTooLargeException> tooLarge) throws IOException {
        byte[] buf = new byte[BUFFER];
        long total = 0;
        try (OutputStream out = Files.newOutputStream(to)) {
            int n;
            while ((n = in.read(buf)) > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge.get();
                }
                out.write(buf, 0, n);
            }
        }
        return total;
    }

    private static boolean gzipped(Path file) throws IOException {
        try (InputStream in = new BufferedInputStream(Files.newInputStream(file), 2)) {
            return in.read() == 0x1f && in.read() == 0x8b;
        }
    }

    static String bytes(long n) {
        if (n % (1L << 20) == 0) {
            return (n >> 20) + " MiB";
        }
        if (n % (1L << 10) == 0) {
            return (n >> 10) + " KiB";
        }
        return n + " bytes";
    }
}
