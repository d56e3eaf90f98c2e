package dev.openledger.modelfactory.run;

import dev.openledger.attribution.grad.ProjectionSpec;
import dev.openledger.attribution.grad.SegmentLayout;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.model.TensorSpec;
import dev.openledger.ml.train.Checkpoint;
import dev.openledger.ml.train.Example;
import dev.openledger.ml.train.LrSchedule;
import dev.openledger.ml.train.Objective;
import dev.openledger.ml.train.PerExampleGradients;
import dev.openledger.ml.train.StepStats;
import dev.openledger.ml.train.TrainConfig;
import dev.openledger.ml.train.Trainer;
import dev.openledger.ml.transformer.Transformer;
import dev.openledger.modelfactory.data.EpochBatches;
import dev.openledger.modelfactory.data.Seeds;
import dev.openledger.modelfactory.data.TrainingData;
import dev.openledger.modelfactory.data.TrainingRow;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobListener;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import dev.openledger.modelfactory.spec.Optimization;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trains one job's adapter, resuming from its checkpoint if it has one. The recipe, per optimizer
 * step {@code s} (0-based) with {@code E} epochs over {@code n} training rows:
 *
 * <pre>
 *   1. for each micro-batch of the step, the stream positions k of the last epoch ((E−1)·n ≤ k &lt; E·n) that it
 *      holds: per-example gradients of those rows at the current adapter → gradient log (step s)
 *   2. forward + backward over the step's micro-batches, clip, AdamW update  (ml's {@link Trainer})
 *   3. loss point → loss curve, progress event
 *   4. every few steps and after the last: sync the logs, then write the checkpoint
 * </pre>
 *
 * Training runs {@code ceil(E·n / (B·accum))} steps, so every row of the last epoch is visited (the
 * last batch may spill into the next permutation). Files under the job's work directory: {@code
 * checkpoint.bin}, {@code gradients.log}; the loss curve is the job's {@code loss.jsonl}.
 */
public final class FineTuneRun {
  private static final Logger LOG = LoggerFactory.getLogger(FineTuneRun.class);
  public static final String CHECKPOINT = "checkpoint.bin";
  public static final String GRADIENT_LOG = "gradients.log";

  /** What a finished training leaves for evaluation and artifacts. */
  public record Trained(LoraParameters adapter, TrainConfig config, int resumedFromStep) {}

  /** How {@link #train} ended. */
  public sealed interface Outcome permits Completed, Stopped {}

  /** Every step ran. */
  public record Completed(Trained trained) implements Outcome {}

  /** The stop signal came; a checkpoint at {@code step} is on disk. */
  public record Stopped(int step) implements Outcome {}

  private final long jobId;
  private final FineTuneSpec spec;
  private final Transformer model;
  private final Parameters base;
  private final TrainingData data;
  private final Path workDir;
  private final Path lossFile;
  private final RunSettings settings;
  private final JobListener listener;

  /**
   * @param base the frozen base weights (engine layout)
   * @param workDir the job's work directory (checkpoint, gradient log)
   * @param lossFile the job's loss curve
   */
  public FineTuneRun(
      long jobId,
      FineTuneSpec spec,
      Transformer model,
      Parameters base,
      TrainingData data,
      Path workDir,
      Path lossFile,
      RunSettings settings,
      JobListener listener) {
    this.jobId = jobId;
    this.spec = spec;
    this.model = model;
    this.base = base;
    this.data = data;
    this.workDir = workDir;
    this.lossFile = lossFile;
    this.settings = settings;
    this.listener = listener;
  }

  /** The optimiser configuration a spec gives over {@code trainRows} rows. */
  public static TrainConfig trainConfig(FineTuneSpec spec, int trainRows) {
    Optimization o = spec.optimization();
    int steps = o.steps(trainRows);
    int warmup = Math.round(o.warmupRatio() * steps);
    return new TrainConfig(
        steps,
        o.batchSize(),
        o.seqLen(),
        o.gradAccum(),
        o.learningRate(),
        0.1f,
        warmup,
        o.weightDecay(),
        0.9f,
        0.999f,
        1e-8f,
        1.0f,
        Seeds.derive(spec.seed(), Seeds.DROPOUT));
  }

