package dev.openledger.ml.train;

import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.transformer.Batch;
import java.util.function.Consumer;

/**
 * The training loop: per optimizer step, {@code gradAccum} micro-batches of forward and backward,
 * global-norm clipping, the scheduled learning rate, one AdamW update.
 *
 * <p>Micro-batch {@code i} of step {@code s} is {@code data.batch(s·gradAccum + i)} and its dropout
 * draws come from {@code Rng(seed, s·gradAccum + i)}: the whole random state of a run is (seed,
 * step), so a checkpoint of weights, moments and step resumes it exactly.
 */
public final class Trainer {
  private final Objective objective;
  private final TrainConfig config;
  private final BatchSource data;
  private final AdamW adam;
  private int step;

  /** A run from step 0 with fresh optimizer state. */
  public Trainer(Objective objective, TrainConfig config, BatchSource data) {
    this(objective, config, data, new AdamW(objective.decayMask()), 0);
  }

  /** A run resumed at {@code step} with restored optimizer moments. */
  public Trainer(Objective objective, TrainConfig config, BatchSource data, AdamW adam, int step) {
    this.objective = objective;
    this.config = config;
    this.data = data;
    this.adam = adam;
    this.step = step;
  }

  /** Optimizer steps done. */
  public int stepsDone() {
    return step;
  }

  public TrainConfig config() {
    return config;
  }

  public Objective objective() {
    return objective;
  }

  public AdamW optimizer() {
    return adam;
  }

  /** Whether every configured step has run. */
  public boolean done() {
    return step >= config.steps();
  }

  /**
   * Runs one optimizer step.
   *
   * @return its mean loss, learning rate and gradient norm (timing fields 0)
   */
  public StepStats runStep() {
    int accum = config.gradAccum();
    float[] grads = objective.grads();
    java.util.Arrays.fill(grads, 0f);
    double loss = 0;
    for (int i = 0; i < accum; i++) {
      long index = (long) step * accum + i;
      Batch batch = data.batch(index);
      loss +=
          objective.accumulate(
              batch, 1f / accum, new Rng(Seeds.mix(config.seed(), index, 0x44524F50L)));
    }
    float norm = AdamW.clipGlobalNorm(grads, config.clipNorm());
    float lr = LrSchedule.at(config, step);
    adam.step(objective.params(), grads, config, lr, step + 1, objective.pool());
    step++;
    return new StepStats(step, config.steps(), (float) (loss / accum), lr, norm, 0, 0);
  }

  /**
   * Runs until {@link #done()}, or until {@code stopAfter} more steps, reporting each step.
   *
   * @return steps run
   */
  public int run(int stopAfter, Consumer<StepStats> listener) {
    long start = System.nanoTime();
    long tokens = 0;
    int ran = 0;
    while (!done() && ran < stopAfter) {
      StepStats s = runStep();
      ran++;
      tokens += config.tokensPerStep();
      listener.accept(
          new StepStats(
              s.step(),
              s.totalSteps(),
              s.loss(),
              s.learningRate(),
              s.gradNorm(),
              tokens,
              System.nanoTime() - start));
    }
    return ran;
  }
}
