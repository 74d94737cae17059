package io.volsurf.db.model;

import io.volsurf.db.jdbc.CopyRows;
import io.volsurf.db.jdbc.Transactions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.LocalDate;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * Trained models, their evaluations and forecast-vs-realised IV. A model's id is the first 16 hex
 * digits of the SHA-256 of its directory's manifest, so the same files always have the same id,
 * wherever they were trained.
 */
public final class ModelStore implements ModelRegistry {

    private final Transactions tx;

    public ModelStore(DataSource dataSource) {
        this.tx = new Transactions(dataSource);
    }

    /** One canonical cell's forecast against what the next session showed. */
    public record CellError(String ticker, LocalDate asOf, LocalDate forecastFor, double tenorDays,
            double logMoneyness, double forecastIv, double realizedIv) {
    }

    /** The id of the model in {@code modelDir}, from its manifest. */
    public static String modelId(Path modelDir) {
        Path manifest = modelDir.resolve("manifest.json");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(Files.readAllBytes(manifest));
            return HexFormat.of().formatHex(digest).substring(0, 16);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + manifest + ": " + e.getMessage(), e);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Records a trained model (or refreshes its row); returns its id. */
    @Override
    public String register(Path modelDir, String configJson, List<String> tickers, LocalDate trainFrom,
            LocalDate trainTo, String metricsJson) {
        String id = modelId(modelDir);
        tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into models (id, model_dir, config, tickers, "
                    + "train_from, train_to, metrics) values (?, ?, ?::jsonb, ?, ?, ?, ?::jsonb) on conflict (id) do "
                    + "update set model_dir = excluded.model_dir, metrics = excluded.metrics")) {
                ps.setString(1, id);
                ps.setString(2, modelDir.toAbsolutePath().toString());
                ps.setString(3, configJson);
                ps.setArray(4, c.createArrayOf("text", tickers.toArray()));
                ps.setObject(5, trainFrom);
                ps.setObject(6, trainTo);
                ps.setString(7, metricsJson);
                ps.executeUpdate();
            }
            return null;
        });
        return id;
    }

    /** The directory of the most recently registered model, empty when none is registered. */
    public Optional<Path> latestModelDir() {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement(
                    "select model_dir from models order by created_at desc, id limit 1");
                    ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(Path.of(rs.getString(1))) : Optional.<Path>empty();
            }
        });
    }

    /** The id of the model in {@code modelDir}, registering it (from its files) when it is not known yet. */
    @Override
    public String idFor(Path modelDir) {
        String id = modelId(modelDir);
        boolean known = tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("select 1 from models where id = ?")) {
                ps.setString(1, id);
                try (ResultSet rs = ps.executeQuery()) {
                    return rs.next();
                }
            }
        });
        if (!known) {
            register(modelDir, ModelRegistry.configJsonOf(modelDir), List.of(), null, null, "{}");
        }
        return id;
    }

    public long saveEvaluation(String modelId, List<String> tickers, LocalDate from, LocalDate to, String reportJson) {
        return tx.inTransaction(c -> {
            try (PreparedStatement ps = c.prepareStatement("insert into evaluations (model_id, tickers, from_date, "
                    + "to_date, report) values (?, ?, ?, ?, ?::jsonb) returning id")) {
                ps.setString(1, modelId);
                ps.setArray(2, c.createArrayOf("text", tickers.toArray()));
                ps.setObject(3, from);
                ps.setObject(4, to);
                ps.setString(5, reportJson);
                try (ResultSet rs = ps.executeQuery()) {
                    rs.next();
                    return rs.getLong(1);
                }
            }
        });
    }

    /** Stores per-cell errors of an evaluation with COPY. */
    public void saveCellErrors(String modelId, long evaluationId, List<CellError> cells) {
        tx.inTransaction(c -> {
            return CopyRows.copy(c, "forecast_vs_realized (model_id, evaluation_id, kind, ticker, as_of_date, "
                    + "forecast_for, tenor_days, log_moneyness, forecast_iv, realized_iv)", rows -> {
                        for (CellError e : cells) {
                            rows.add(modelId).add(evaluationId).add("cell").add(e.ticker()).add(e.asOf())
                                    .add(e.forecastFor()).add(e.tenorDays()).add(e.logMoneyness()).add(e.forecastIv())
                                    .add(e.realizedIv()).endRow();
                        }
                    });
        });
    }
}
