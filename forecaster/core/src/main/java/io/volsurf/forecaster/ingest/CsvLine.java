package io.volsurf.forecaster.ingest;

import java.util.ArrayList;
import java.util.List;

/** Splits one CSV line (RFC 4180 quoting within a line; no embedded newlines, which no chain layout uses). */
final class CsvLine {

    private CsvLine() {
    }

    static String[] split(String line) {
        return split(line, ',');
    }

    /** The delimiter of a header line: a tab when it has tabs and no commas (IvyDB text files), else a comma. */
    static char delimiterOf(String headerLine) {
        return headerLine.indexOf('\t') >= 0 && headerLine.indexOf(',') < 0 ? '\t' : ',';
    }

    static String[] split(String line, char delim) {
        if (line.indexOf('"') < 0) {
            return fastSplit(line, delim);
        }
        List<String> out = new ArrayList<>();
        StringBuilder cur = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < line.length(); i++) {
            char ch = line.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < line.length() && line.charAt(i + 1) == '"') {
                        cur.append('"');
                        i++;
                    } else {
                        quoted = false;
                    }
                } else {
                    cur.append(ch);
                }
            } else if (ch == '"') {
                quoted = true;
            } else if (ch == delim) {
                out.add(cur.toString());
                cur.setLength(0);
            } else {
                cur.append(ch);
            }
        }
        out.add(cur.toString());
        return out.toArray(new String[0]);
    }

    private static String[] fastSplit(String line, char delim) {
        int n = 1;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delim) {
                n++;
            }
        }
        String[] out = new String[n];
        int start = 0;
        int k = 0;
        for (int i = 0; i < line.length(); i++) {
            if (line.charAt(i) == delim) {
                out[k++] = line.substring(start, i);
                start = i + 1;
            }
        }
        out[k] = line.substring(start);
        return out;
    }
}
