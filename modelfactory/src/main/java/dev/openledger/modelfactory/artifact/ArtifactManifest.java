package dev.openledger.modelfactory.artifact;

import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Objects;

/**
 * {@code manifest.json} of an artifact set: the hashes lineage needs, and every file with its hash.
 *
 * @param format {@value #FORMAT}
 * @param baseModel the base model's content hash
 * @param adapter the adapter's PEFT content hash ({@code PeftAdapterDirectory.contentHash})
 * @param gradientStore the gradient store's content hash ({@code GradientStore.contentHash})
 * @param config the training configuration hash ({@code FineTuneSpec.configHash})
 * @param files every other file of the set, sorted by path
 */
public record ArtifactManifest(
    String format,
    Hash baseModel,
    Hash adapter,
    Hash gradientStore,
    Hash config,
    List<ArtifactFile> files) {

  public static final String FORMAT = "openledger/modelfactory-artifacts/v1";
  public static final String FILE = "manifest.json";
  public static final String ADAPTER_DIR = "adapter";
  public static final String SPEC = "spec.json";
  public static final String TRAINING_LOG = "training_log.jsonl";
  public static final String EVALUATION = "evaluation.json";
  public static final String GRADIENTS = "gradients.olgs";

  public ArtifactManifest {
    Objects.requireNonNull(format, "format");
    Objects.requireNonNull(baseModel, "baseModel");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(gradientStore, "gradientStore");
    Objects.requireNonNull(config, "config");
    files = List.copyOf(files);
  }
}
