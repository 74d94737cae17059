package io.volsurf.backtest.rest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The underlying a {@code us-options} JSON body names itself, if any. The reader takes the ticker from the file
 * name ({@code <date>/<TICKER>.json}), which for a posted body is the path's own ticker, so it cannot catch a body
 * of another ticker. The source's files name no ticker (header: prices and volumes; contracts:
 * {@code 2026-06-01_950.00_Call}), but variants do: a header {@code symbol}/{@code ticker}/{@code underlying}
 * field, or OCC-style contract symbols with a root ({@code SPY260601C00950000}, {@code SPY_2026-06-01_950_Call}).
 */
final class UsOptionsUnderlying {

    private static final JsonFactory JSON = new JsonFactory();
    private static final Set<String> HEADER_FIELDS = Set.of("symbol", "ticker", "underlying", "underlyingsymbol",
            "underlying_symbol", "root", "stock", "stocksymbol");
    /** A root of letters (and '.', '/') before a digit-led date part: the OCC and "ROOT_date" forms. */
    private static final Pattern ROOT = Pattern.compile("^([A-Za-z][A-Za-z./]{0,9})[ _-]*\\d");

    private UsOptionsUnderlying() {
    }

    /** The distinct underlyings the body names (upper case, a leading '^' dropped); empty when it names none. */
    static Set<String> declared(Path plainJson) throws IOException {
        Set<String> out = new TreeSet<>();
        try (InputStream in = Files.newInputStream(plainJson); JsonParser p = JSON.createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                return out;
            }
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                JsonToken t = p.nextToken();
                if ("header".equals(field) && t == JsonToken.START_OBJECT) {
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String name = p.currentName().toLowerCase(Locale.ROOT);
                        JsonToken v = p.nextToken();
                        if (v == JsonToken.VALUE_STRING && HEADER_FIELDS.contains(name)) {
                            add(out, p.getText());
                        } else {
                            p.skipChildren();
                        }
                    }
                } else if ("contracts".equals(field) && t == JsonToken.START_ARRAY) {
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        while (p.nextToken() == JsonToken.FIELD_NAME) {
                            String name = p.currentName();
                            JsonToken v = p.nextToken();
                            if (v == JsonToken.VALUE_STRING && (name.equals("callOption") || name.equals("putOption"))) {
                                Matcher m = ROOT.matcher(p.getText());
                                if (m.find()) {
                                    add(out, m.group(1));
                                }
                            } else {
                                p.skipChildren();
                            }
                        }
                    }
                } else {
                    p.skipChildren();
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not readable JSON: the reader's own check reports it with its position.
        }
        return out;
    }

    private static void add(Set<String> out, String raw) {
        String s = raw.trim();
        if (s.startsWith("^")) {
            s = s.substring(1);
        }
        if (!s.isEmpty()) {
            out.add(s.toUpperCase(Locale.ROOT));
        }
    }
}
