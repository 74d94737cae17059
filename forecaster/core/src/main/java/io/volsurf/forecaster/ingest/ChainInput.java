package io.volsurf.forecaster.ingest;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;

/** Opens chain files: gzip by its magic bytes (not by name), and layout detection from the content. */
public final class ChainInput {

    private static final int BUFFER = 1 << 16;
    private static final int HEAD = 1 << 14;

    private ChainInput() {
    }

    /**
     * Opens a file, transparently gunzipping when it starts with the gzip magic {@code 1f 8b}.
     * The stream supports mark/reset.
     */
    public static InputStream open(Path file) {
        try {
            InputStream raw = new BufferedInputStream(Files.newInputStream(file), BUFFER);
            raw.mark(2);
            int b0 = raw.read();
            int b1 = raw.read();
            raw.reset();
            if (b0 == 0x1f && b1 == 0x8b) {
                return new BufferedInputStream(new GZIPInputStream(raw, BUFFER), BUFFER);
            }
            return raw;
        } catch (IOException e) {
            throw new ChainFileException(file, describe(e), e);
        }
    }

    /**
     * Detects the layout from the first bytes; the stream is reset to its start.
     *
     * @throws ChainFileException for an empty file, a corrupt gzip or an unknown layout
     */
    public static ChainFormat detect(Path file, InputStream in) {
        byte[] head = new byte[HEAD];
        int n = 0;
        try {
            in.mark(HEAD + 1);
            int r;
            while (n < HEAD && (r = in.read(head, n, HEAD - n)) > 0) {
                n += r;
            }
            in.reset();
        } catch (IOException e) {
            throw new ChainFileException(file, describe(e), e);
        }
        String text = new String(head, 0, n, StandardCharsets.UTF_8);
        if (text.isBlank()) {
            throw new ChainFileException(file, "empty file");
        }
        ChainFormat f = ChainFormat.detect(text);
        if (f == null) {
            String first = text.strip().lines().findFirst().orElse("");
            if (first.length() > 120) {
                first = first.substring(0, 120) + "...";
            }
            throw new ChainFileException(file, "wrong header: not a known chain layout (generic, us-options, "
                    + "deribit, cboe, optionmetrics); first line '" + first.replaceAll("\\p{Cntrl}", "?") + "'");
        }
        return f;
    }

    /** A one-line description of an I/O failure, naming gzip truncation plainly. */
    static String describe(IOException e) {
        if (e instanceof EOFException) {
            return "truncated file (unexpected end of gzip/zlib input)";
        }
        if (e instanceof ZipException) {
            return "corrupt gzip: " + e.getMessage();
        }
        if (e instanceof java.nio.file.NoSuchFileException) {
            return "no such file";
        }
        return "read error: " + e;
    }
}
