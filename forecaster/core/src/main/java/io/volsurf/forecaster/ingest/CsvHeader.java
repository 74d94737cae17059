package io.volsurf.forecaster.ingest;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** A CSV header: column name (lower case, trimmed) to index; names are matched case-insensitively. */
final class CsvHeader {

    private final Map<String, Integer> index = new HashMap<>();
    private final String line;
    private final char delimiter;

    CsvHeader(String headerLine) {
        String l = headerLine.startsWith("\uFEFF") ? headerLine.substring(1) : headerLine;
        this.line = l;
        this.delimiter = CsvLine.delimiterOf(l);
        String[] cols = CsvLine.split(l, delimiter);
        for (int i = 0; i < cols.length; i++) {
            index.putIfAbsent(cols[i].trim().toLowerCase(Locale.ROOT), i);
        }
    }

    char delimiter() {
        return delimiter;
    }

    /** Index of the first of {@code names} present, or -1. */
    int index(String... names) {
        for (String n : names) {
            Integer i = index.get(n);
            if (i != null) {
                return i;
            }
        }
        return -1;
    }

    /** Throws a {@link ChainFileException} naming the missing columns. */
    void require(Path file, Iterable<String> names) {
        List<String> missing = new ArrayList<>();
        for (String n : names) {
            if (!index.containsKey(n)) {
                missing.add(n);
            }
        }
        if (!missing.isEmpty()) {
            String shown = line.length() > 200 ? line.substring(0, 200) + "..." : line;
            throw new ChainFileException(file, "wrong header: missing column(s) " + missing + " in '" + shown + "'");
        }
    }

    /** The cell at {@code i}, or "" when the row is short or the column is absent ({@code i < 0}). */
    static String cell(String[] cells, int i) {
        return i >= 0 && i < cells.length ? cells[i] : "";
    }
}
