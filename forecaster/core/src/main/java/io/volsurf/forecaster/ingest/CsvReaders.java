package io.volsurf.forecaster.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/** The header-reading step shared by the CSV layouts. */
final class CsvReaders {

    private CsvReaders() {
    }

    static BufferedReader reader(InputStream in) {
        return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8), 1 << 16);
    }

    static CsvHeader header(Path file, BufferedReader reader) {
        try {
            String line = reader.readLine();
            while (line != null && line.isBlank()) {
                line = reader.readLine();
            }
            if (line == null) {
                throw new ChainFileException(file, "empty file");
            }
            return new CsvHeader(line);
        } catch (IOException e) {
            throw new ChainFileException(file, ChainInput.describe(e), e);
        }
    }
}
