package dev.openledger.modelfactory.spec;

import java.util.ArrayList;
import java.util.List;

/**
 * How the adapter is optimised (LLaMA-Factory's names in brackets). AdamW with β = (0.9, 0.999), ε
 * = 1e-8, global-norm clipping at 1.0, linear warm-up then cosine decay to a tenth of the peak.
 *
 * @param learningRate peak learning rate [learning_rate]
 * @param epochs passes over the training rows [num_train_epochs]
 * @param batchSize rows per micro-batch [per_device_train_batch_size]
 * @param gradAccum micro-batches per optimizer step [gradient_accumulation_steps]
 * @param seqLen tokens a row is cut to, BOS and EOS included, plus one [cutoff_len]
 * @param warmupRatio fraction of the steps spent warming up [warmup_ratio]
 * @param weightDecay AdamW's decoupled weight decay on the adapter [weight_decay]
 */
public record Optimization(
    float learningRate,
    int epochs,
    int batchSize,
    int gradAccum,
    int seqLen,
    float warmupRatio,
    float weightDecay) {

  public static final float MAX_LEARNING_RATE = 1f;
  public static final int MAX_EPOCHS = 1000;
  public static final int MAX_BATCH = 1024;
  public static final int MIN_SEQ_LEN = 4;

  public Optimization {
    List<SpecProblem> p =
        problems(learningRate, epochs, batchSize, gradAccum, seqLen, warmupRatio, weightDecay);
    if (!p.isEmpty()) {
      throw new IllegalArgumentException(p.get(0).toString());
    }
  }

  /** Every range problem of these values (empty when they are all fine). */
  static List<SpecProblem> problems(
      float learningRate,
      int epochs,
      int batchSize,
      int gradAccum,
      int seqLen,
      float warmupRatio,
      float weightDecay) {
    List<SpecProblem> out = new ArrayList<>();
    if (!(learningRate > 0 && learningRate <= MAX_LEARNING_RATE)) {
      out.add(
          new SpecProblem(
              "bad_learning_rate",
              "optimization.learningRate",
              "learning rate must be a number in (0, "
                  + MAX_LEARNING_RATE
                  + "], got "
                  + learningRate));
    }
    if (epochs < 1 || epochs > MAX_EPOCHS) {
      out.add(
          new SpecProblem(
              "bad_epochs",
              "optimization.epochs",
              "epochs must be in [1, " + MAX_EPOCHS + "], got " + epochs));
    }
    if (batchSize < 1 || batchSize > MAX_BATCH) {
      out.add(
          new SpecProblem(
              "bad_batch",
              "optimization.batchSize",
              "batch size must be in [1, " + MAX_BATCH + "], got " + batchSize));
    }
    if (gradAccum < 1 || gradAccum > MAX_BATCH) {
      out.add(
          new SpecProblem(
              "bad_grad_accum",
              "optimization.gradAccum",
              "gradient accumulation must be in [1, " + MAX_BATCH + "], got " + gradAccum));
    }
    if (seqLen < MIN_SEQ_LEN) {
      out.add(
          new SpecProblem(
              "bad_seq_len",
              "optimization.seqLen",
              "sequence length must be at least " + MIN_SEQ_LEN + ", got " + seqLen));
    }
    if (!(warmupRatio >= 0 && warmupRatio <= 0.5f)) {
      out.add(
          new SpecProblem(
              "bad_warmup",
              "optimization.warmupRatio",
              "warm-up ratio must be in [0, 0.5], got " + warmupRatio));
    }
    if (!(weightDecay >= 0 && weightDecay <= 1)) {
      out.add(
          new SpecProblem(
              "bad_weight_decay",
              "optimization.weightDecay",
              "weight decay must be in [0, 1], got " + weightDecay));
    }
    return out;
  }

  /** Rows consumed by one optimizer step. */
  public int rowsPerStep() {
    return batchSize * gradAccum;
  }

  /**
   * Optimizer steps that cover {@code epochs} passes over {@code trainRows} rows (the last batch
   * may spill over).
   */
  public int steps(int trainRows) {
    long rows = (long) epochs * trainRows;
    return Math.toIntExact((rows + rowsPerStep() - 1) / rowsPerStep());
  }
}