  /**
   * The segment layout of the adapter's per-example gradient vectors (one segment per LoRA tensor).
   */
  public static SegmentLayout gradientLayout(LoraParameters adapter) {
    Map<String, Integer> lengths = new LinkedHashMap<>();
    for (TensorSpec t : adapter.layout().tensors()) {
      lengths.put(t.name(), t.size());
    }
    return SegmentLayout.of(lengths);
  }

  /** The gradient store's projection for {@code spec}. */
  public static ProjectionSpec projection(FineTuneSpec spec) {
    return spec.projectionDim() == 0
        ? ProjectionSpec.NONE
        : ProjectionSpec.rademacher(
            Seeds.derive(spec.seed(), Seeds.PROJECTION), spec.projectionDim());
  }

  /**
   * Trains until done or {@code stop} turns true (checked between steps; the run then checkpoints).
   *
   * @throws IOException if a checkpoint or log cannot be read or written, or the checkpoint belongs
   *     to another run
   */
  public Outcome train(BooleanSupplier stop) throws IOException {
    Files.createDirectories(workDir);
    LlamaConfig cfg = base.config();
    int n = data.trainExamples().size();
    TrainConfig tc = trainConfig(spec, n);
    LoraParameters adapter =
        LoraParameters.fresh(cfg, spec.lora(), Seeds.derive(spec.seed(), Seeds.ADAPTER_INIT));
    Objective.Lora objective =
        new Objective.Lora(model, base, adapter, tc.batchSize(), tc.seqLen());
    EpochBatches batches =
        new EpochBatches(
            data.trainExamples(),
            tc.batchSize(),
            tc.seqLen(),
            data.padId(),
            Seeds.derive(spec.seed(), Seeds.ROW_ORDER));
    Path ckptPath = workDir.resolve(CHECKPOINT);
    Trainer trainer =
        Files.exists(ckptPath)
            ? resume(Checkpoint.read(ckptPath), objective, batches, tc)
            : new Trainer(objective, tc, batches);
    int resumedFrom = trainer.stepsDone();
    listener.onEvent(new JobEvent.Phase(jobId, "training", resumedFrom));
    if (resumedFrom > 0) {
      LOG.info("job {}: resuming at step {} of {}", jobId, resumedFrom, tc.steps());
    }
    PerExampleGradients perExample =
        new PerExampleGradients(model, base, adapter, tc.batchSize(), tc.seqLen(), data.padId());
    long lastEpochStart = (long) (spec.optimization().epochs() - 1) * n;
    long lastEpochEnd = lastEpochStart + n;
    try (LossCurve loss = LossCurve.openAt(lossFile, resumedFrom);
        GradientLog grads =
            GradientLog.openAt(
                workDir.resolve(GRADIENT_LOG), adapter.layout().size(), resumedFrom)) {
      long startNanos = System.nanoTime();
      long tokensAtStart = loss.lastTokens();
      long lastCheckpoint = startNanos;
      int checkpointed = resumedFrom;
      while (!trainer.done()) {
        if (stop.getAsBoolean()) {
          if (checkpointed != trainer.stepsDone()) {
            checkpoint(trainer, loss, grads, ckptPath);
          }
          return new Stopped(trainer.stepsDone());
        }
        int step = trainer.stepsDone();
        logLastEpochGradients(step, tc, batches, perExample, grads, lastEpochStart, lastEpochEnd);
        long stepTokens = scoredTokens(step, tc, batches);
        StepStats stats = trainer.runStep();
        long tokens = loss.lastTokens() + stepTokens;
        double epoch = (double) stats.step() * tc.batchSize() * tc.gradAccum() / n;
        loss.append(
            new LossPoint(
                stats.step(), epoch, stats.loss(), stats.learningRate(), stats.gradNorm(), tokens));
        long now = System.nanoTime();
        progress(
            stats, epoch, tokens - tokensAtStart, now - startNanos, stats.step() - resumedFrom);
        if (trainer.done()
            || stats.step() % settings.everySteps() == 0
            || now - lastCheckpoint >= settings.everySeconds() * 1_000_000_000L) {
          checkpoint(trainer, loss, grads, ckptPath);
          checkpointed = stats.step();
          lastCheckpoint = now;
        }
      }
    }
    return new Completed(new Trained(adapter, tc, resumedFrom));
  }

