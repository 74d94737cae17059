package io.volsurf.backtest.report;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.volsurf.backtest.report.ChartViews.Runs;
import io.volsurf.backtest.report.ChartViews.Sessions;
import io.volsurf.backtest.report.ChartViews.TickerInfo;
import io.volsurf.backtest.report.ChartViews.Tickers;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The static report: the served chart page ({@code META-INF/resources/index.html} and {@code volsurf-charts.js},
 * the same files) with the documents of {@code /api/v1/report/...} embedded as JSON under their paths, so it opens
 * from disk with no server and no network. plotly.js is copied beside it ({@code vendor/plotly.min.js}, the path
 * the served page uses); the page script is inlined.
 */
@ApplicationScoped
public class HtmlReportWriter {

    static final String RESOURCES = "META-INF/resources/";
    static final String DATA_MARKER = "<!--volsurf:embedded-data-->";
    static final String SCRIPT_TAG = "<script src=\"volsurf-charts.js\"></script>";
    /** Runs embedded when none are named: the newest, enough to compare strategies without a huge file. */
    static final int DEFAULT_RUNS = 10;

    private final ChartDataService charts;
    private final ObjectMapper json;

    public HtmlReportWriter(ChartDataService charts, ObjectMapper json) {
        this.charts = charts;
        this.json = json;
    }

    /** What was written and what it holds. */
    public record Written(Path html, Path plotly, String ticker, List<LocalDate> dates, List<Long> runs) {
    }

    /**
     * Writes a report into {@code dir}.
     *
     * @param ticker the ticker shown (null: the newest run's, else the first stored)
     * @param date   the session shown (null: the last two stored sessions, opening on the earlier one, whose
     *               forecast can be compared with the next session)
     * @param runs   the runs embedded (empty: the newest {@value #DEFAULT_RUNS})
     */
    public Written write(Path dir, String ticker, LocalDate date, List<Long> runs) {
        Tickers tickers = charts.tickers();
        Runs allRuns = charts.runs();
        List<Map<String, Object>> chosenRuns = new ArrayList<>();
        if (runs.isEmpty()) {
            chosenRuns.addAll(allRuns.runs().subList(0, Math.min(DEFAULT_RUNS, allRuns.runs().size())));
        } else {
            for (long id : runs) {
                chosenRuns.add(charts.run(id).orElseThrow(() -> new IllegalArgumentException("--run " + id
                        + ": no such run (./volsurf report lists them)")).run());
            }
        }
        String t = ticker;
        if (t == null) {
            t = !chosenRuns.isEmpty() ? String.valueOf(chosenRuns.get(0).get("ticker"))
                    : tickers.tickers().isEmpty() ? null : tickers.tickers().get(0).ticker();
        }
        if (t == null) {
            throw new IllegalStateException("no stored surfaces to report: ./volsurf ingest (or ./volsurf demo) first");
        }
        String chosenTicker = t;
        TickerInfo info = tickers.tickers().stream().filter(x -> x.ticker().equals(chosenTicker)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("--ticker " + chosenTicker + ": no stored surfaces "
                        + "(stored: " + tickers.tickers().stream().map(TickerInfo::ticker).toList() + ")"));
        List<LocalDate> stored = charts.sessions(chosenTicker).sessions();
        List<LocalDate> dates;
        LocalDate initial;
        if (date != null) {
            if (!stored.contains(date)) {
                throw new IllegalArgumentException("--date " + date + ": " + chosenTicker + " has no stored session then "
                        + "(" + stored.get(0) + " to " + stored.get(stored.size() - 1) + ")");
            }
            dates = List.of(date);
            initial = date;
        } else {
            dates = stored.subList(Math.max(0, stored.size() - 2), stored.size());
            initial = dates.get(0);
        }

        Map<String, Object> documents = new LinkedHashMap<>();
        documents.put("api/v1/report/tickers", new Tickers(List.of(info), tickers.modelId()));
        documents.put("api/v1/report/sessions/" + chosenTicker, new Sessions(chosenTicker, dates));
        for (LocalDate d : dates) {
            documents.put("api/v1/report/surface/" + chosenTicker + "/" + d, charts.surface(chosenTicker, d));
            documents.put("api/v1/report/smiles/" + chosenTicker + "/" + d, charts.smiles(chosenTicker, d));
        }
        documents.put("api/v1/report/forecast-errors/" + chosenTicker, charts.forecastErrors(chosenTicker, null, 30));
        documents.put("api/v1/report/runs", new Runs(chosenRuns));
        List<Long> runIds = new ArrayList<>();
        for (Map<String, Object> r : chosenRuns) {
            long id = ((Number) r.get("runId")).longValue();
            runIds.add(id);
            documents.put("api/v1/report/runs/" + id, charts.run(id).orElseThrow());
        }
        Map<String, Object> initialView = new LinkedHashMap<>();
        initialView.put("ticker", chosenTicker);
        initialView.put("date", initial.toString());
        Long firstRun = chosenRuns.stream().filter(r -> chosenTicker.equals(r.get("ticker")))
                .map(r -> ((Number) r.get("runId")).longValue()).findFirst()
                .orElse(runIds.isEmpty() ? null : runIds.get(0));
        if (firstRun != null) {
            initialView.put("run", firstRun);
        }
        Map<String, Object> embedded = new LinkedHashMap<>();
        embedded.put("generatedAt", Instant.now().truncatedTo(ChronoUnit.SECONDS).toString());
        embedded.put("initial", initialView);
        embedded.put("documents", documents);

        String name = "volsurf-" + chosenTicker.toLowerCase(Locale.ROOT) + "-" + initial
                + (runs.size() == 1 ? "-run" + runs.get(0) : "") + ".html";
        try {
            Files.createDirectories(dir.resolve("vendor"));
            Path plotly = dir.resolve("vendor/plotly.min.js");
            copyResource("vendor/plotly.min.js", plotly);
            copyResource("vendor/plotly.LICENSE.txt", dir.resolve("vendor/plotly.LICENSE.txt"));
            Path html = dir.resolve(name);
            Files.writeString(html, page(embedded), StandardCharsets.UTF_8);
            return new Written(html, plotly, chosenTicker, dates, runIds);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the report into " + dir + ": " + e.getMessage(), e);
        }
    }

