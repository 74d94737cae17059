package io.volsurf.forecaster.model;

import ai.djl.Device;
import ai.djl.MalformedModelException;
import ai.djl.Model;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.volsurf.forecaster.baseline.LinearForecaster;
import io.volsurf.forecaster.grid.GridSpec;
import io.volsurf.forecaster.sample.NormalizationStats;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * A trained model on disk: {@code parameters.bin} (the network), {@code config.json} (with the grid the model was
 * trained on, {@code gridSpec}; a config without one is the default grid), {@code normalization.json}
 * (per-ticker statistics), {@code training.json} (data range, losses), {@code linear.json} (the ridge residual base's
 * coefficients and standardisation, only for {@code residual_base=linear}) and {@code manifest.json} with the format
 * and the SHA-256 of every file. Loading checks every checksum first: a damaged, truncated or foreign file is a
 * {@link ModelLoadException} naming it, never a half-loaded model.
 */
public final class ModelDirectory {

    /** Format tag in the manifest. */
    public static final String FORMAT = "volsurf-forecaster/2";

    /** Format 1: the SVI head moved m in raw log-moneyness ({@link SviConstraint} since format 2: in sigmas). */
    private static final String FORMAT_1 = "volsurf-forecaster/1";
    static final String PARAMETERS = "parameters.bin";
    static final String CONFIG = "config.json";
    static final String NORMALIZATION = "normalization.json";
    static final String TRAINING = "training.json";
    static final String MANIFEST = "manifest.json";
    static final String LINEAR = "linear.json";
    private static final List<String> FILES = List.of(PARAMETERS, CONFIG, NORMALIZATION, TRAINING);

    /** What {@code linear.json} holds: the ridge residual base, enough to rebuild its forecasts exactly. */
    record LinearBaseFile(double[][] betaByTenor, NormalizationStats stats, int featureCount, Double lambda) {
    }