  /**
   * Syncs the logs, then writes the checkpoint: a checkpoint never runs ahead of the logs it
   * implies.
   */
  private void checkpoint(Trainer trainer, LossCurve loss, GradientLog grads, Path ckptPath)
      throws IOException {
    loss.sync();
    grads.sync();
    Checkpoint.of(trainer, base.config(), spec.lora(), base.data()).write(ckptPath);
  }

  /**
   * Seals the gradient log of a completed run into the store at {@code store}.
   *
   * @return the store's content hash
   */
  public Hash sealGradients(Trained trained, Path store) throws IOException {
    List<Hash> rowIds = new ArrayList<>(data.trainRows().size());
    for (TrainingRow r : data.trainRows()) {
      rowIds.add(r.rowId());
    }
    try (GradientLog grads =
        GradientLog.openAt(
            workDir.resolve(GRADIENT_LOG),
            trained.adapter().layout().size(),
            trained.config().steps())) {
      return grads.seal(
          store,
          gradientLayout(trained.adapter()),
          projection(spec),
          rowIds,
          step -> LrSchedule.at(trained.config(), step));
    }
  }

  private Trainer resume(
      Checkpoint ckpt, Objective.Lora objective, EpochBatches batches, TrainConfig tc)
      throws IOException {
    String baseHash = Checkpoint.sha256(base.data());
    if (!ckpt.kind().equals("lora")
        || !ckpt.model().equals(base.config())
        || !spec.lora().equals(ckpt.lora())
        || !tc.equals(ckpt.train())
        || !baseHash.equals(ckpt.baseSha256())) {
      throw new IOException(
          "the checkpoint in "
              + workDir
              + " belongs to another run (model, adapter, settings or base differ)");
    }
    return ckpt.resume(objective, batches);
  }

  /** Step 1 of the recipe: per-example gradients of the rows of the last epoch this step visits. */
  private void logLastEpochGradients(
      int step,
      TrainConfig tc,
      EpochBatches batches,
      PerExampleGradients perExample,
      GradientLog grads,
      long lastEpochStart,
      long lastEpochEnd)
      throws IOException {
    List<Integer> rows = new ArrayList<>();
    for (int i = 0; i < tc.gradAccum(); i++) {
      long first = ((long) step * tc.gradAccum() + i) * tc.batchSize();
      for (int b = 0; b < tc.batchSize(); b++) {
        long k = first + b;
        if (k >= lastEpochStart && k < lastEpochEnd) {
          rows.add(batches.exampleAt(k));
        }
      }
    }
    if (rows.isEmpty()) {
      return;
    }
    List<Example> examples = new ArrayList<>(rows.size());
    for (int r : rows) {
      examples.add(data.trainExamples().get(r));
    }
    List<float[]> g = perExample.compute(examples);
    for (int i = 0; i < rows.size(); i++) {
      grads.append(rows.get(i), step, g.get(i));
    }
  }

  /** Tokens scored by step {@code step}: each row's length after the cut-off, minus BOS. */
  private static long scoredTokens(int step, TrainConfig tc, EpochBatches batches) {
    long sum = 0;
    for (int i = 0; i < tc.gradAccum(); i++) {
      for (int r : batches.rows((long) step * tc.gradAccum() + i)) {
        sum += batches.scoredTokens(r);
      }
    }
    return sum;
  }

  private void progress(StepStats s, double epoch, long tokens, long nanos, int stepsHere) {
    double seconds = nanos / 1e9;
    double tps = seconds > 0 ? tokens / seconds : 0;
    long eta = stepsHere > 0 ? Math.round(seconds / stepsHere * (s.totalSteps() - s.step())) : -1;
    listener.onEvent(
        new JobEvent.Progress(
            jobId,
            s.step(),
            s.totalSteps(),
            epoch,
            spec.optimization().epochs(),
            s.loss(),
            s.learningRate(),
            tps,
            eta));
  }
}