    /** The served page with the data embedded and the page script inlined. */
    String page(Object embedded) {
        String html = resourceText("index.html");
        String script = resourceText("volsurf-charts.js");
        if (!html.contains(DATA_MARKER) || !html.contains(SCRIPT_TAG)) {
            throw new IllegalStateException("index.html lacks " + DATA_MARKER + " or " + SCRIPT_TAG);
        }
        if (script.toLowerCase(Locale.ROOT).contains("</script")) {
            throw new IllegalStateException("volsurf-charts.js must not contain '</script' (it is inlined)");
        }
        String data;
        try {
            // '<' escaped: no "</script>" or "<!--" inside the JSON can end the element early.
            data = json.writeValueAsString(embedded).replace("<", "\\u003c");
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report data as JSON: " + e.getMessage(), e);
        }
        return html.replace(DATA_MARKER, "<script type=\"application/json\" id=\"volsurf-data\">" + data + "</script>")
                .replace(SCRIPT_TAG, "<script>\n" + script + "</script>");
    }

    private static InputStream resource(String name) {
        InputStream in = Thread.currentThread().getContextClassLoader().getResourceAsStream(RESOURCES + name);
        if (in == null) {
            in = HtmlReportWriter.class.getClassLoader().getResourceAsStream(RESOURCES + name);
        }
        if (in == null) {
            throw new IllegalStateException(RESOURCES + name + " is not in this build"
                    + (name.startsWith("vendor/") ? ": the build fetches plotly.js from npm "
                            + "(backtest/src/main/plotly/fetch-plotly.sh; see docs/pictures.md)" : ""));
        }
        return in;
    }

    private static String resourceText(String name) {
        try (InputStream in = resource(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void copyResource(String name, Path to) throws IOException {
        try (InputStream in = resource(name)) {
            Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
        }
    }
}