    private final ObjectMapper json = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    public void save(TransformerForecaster forecaster, Path dir) throws IOException {
        Files.createDirectories(dir);
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            forecaster.net().saveParameters(out);
        }
        Files.write(dir.resolve(PARAMETERS), bytes.toByteArray());
        Files.writeString(dir.resolve(CONFIG), forecaster.config().toJson());
        Files.writeString(dir.resolve(NORMALIZATION), json.writeValueAsString(forecaster.stats()));
        Files.writeString(dir.resolve(TRAINING), json.writeValueAsString(forecaster.summary()));
        List<String> files = new java.util.ArrayList<>(FILES);
        LinearForecaster linear = forecaster.linearBase();
        if (linear != null) {
            Files.writeString(dir.resolve(LINEAR), json.writeValueAsString(
                    new LinearBaseFile(linear.betaByTenor(), linear.stats(), linear.featureCount(),
                            Double.isNaN(linear.lambda()) ? null : linear.lambda())));
            files.add(LINEAR);
        } else {
            Files.deleteIfExists(dir.resolve(LINEAR));
        }
        ObjectNode manifest = json.createObjectNode();
        manifest.put("format", FORMAT);
        ObjectNode sums = manifest.putObject("sha256");
        for (String f : files) {
            sums.put(f, sha256(Files.readAllBytes(dir.resolve(f))));
        }
        Files.writeString(dir.resolve(MANIFEST), json.writeValueAsString(manifest));
    }

    public TransformerForecaster load(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("model directory " + dir + " does not exist");
        }
        Path manifestFile = dir.resolve(MANIFEST);
        if (!Files.isRegularFile(manifestFile)) {
            throw new ModelLoadException(dir + " is not a volsurf model directory: " + MANIFEST + " is missing");
        }
        JsonNode manifest;
        try {
            manifest = json.readTree(Files.readString(manifestFile));
        } catch (IOException e) {
            throw new ModelLoadException(manifestFile + " is damaged: " + e.getMessage(), e);
        }
        if (manifest != null && FORMAT_1.equals(manifest.path("format").asText())) {
            throw new ModelLoadException(manifestFile + ": format " + FORMAT_1 + " was written by an earlier volsurf "
                    + "whose SVI head read its m output differently; retrain it with ./volsurf train");
        }
        if (manifest == null || !FORMAT.equals(manifest.path("format").asText())) {
            throw new ModelLoadException(manifestFile + ": format '" + (manifest == null ? null
                    : manifest.path("format").asText()) + "' is not " + FORMAT);
        }
        JsonNode sums = manifest.path("sha256");
        List<String> files = new java.util.ArrayList<>(FILES);
        if (sums.has(LINEAR)) {
            files.add(LINEAR);
        }
        for (String f : files) {
            Path file = dir.resolve(f);
            if (!Files.isRegularFile(file)) {
                throw new ModelLoadException("model file " + file + " is missing");
            }
            String expected = sums.path(f).asText("");
            String actual;
            try {
                actual = sha256(Files.readAllBytes(file));
            } catch (IOException e) {
                throw new ModelLoadException("model file " + file + " cannot be read: " + e.getMessage(), e);
            }
            if (!actual.equals(expected)) {
                throw new ModelLoadException("model file " + file + " fails its SHA-256 check (damaged or not from "
                        + "this model): expected " + expected + ", found " + actual);
            }
        }
        for (Iterator<Map.Entry<String, JsonNode>> it = sums.properties().iterator(); it.hasNext();) {
            String name = it.next().getKey();
            if (!files.contains(name)) {
                throw new ModelLoadException(manifestFile + " lists an unknown file " + name);
            }
        }
        try {
            ForecasterConfig config = ForecasterConfig.fromJson(Files.readString(dir.resolve(CONFIG)));
            NormalizationStats stats = json.readValue(Files.readString(dir.resolve(NORMALIZATION)),
                    NormalizationStats.class);
            TrainingSummary summary = json.readValue(Files.readString(dir.resolve(TRAINING)), TrainingSummary.class);
            if (config.gridSpec() == null) {
                // written before models recorded their grid: every one of them was trained on the default grid
                config = config.withGridSpec(GridSpec.defaultSpec());
            }
            GridSpec spec = config.gridSpec();
            LinearForecaster linear = null;
            if (config.residualBase() == ResidualBase.LINEAR) {
                if (!files.contains(LINEAR)) {
                    throw new ModelLoadException("model directory " + dir + ": residual_base=linear but " + LINEAR
                            + " is missing from " + MANIFEST);
                }
                LinearBaseFile lf = json.readValue(Files.readString(dir.resolve(LINEAR)), LinearBaseFile.class);
                if (lf.betaByTenor() == null || lf.stats() == null || lf.betaByTenor().length != spec.tenorCount()) {
                    throw new ModelLoadException(dir.resolve(LINEAR) + " does not match the grid of " + CONFIG);
                }
                linear = new LinearForecaster(lf.betaByTenor(), lf.stats(), lf.featureCount(),
                        lf.lambda() == null ? Double.NaN : lf.lambda());
            }
            int features = Math.max(1, (config.uses("gap") ? 1 : 0) + config.sessionFeatures().size());
            Model model = Model.newInstance("volsurf-forecaster", Device.cpu(), "PyTorch");
            try {
                SurfaceForecastNet net = new SurfaceForecastNet(config, spec.tenorCount(), spec.knotCount(), features);
                model.setBlock(net);
                byte[] parameters = Files.readAllBytes(dir.resolve(PARAMETERS));
                try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(parameters))) {
                    net.loadParameters(model.getNDManager(), in);
                }
                return new TransformerForecaster(model, net, config, stats, summary, linear);
            } catch (IOException | MalformedModelException | RuntimeException e) {
                model.close();
                throw new ModelLoadException(dir.resolve(PARAMETERS) + " does not match the saved config: "
                        + e.getMessage(), e);
            }
        } catch (IOException | IllegalArgumentException e) {
            throw new ModelLoadException("model directory " + dir + " is damaged: " + e.getMessage(), e);
        }
    }

    static String sha256(byte[] data) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 unavailable", e);
        }
    }
}
