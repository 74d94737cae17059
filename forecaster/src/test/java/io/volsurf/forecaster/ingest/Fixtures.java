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

    record Run(IngestSummary summary, List<SessionChain> chains) {

        SessionChain chain(String underlying) {
            return chains.stream().filter(c -> c.underlying().equals(underlying)).findFirst().orElseThrow();
        }

        List<Reject> rejects() {
            return chains.stream().flatMap(c -> c.rejects().stream()).toList();
        }
    }

    static Run ingest(Path... paths) {
        List<SessionChain> chains = new ArrayList<>();
        IngestSummary s = new ChainIngestor().ingest(List.of(paths), null, chains::add);
        return new Run(s, chains);
    }
}
