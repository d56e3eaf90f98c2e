package dev.openledger.modelfactory.spec;

import dev.openledger.core.crypto.Address;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * A fine-tuning request as a user gives it (CLI options, an HTTP body): unparsed references and
 * unchecked numbers. {@link SpecValidator} checks all of it and either refuses it with every
 * problem found or turns it into a {@link FineTuneSpec}. {@link #builder} fills in the defaults.
 *
 * @param name the model's name
 * @param developer the account that trains and will register the model
 * @param base a base model directory, or a base model content hash (64 hex digits)
 * @param datanets {@code ID} (latest version) or {@code ID@VERSION}, ids in hex
 * @param lora adapter settings
 * @param training optimiser and data settings
 */
public record FineTuneRequest(
    String name,
    Address developer,
    String base,
    List<String> datanets,
    LoraRequest lora,
    TrainingRequest training) {

  public FineTuneRequest {
    Objects.requireNonNull(lora, "lora");
    Objects.requireNonNull(training, "training");
    datanets = datanets == null ? List.of() : List.copyOf(datanets);
  }

  /**
   * Adapter settings (PEFT's names).
   *
   * @param rank r
   * @param alpha lora_alpha
   * @param dropout lora_dropout
   * @param targets target modules: {@code q,k,v,o,gate,up,down} or PEFT's {@code q_proj}…
   */
  public record LoraRequest(int rank, float alpha, float dropout, List<String> targets) {
    public LoraRequest {
      targets = targets == null ? List.of() : List.copyOf(targets);
    }
  }

  /**
   * Optimiser and data settings; see {@link Optimization} for their meaning.
   *
   * @param seed seeds initialisation, order, dropout and the evaluation split
   * @param evalFraction fraction of each datanet's rows held out
   * @param projectionDim gradient-store projection per tensor (0: none)
   */
  public record TrainingRequest(
      float learningRate,
      int epochs,
      int batchSize,
      int gradAccum,
      int seqLen,
      float warmupRatio,
      float weightDecay,
      long seed,
      float evalFraction,
      int projectionDim) {}

  /**
   * Defaults: rank 8, alpha 16, dropout 0.05 on q and v; lr 5e-3, 3 epochs, batch 8, cut-off 128,
   * seed 42.
   */
  public static final class Defaults {
    public static final int RANK = 8;
    public static final float ALPHA = 16f;
    public static final float DROPOUT = 0.05f;
    public static final List<String> TARGETS = List.of("q", "v");
    public static final float LEARNING_RATE = 5e-3f;
    public static final int EPOCHS = 3;
    public static final int BATCH = 8;
    public static final int GRAD_ACCUM = 1;
    public static final int SEQ_LEN = 128;
    public static final float WARMUP_RATIO = 0.05f;
    public static final float WEIGHT_DECAY = 0f;
    public static final long SEED = 42;
    public static final float EVAL_FRACTION = 0.1f;
    public static final int PROJECTION_DIM = 0;

    private Defaults() {}
  }

  public static Builder builder(String name, Address developer, String base) {
    return new Builder(name, developer, base);
  }

  /** Builds a request from the defaults; every setter overrides one value. */
  public static final class Builder {
    private final String name;
    private final Address developer;
    private final String base;
    private final List<String> datanets = new ArrayList<>();
    private int rank = Defaults.RANK;
    private float alpha = Defaults.ALPHA;
    private float dropout = Defaults.DROPOUT;
    private List<String> targets = Defaults.TARGETS;
    private float learningRate = Defaults.LEARNING_RATE;
    private int epochs = Defaults.EPOCHS;
    private int batchSize = Defaults.BATCH;
    private int gradAccum = Defaults.GRAD_ACCUM;
    private int seqLen = Defaults.SEQ_LEN;
    private float warmupRatio = Defaults.WARMUP_RATIO;
    private float weightDecay = Defaults.WEIGHT_DECAY;
    private long seed = Defaults.SEED;
    private float evalFraction = Defaults.EVAL_FRACTION;
    private int projectionDim = Defaults.PROJECTION_DIM;

    private Builder(String name, Address developer, String base) {
      this.name = name;
      this.developer = developer;
      this.base = base;
    }

    public Builder datanet(String ref) {
      datanets.add(ref);
      return this;
    }

    public Builder rank(int v) {
      rank = v;
      return this;
    }

    public Builder alpha(float v) {
      alpha = v;
      return this;
    }

    public Builder dropout(float v) {
      dropout = v;
      return this;
    }

    public Builder targets(List<String> v) {
      targets = List.copyOf(v);
      return this;
    }

    public Builder learningRate(float v) {
      learningRate = v;
      return this;
    }

    public Builder epochs(int v) {
      epochs = v;
      return this;
    }

    public Builder batchSize(int v) {
      batchSize = v;
      return this;
    }

    public Builder gradAccum(int v) {
      gradAccum = v;
      return this;
    }

    public Builder seqLen(int v) {
      seqLen = v;
      return this;
    }

    public Builder warmupRatio(float v) {
      warmupRatio = v;
      return this;
    }

    public Builder weightDecay(float v) {
      weightDecay = v;
      return this;
    }

    public Builder seed(long v) {
      seed = v;
      return this;
    }

    public Builder evalFraction(float v) {
      evalFraction = v;
      return this;
    }

    public Builder projectionDim(int v) {
      projectionDim = v;
      return this;
    }

    public FineTuneRequest build() {
      return new FineTuneRequest(
          name,
          developer,
          base,
          datanets,
          new LoraRequest(rank, alpha, dropout, targets),
          new TrainingRequest(
              learningRate,
              epochs,
              batchSize,
              gradAccum,
              seqLen,
              warmupRatio,
              weightDecay,
              seed,
              evalFraction,
              projectionDim));
    }
  }
}
