package io.volsurf.forecaster.ingest;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Expands the paths given to ingest: a file is itself; a folder is every regular file below it,
 * in date order (the last {@code yyyy-mm-dd} in the path, then the path). Below a folder, hidden
 * files, {@code *.md} notes and {@code *.truth.csv} (the synthetic generator's answer key) are not
 * chain files and are skipped; a file named explicitly is always read.
 */
public final class ChainFiles {

    private static final Pattern DATE = Pattern.compile("(\\d{4}-\\d{2}-\\d{2})");

    private ChainFiles() {
    }

    /**
     * The chain files to read and the files skipped.
     *
     * @param files   chain files in reading order; a path that does not exist is kept (reading it
     *                fails with "no such file", reported like any other failed file)
     * @param skipped files below a folder that are not chain files
     */
    public record Expansion(List<Path> files, List<Path> skipped) {
    }

    /** Expands files and folders into chain files. */
    public static Expansion expand(List<Path> paths) {
        List<Path> out = new ArrayList<>();
        List<Path> skipped = new ArrayList<>();
        for (Path p : paths) {
            if (!Files.isDirectory(p)) {
                out.add(p);
                continue;
            }
            List<Path> below;
            try (Stream<Path> walk = Files.walk(p)) {
                below = walk.filter(Files::isRegularFile)
                        .sorted(Comparator.comparing(ChainFiles::dateOf).thenComparing(Path::toString)).toList();
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list " + p, e);
            }
            for (Path f : below) {
                (isSkipped(p, f) ? skipped : out).add(f);
            }
        }
        return new Expansion(out, skipped);
    }

    /** True for files below a folder that are not chain files. */
    static boolean isSkipped(Path root, Path f) {
        for (Path part : root.relativize(f)) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        return name.endsWith(".md") || name.endsWith(".truth.csv") || name.endsWith(".truth.csv.gz");
    }

    /** The last ISO date in the path, or {@link LocalDate#MIN}. */
    static LocalDate dateOf(Path f) {
        Matcher m = DATE.matcher(f.toString());
        LocalDate d = LocalDate.MIN;
        while (m.find()) {
            try {
                d = LocalDate.parse(m.group(1));
            } catch (java.time.format.DateTimeParseException e) {
                // not a date after all
            }
        }
        return d;
    }
}
