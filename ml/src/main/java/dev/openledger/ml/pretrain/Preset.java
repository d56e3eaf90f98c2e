package dev.openledger.ml.pretrain;

import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.train.TrainConfig;
import java.util.Locale;

/**
 * Model and training shapes for base models trained here. Vocabulary sizes are targets for the BPE
 * trainer; the model takes the size the tokenizer actually reaches.
 */
public enum Preset {
  /**
   * ≈1M parameters: tests and the demo; the default 1,200 steps take one to two minutes on two
   * cores.
   */
  TINY(128, 384, 4, 4, 2, 2048, 256, 64, 8, 1200, 3e-3f),
  /**
   * ≈6M parameters: benchmarks; the default 600 steps (1.2M tokens) take tens of minutes on two
   * cores.
   */
  SMALL(256, 768, 6, 8, 4, 4096, 256, 128, 16, 600, 1.5e-3f);

  private final int dim;
  private final int hiddenDim;
  private final int layers;
  private final int heads;
  private final int kvHeads;
  private final int vocabSize;
  private final int maxSeqLen;
  private final int trainSeqLen;
  private final int batchSize;
  private final int steps;
  private final float learningRate;

  Preset(
      int dim,
      int hiddenDim,
      int layers,
      int heads,
      int kvHeads,
      int vocabSize,
      int maxSeqLen,
      int trainSeqLen,
      int batchSize,
      int steps,
      float learningRate) {
    this.dim = dim;
    this.hiddenDim = hiddenDim;
    this.layers = layers;
    this.heads = heads;
    this.kvHeads = kvHeads;
    this.vocabSize = vocabSize;
    this.maxSeqLen = maxSeqLen;
    this.trainSeqLen = trainSeqLen;
    this.batchSize = batchSize;
    this.steps = steps;
    this.learningRate = learningRate;
  }

  /** Parses {@code tiny} or {@code small}. */
  public static Preset parse(String name) {
    try {
      return valueOf(name.trim().toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "unknown preset '" + name + "' (expected tiny or small)", e);
    }
  }

  /** Target vocabulary size of the BPE tokenizer. */
  public int vocabSize() {
    return vocabSize;
  }

  /**
   * The architecture for a tokenizer of {@code vocab} tokens; the output head is tied to the
   * embedding.
   */
  public LlamaConfig model(int vocab) {
    return new LlamaConfig(
        dim, hiddenDim, layers, heads, kvHeads, vocab, maxSeqLen, 10000f, 1e-5f, true);
  }

  /** Default optimisation settings; {@code steps <= 0} takes the preset's own. */
  public TrainConfig training(int steps, long seed) {
    int s = steps > 0 ? steps : this.steps;
    return TrainConfig.of(s, batchSize, trainSeqLen, learningRate, seed);
  }

  /** The preset's default number of optimizer steps. */
  public int defaultSteps() {
    return steps;
  }

  public String lowerName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
