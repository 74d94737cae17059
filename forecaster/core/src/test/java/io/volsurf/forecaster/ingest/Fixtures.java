package io.volsurf.forecaster.ingest;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPOutputStream;

/** Writes fixture files into a test's temp dir and reads them back through the ingestor. */
final class Fixtures {

    private Fixtures() {
    }

    static Path write(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            Files.writeString(p, content, StandardCharsets.UTF_8);
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Path gzip(Path dir, String name, String content) {
        try {
            Path p = dir.resolve(name);
            Files.createDirectories(p.getParent());
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(p))) {
                out.write(content.getBytes(StandardCharsets.UTF_8));
            }
            return p;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** {@code chains}: the sessions delivered for storing; {@code empty}: those with nothing accepted. */
    record Run(IngestSummary summary, List<SessionChain> chains, List<SessionChain> empty) {

        SessionChain chain(String underlying) {
            return chains.stream().filter(c -> c.underlying().equals(underlying)).findFirst().orElseThrow();
        }

        /** Every reject, of stored and of empty sessions. */
        List<Reject> rejects() {
            return java.util.stream.Stream.concat(chains.stream(), empty.stream())
                    .flatMap(c -> c.rejects().stream()).toList();
        }
    }

    static Run ingest(Path... paths) {
        List<SessionChain> chains = new ArrayList<>();
        List<SessionChain> empty = new ArrayList<>();
        IngestSummary s = new ChainIngestor().ingest(List.of(paths), null, new IngestListener() {
            @Override
            public void onSession(SessionChain chain) {
                chains.add(chain);
            }

            @Override
            public void onEmptySession(SessionChain chain) {
                empty.add(chain);
            }
        });
        return new Run(s, chains, empty);
    }
}
