package dev.openledger.node.model;

import com.fasterxml.jackson.databind.JsonNode;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.msg.DatanetVersionRef;
import dev.openledger.ledger.msg.EvalMetric;
import dev.openledger.ledger.msg.RegisterModel;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds a {@link RegisterModel} from a ModelFactory artifact set, after checking the set: {@code
 * manifest.json} (format {@value #MANIFEST_FORMAT}: base model, adapter and config hashes, every
 * file with its SHA-256 and size), {@code spec.json} (the run summary: name, developer, datanet
 * versions with roots, config hash) and {@code evaluation.json} (held-out perplexities per datanet
 * version). The artifacts hash is the SHA-256 of {@code manifest.json}'s bytes.
 */
public final class ArtifactRegistration {
  public static final String MANIFEST_FORMAT = "openledger/modelfactory-artifacts/v1";
  static final String RUN_FORMAT = "openledger/finetune-run/v1";
  static final String EVALUATION_FORMAT = "openledger/evaluation/v1";

  private ArtifactRegistration() {}

  /**
   * The registration of the artifact set in {@code dir} as version {@code version} of its model.
   *
   * @return the message, or {@code artifacts_missing}, {@code artifacts_tampered} or {@code
   *     artifacts_corrupt}
   */
  public static Result<RegisterModel> read(Path dir, int version) throws IOException {
    Path manifestFile = dir.resolve("manifest.json");
    for (String f : List.of("manifest.json", "spec.json", "evaluation.json")) {
      if (!Files.isRegularFile(dir.resolve(f))) {
        return Result.err(
            "artifacts_missing",
            dir + " has no " + f + "; give the directory of a ModelFactory artifact set");
      }
    }
    byte[] manifestBytes = Files.readAllBytes(manifestFile);
    try {
      JsonNode manifest = Json.mapper().readTree(manifestBytes);
      JsonNode run = Json.mapper().readTree(Files.readAllBytes(dir.resolve("spec.json")));
      JsonNode eval = Json.mapper().readTree(Files.readAllBytes(dir.resolve("evaluation.json")));
      Result<Integer> files = checkFiles(dir, manifest);
      if (files instanceof Result.Err<Integer> err) {
        return Result.err(err.code(), err.message());
      }
      return build(manifest, run, eval, Hash.sha256(manifestBytes), version);
    } catch (IOException | IllegalArgumentException | NullPointerException e) {
      return Result.err(
          "artifacts_corrupt",
          "the artifact set in " + dir + " is not readable: " + e.getMessage());
    }
  }

  private static Result<RegisterModel> build(
      JsonNode manifest, JsonNode run, JsonNode eval, Hash artifacts, int version) {
    require(
        MANIFEST_FORMAT.equals(text(manifest, "format")),
        "manifest.json is not " + MANIFEST_FORMAT);
    require(RUN_FORMAT.equals(text(run, "format")), "spec.json is not " + RUN_FORMAT);
    require(
        EVALUATION_FORMAT.equals(text(eval, "format")),
        "evaluation.json is not " + EVALUATION_FORMAT);
    JsonNode spec = run.get("spec");
    Hash base = Hash.fromHex(text(manifest, "baseModel"));
    Hash config = Hash.fromHex(text(manifest, "config"));
    if (!base.equals(Hash.fromHex(text(spec, "baseModel")))
        || !config.equals(Hash.fromHex(text(run, "configHash")))) {
      return Result.err(
          "artifacts_tampered",
          "spec.json and manifest.json name different base models or configurations");
    }
    List<DatanetVersionRef> datanets = new ArrayList<>();
    List<EvalMetric> metrics = new ArrayList<>();
    for (JsonNode d : spec.get("datanets")) {
      DatanetVersionRef ref =
          new DatanetVersionRef(
              Hash.fromHex(text(d, "datanetId")),
              d.get("version").asInt(),
              Hash.fromHex(text(d, "root")));
      datanets.add(ref);
      metrics.add(metric(eval, ref));
    }
    return Result.ok(
        new RegisterModel(
            text(spec, "name"),
            version,
            base,
            Hash.fromHex(text(manifest, "adapter")),
            datanets,
            config,
            metrics,
            Address.parse(text(spec, "developer")),
            artifacts));
  }

  /**
   * The held-out result for {@code ref}, perplexities × 1000 rounded (as ModelFactory's {@code
   * EvalMetric.milli}).
   */
  private static EvalMetric metric(JsonNode eval, DatanetVersionRef ref) {
    for (JsonNode e : eval.get("datanets")) {
      if (ref.datanetId().toHex().equals(text(e, "datanetId"))
          && e.get("version").asInt() == ref.version()) {
        JsonNode s = e.get("scores");
        return new EvalMetric(
            ref.datanetId(),
            ref.version(),
            s.get("tokens").asLong(),
            Math.round(s.get("basePerplexity").asDouble() * 1000),
            Math.round(s.get("adapterPerplexity").asDouble() * 1000));
      }
    }
    throw new IllegalArgumentException(
        "evaluation.json has no result for datanet version " + ref.label());
  }

  /**
   * Every file the manifest lists is present with its size and SHA-256, and nothing else is there;
   * the count of files.
   */
  private static Result<Integer> checkFiles(Path dir, JsonNode manifest) throws IOException {
    List<String> listed = new ArrayList<>();
    for (JsonNode f : manifest.get("files")) {
      String rel = text(f, "path");
      if (rel.startsWith("/") || rel.contains("..")) {
        return Result.err(
            "artifacts_corrupt", "manifest.json lists a path outside the set: " + rel);
      }
      Path p = dir.resolve(rel);
      if (!Files.isRegularFile(p)) {
        return Result.err("artifacts_tampered", rel + " is listed in manifest.json but missing");
      }
      if (Files.size(p) != f.get("bytes").asLong()
          || !sha256(p).toHex().equals(text(f, "sha256"))) {
        return Result.err("artifacts_tampered", rel + " does not match its manifest entry");
      }
      listed.add(rel);
    }
    try (var walk = Files.walk(dir)) {
      for (Path p : walk.filter(Files::isRegularFile).toList()) {
        String rel = dir.relativize(p).toString().replace(java.io.File.separatorChar, '/');
        if (!rel.equals("manifest.json") && !listed.contains(rel)) {
          return Result.err("artifacts_tampered", "unlisted file in the artifact set: " + rel);
        }
      }
    }
    return Result.ok(listed.size());
  }

  private static Hash sha256(Path file) throws IOException {
    MessageDigest md = Hash.newDigest();
    byte[] buf = new byte[1 << 16];
    try (InputStream in = Files.newInputStream(file)) {
      int n;
      while ((n = in.read(buf)) > 0) {
        md.update(buf, 0, n);
      }
    }
    return Hash.of(md);
  }

  private static String text(JsonNode n, String field) {
    JsonNode v = n.get(field);
    if (v == null || !v.isTextual()) {
      throw new IllegalArgumentException("missing text field '" + field + "'");
    }
    return v.asText();
  }

  private static void require(boolean ok, String message) {
    if (!ok) {
      throw new IllegalArgumentException(message);
    }
  }
}
