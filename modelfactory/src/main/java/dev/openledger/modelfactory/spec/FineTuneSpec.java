package dev.openledger.modelfactory.spec;

import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.lora.LoraConfig;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A validated fine-tuning job: which base model, which datanet versions, the adapter's shape and
 * how to train it. Produced by {@link SpecValidator}; every field is already checked.
 *
 * @param name the model's name (lower-case letters, digits, {@code . _ -}; at most 64 characters)
 * @param developer the account that trains, owns and registers the model
 * @param baseModel the base model's content hash (see {@code BaseModelHash})
 * @param datanets the datanet versions trained on, in the order given; distinct datanets
 * @param lora adapter rank, alpha, dropout and target modules
 * @param optimization optimiser settings
 * @param seed seeds adapter initialisation, row order, dropout and the evaluation split
 * @param evalFraction fraction of each datanet's rows held out for evaluation, in (0, 0.5]
 * @param projectionDim per-tensor dimension of the gradient store's random projection; 0 stores
 *     full gradients
 */
public record FineTuneSpec(
    String name,
    Address developer,
    Hash baseModel,
    List<DatanetVersionRef> datanets,
    LoraConfig lora,
    Optimization optimization,
    long seed,
    float evalFraction,
    int projectionDim) {

  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  public static final float MAX_EVAL_FRACTION = 0.5f;

  /**
   * The fixed parts of the training recipe; part of the config hash so a recipe change changes the
   * hash.
   */
  public static final String RECIPE =
      "adamw(b1=0.9,b2=0.999,eps=1e-8),clip=1.0,warmup+cosine(min=0.1),bos+text+eos";

  private static final String CONFIG_DOMAIN = "openledger/finetune-config/v1";

  public FineTuneSpec {
    Objects.requireNonNull(developer, "developer");
    Objects.requireNonNull(baseModel, "baseModel");
    Objects.requireNonNull(lora, "lora");
    Objects.requireNonNull(optimization, "optimization");
    if (name == null || !NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad model name: " + name);
    }
    datanets = List.copyOf(datanets);
    if (datanets.isEmpty()) {
      throw new IllegalArgumentException("a fine-tune needs at least one datanet version");
    }
    Set<Hash> ids = new HashSet<>();
    for (DatanetVersionRef d : datanets) {
      if (!ids.add(d.datanetId())) {
        throw new IllegalArgumentException("datanet " + d.datanetId() + " is listed twice");
      }
    }
    if (!(evalFraction > 0 && evalFraction <= MAX_EVAL_FRACTION)) {
      throw new IllegalArgumentException("eval fraction must be in (0, 0.5], got " + evalFraction);
    }
    if (projectionDim < 0) {
      throw new IllegalArgumentException("projection dimension must be >= 0, got " + projectionDim);
    }
  }

  /**
   * SHA-256 of the training configuration: the recipe, LoRA settings, optimiser settings, seed,
   * evaluation fraction and projection, canonically encoded (floats by their bits). Name,
   * developer, base and data are recorded beside it in a model registration, not inside it.
   */
  public Hash configHash() {
    CanonicalWriter w = new CanonicalWriter();
    w.string(CONFIG_DOMAIN).string(RECIPE);
    w.u32(lora.rank())
        .u32(bits(lora.alpha()))
        .u32(bits(lora.dropout()))
        .varint(lora.targets().size());
    lora.targets().forEach(k -> w.string(k.peftName()));
    Optimization o = optimization;
    w.u32(bits(o.learningRate()))
        .u32(o.epochs())
        .u32(o.batchSize())
        .u32(o.gradAccum())
        .u32(o.seqLen())
        .u32(bits(o.warmupRatio()))
        .u32(bits(o.weightDecay()));
    w.i64(seed).u32(bits(evalFraction)).u32(projectionDim);
    return Hash.sha256(w.toByteArray());
  }

  private static long bits(float f) {
    return Integer.toUnsignedLong(Float.floatToIntBits(f));
  }
}
