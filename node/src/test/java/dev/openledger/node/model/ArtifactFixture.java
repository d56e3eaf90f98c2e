package dev.openledger.node.model;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A ModelFactory artifact set written the way {@code ArtifactStore.commit} and the job executor
 * write one (manifest, run summary, evaluation report and one adapter file), for registering a
 * model in tests without training one.
 */
public final class ArtifactFixture {
  private ArtifactFixture() {}

  /** Writes the set into {@code dir} and returns {@code dir}. */
  public static Path write(
      Path dir, String name, Address developer, Hash datanet, int version, Hash root)
      throws IOException {
    Files.createDirectories(dir.resolve("adapter"));
    byte[] adapter = ("adapter weights of " + name).getBytes(StandardCharsets.UTF_8);
    Files.write(dir.resolve("adapter/adapter_model.safetensors"), adapter);
    Hash base = Hash.sha256("base".getBytes(StandardCharsets.UTF_8));
    Hash config = Hash.sha256("config".getBytes(StandardCharsets.UTF_8));
    String spec =
        """
        {"format":"openledger/finetune-run/v1","spec":{"name":"%s","developer":"%s","baseModel":"%s",
         "datanets":[{"datanetId":"%s","version":%d,"root":"%s"}]},"configHash":"%s","recipe":"r","trainRows":10}
        """
            .formatted(
                name,
                developer,
                base.toHex(),
                datanet.toHex(),
                version,
                root.toHex(),
                config.toHex());
    Files.writeString(dir.resolve("spec.json"), spec);
    String eval =
        """
        {"format":"openledger/evaluation/v1","method":"m","baseModel":"%s","adapter":"%s",
         "datanets":[{"datanetId":"%s","version":%d,"scores":{"rows":3,"tokens":420,"baseLoss":4.1,"adapterLoss":3.9,
           "basePerplexity":60.3403,"adapterPerplexity":49.4024,"perplexityReductionPercent":18.1}}]}
        """
            .formatted(base.toHex(), Hash.sha256(adapter).toHex(), datanet.toHex(), version);
    Files.writeString(dir.resolve("evaluation.json"), eval);
    String manifest =
        """
        {"format":"openledger/modelfactory-artifacts/v1","baseModel":"%s","adapter":"%s","gradientStore":"%s","config":"%s","files":[
          {"path":"adapter/adapter_model.safetensors","sha256":"%s","bytes":%d},
          {"path":"evaluation.json","sha256":"%s","bytes":%d},
          {"path":"spec.json","sha256":"%s","bytes":%d}]}
        """
            .formatted(
                base.toHex(),
                Hash.sha256(adapter).toHex(),
                Hash.ZERO.toHex(),
                config.toHex(),
                Hash.sha256(adapter).toHex(),
                adapter.length,
                sha(dir.resolve("evaluation.json")).toHex(),
                Files.size(dir.resolve("evaluation.json")),
                sha(dir.resolve("spec.json")).toHex(),
                Files.size(dir.resolve("spec.json")));
    Files.writeString(dir.resolve("manifest.json"), manifest);
    return dir;
  }

  private static Hash sha(Path p) throws IOException {
    return Hash.sha256(Files.readAllBytes(p));
  }
}
