package io.volsurf.forecaster.ingest;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;

/**
 * Streams a CSV chain file as sessions: rows are grouped by session date (all underlyings of a date
 * together, so interleaved underlyings are fine) and a date's chains are released when the next date
 * starts. Files must be sorted by date; rows of a date that was already released are rejected as
 * {@link RejectReason#OUT_OF_ORDER} rather than split into a second partial session.
 */
final class CsvChainIterator implements Iterator<SessionChain> {

    /** Parses one data row; throws {@link RowException} for a bad row. */
    @FunctionalInterface
    interface RowParser {
        RawRow parse(String[] cells, long line);
    }

    private record Orphan(long line, RejectReason reason, String detail) {
    }

    private final Path file;
    private final String fileName;
    private final BufferedReader reader;
    private final char delimiter;
    private final RowParser parser;
    private final ChainFormat format;
    private final SpotSource rowSpotSource;
    private final ArrayDeque<SessionChain> ready = new ArrayDeque<>();
    private final Map<String, SessionAssembler> batch = new LinkedHashMap<>();
    private final Set<LocalDate> released = new HashSet<>();
    private final List<Orphan> orphans = new ArrayList<>();
    private LocalDate batchSession;
    private long line = 1;
    private long dataRows;
    private boolean eof;
    private int emitted;

    private final IngestNotes notes;

    CsvChainIterator(Path file, BufferedReader reader, char delimiter, RowParser parser, ChainFormat format,
            SpotSource rowSpotSource, IngestNotes notes) {
        this.notes = notes;
        this.file = file;
        this.fileName = file.toString();
        this.reader = reader;
        this.delimiter = delimiter;
        this.parser = parser;
        this.format = format;
        this.rowSpotSource = rowSpotSource;
    }

    @Override
    public boolean hasNext() {
        while (ready.isEmpty() && !eof) {
            readRow();
        }
        return !ready.isEmpty();
    }

    @Override
    public SessionChain next() {
        if (!hasNext()) {
            throw new NoSuchElementException();
        }
        emitted++;
        return ready.poll();
    }

    private void readRow() {
        String text;
        try {
            text = reader.readLine();
        } catch (IOException e) {
            throw new ChainFileException(file, ChainInput.describe(e) + " at line " + (line + 1), e);
        }
        if (text == null) {
            eof = true;
            release();
            if (emitted == 0 && ready.isEmpty()) {
                if (dataRows == 0) {
                    throw new ChainFileException(file, "no data rows after the header");
                }
                Orphan first = orphans.get(0);
                throw new ChainFileException(file, "no readable row: all " + dataRows + " rows rejected, first at line "
                        + first.line + ": " + first.reason + " " + first.detail);
            }
            return;
        }
        line++;
        if (text.isBlank()) {
            return;
        }
        dataRows++;
        RawRow row;
        try {
            row = parser.parse(CsvLine.split(text, delimiter), line);
        } catch (RowException e) {
            orphan(new Orphan(line, e.reason(), e.getMessage()));
            return;
        }
        if (released.contains(row.session())) {
            orphan(new Orphan(line, RejectReason.OUT_OF_ORDER, row.underlying() + " session " + row.session()
                    + " was already completed earlier in the file (file not sorted by date)"));
            return;
        }
        if (batchSession != null && !batchSession.equals(row.session())) {
            release();
        }
        batchSession = row.session();
        assembler(row).add(row);
    }

    private SessionAssembler assembler(RawRow row) {
        SessionAssembler a = batch.get(row.underlying());
        if (a == null) {
            a = new SessionAssembler(fileName, row.underlying(), row.session(), row.snapshot(), format,
                    row.session(), Double.NaN, rowSpotSource, notes);
            batch.put(row.underlying(), a);
        }
        return a;
    }

    /**
     * A row that belongs to no session being assembled (unreadable session or underlying, or out of
     * order) is recorded with the first chain of the session being assembled when that one is released.
     */
    private void orphan(Orphan o) {
        orphans.add(o);
    }

    private void release() {
        if (batchSession == null) {
            return;
        }
        SessionAssembler first = batch.values().iterator().next();
        for (Orphan o : orphans) {
            first.reject(o.line, o.reason, o.detail);
        }
        orphans.clear();
        for (SessionAssembler a : batch.values()) {
            ready.add(a.finish());
        }
        batch.clear();
        released.add(batchSession);
        batchSession = null;
    }
}
