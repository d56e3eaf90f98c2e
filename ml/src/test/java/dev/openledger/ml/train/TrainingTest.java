package dev.openledger.ml.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.ml.transformer.Transformer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Determinism, exact resume, accumulation and LoRA freezing of the training loop, on a small model.
 */
class TrainingTest {
  private static final Kernels K2 = new VectorKernels(new WorkerPool(2));
  private static final Kernels K1 = new VectorKernels(new WorkerPool(1));
  private static final LlamaConfig MODEL =
      new LlamaConfig(32, 64, 2, 4, 2, 40, 16, 10000f, 1e-5f, true);
  private static final LoraConfig LORA =
      new LoraConfig(4, 8f, 0.1f, EnumSet.of(LinearKind.Q, LinearKind.V, LinearKind.DOWN));

  /** A token stream with structure to learn: a noisy repeating pattern. */
  static int[] stream(int n, long seed) {
    Rng rng = new Rng(seed);
    int[] t = new int[n];
    for (int i = 0; i < n; i++) {
      t[i] = rng.nextFloat() < 0.1f ? rng.nextInt(40) : (i * 7) % 40;
    }
    return t;
  }

  private static TrainConfig config(int steps) {
    return TrainConfig.of(steps, 4, 12, 3e-3f, 5).withGradAccum(2);
  }

  private static Trainer fullRun(Kernels k, int steps) {
    Parameters w = Parameters.init(MODEL, 1);
    Objective.Full obj = new Objective.Full(new Transformer(MODEL, k), w, 4, 12);
    return new Trainer(obj, config(steps), new RandomWindows(stream(2000, 3), 4, 12, 5));
  }

  private static Trainer loraRun(Kernels k, Parameters base, int steps) {
    LoraParameters lora = LoraParameters.fresh(MODEL, LORA, 9);
    Objective.Lora obj = new Objective.Lora(new Transformer(MODEL, k), base, lora, 4, 12);
    return new Trainer(obj, config(steps), new RandomWindows(stream(2000, 4), 4, 12, 6));
  }

  @Test
  void sameSeedGivesIdenticalBytesForAnyThreadCount() {
    Trainer a = fullRun(K2, 6);
    Trainer b = fullRun(K2, 6);
    Trainer c = fullRun(K1, 6);
    float first = a.runStep().loss();
    a.run(100, s -> {});
    b.run(100, s -> {});
    c.run(100, s -> {});
    assertThat(a.objective().params())
        .isEqualTo(b.objective().params())
        .isEqualTo(c.objective().params());
    assertThat(Checkpoint.sha256(a.objective().params()))
        .isEqualTo(Checkpoint.sha256(c.objective().params()));
    assertThat(first).isGreaterThan(3.0f); // ln 40 ≈ 3.69 at initialisation
  }

  @Test
  void loraWithDropoutIsDeterministicAndLeavesTheBaseAlone() {
    Parameters base = Parameters.init(MODEL, 2);
    float[] before = base.data().clone();
    Trainer a = loraRun(K2, base, 5);
    Trainer b = loraRun(K1, base, 5);
    a.run(100, s -> {});
    b.run(100, s -> {});
    assertThat(base.data()).isEqualTo(before);
    assertThat(a.objective().params()).isEqualTo(b.objective().params());
    LoraParameters trained = ((Objective.Lora) a.objective()).adapter();
    float maxB = 0;
    for (LinearKind kind : LORA.targets()) {
      for (float f : trained.b(0, kind).copy().data()) {
        maxB = Math.max(maxB, Math.abs(f));
      }
    }
    assertThat(maxB).as("B moved away from its zero initialisation").isGreaterThan(0f);
  }

  @Test
  void resumingACheckpointContinuesBitForBit(@TempDir Path dir) throws IOException {
    Trainer straight = fullRun(K2, 8);
    straight.run(100, s -> {});

    Trainer first = fullRun(K2, 8);
    first.run(3, s -> {});
    Path file = dir.resolve("run.ckpt");
    Checkpoint.of(first, MODEL, null, null).write(file);
    Checkpoint loaded = Checkpoint.read(file);
    assertThat(loaded).isEqualTo(Checkpoint.of(first, MODEL, null, null));
    assertThat(loaded.step()).isEqualTo(3);

    Objective.Full fresh =
        new Objective.Full(new Transformer(MODEL, K2), Parameters.zeros(MODEL), 4, 12);
    Trainer resumed = loaded.resume(fresh, new RandomWindows(stream(2000, 3), 4, 12, 5));
    resumed.run(100, s -> {});
    assertThat(resumed.stepsDone()).isEqualTo(8);
    assertThat(resumed.objective().params()).isEqualTo(straight.objective().params());
    assertThat(resumed.optimizer().v()).isEqualTo(straight.optimizer().v());
  }

  @Test
  void loraCheckpointRecordsTheBaseAndResumesExactly(@TempDir Path dir) throws IOException {
    Parameters base = Parameters.init(MODEL, 2);
    Trainer straight = loraRun(K2, base, 6);
    straight.run(100, s -> {});
    Trainer first = loraRun(K2, base, 6);
    first.run(2, s -> {});
    Path file = dir.resolve("lora.ckpt");
    Checkpoint.of(first, MODEL, LORA, base.data()).write(file);
    Checkpoint loaded = Checkpoint.read(file);
    assertThat(loaded.baseSha256()).isEqualTo(Checkpoint.sha256(base.data()));
    assertThat(loaded.lora()).isEqualTo(LORA);
    Objective.Lora obj =
        new Objective.Lora(
            new Transformer(MODEL, K2), base, LoraParameters.zeros(MODEL, LORA), 4, 12);
    Trainer resumed = loaded.resume(obj, new RandomWindows(stream(2000, 4), 4, 12, 6));
    resumed.run(100, s -> {});
    assertThat(resumed.objective().params()).isEqualTo(straight.objective().params());
  }

  @Test
  void truncatedOrForeignCheckpointsFailClearly(@TempDir Path dir) throws IOException {
    Trainer t = fullRun(K2, 2);
    t.run(1, s -> {});
    Path file = dir.resolve("c.ckpt");
    Checkpoint.of(t, MODEL, null, null).write(file);
    byte[] all = Files.readAllBytes(file);
    Path cut = dir.resolve("cut.ckpt");
    Files.write(cut, java.util.Arrays.copyOf(all, all.length - 10));
    assertThatThrownBy(() -> Checkpoint.read(cut))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("truncated");
    Path foreign = dir.resolve("foreign.ckpt");
    Files.writeString(foreign, "definitely not a checkpoint");
    assertThatThrownBy(() -> Checkpoint.read(foreign))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("magic");
  }

  @Test
  void accumulatingTwoHalvesMatchesOneFullBatch() {
    // One step of B=4 against one step of 2 micro-batches of B=2 holding the same rows.
    RandomWindows src = new RandomWindows(stream(2000, 8), 4, 12, 1);
    var full = src.batch(0);
    var h1 =
        new dev.openledger.ml.transformer.Batch(
            2,
            12,
            java.util.Arrays.copyOfRange(full.tokens(), 0, 24),
            java.util.Arrays.copyOfRange(full.targets(), 0, 24));
    var h2 =
        new dev.openledger.ml.transformer.Batch(
            2,
            12,
            java.util.Arrays.copyOfRange(full.tokens(), 24, 48),
            java.util.Arrays.copyOfRange(full.targets(), 24, 48));
    Parameters w = Parameters.init(MODEL, 4);
    Objective.Full one = new Objective.Full(new Transformer(MODEL, K2), w.copy(), 4, 12);
    Objective.Full two = new Objective.Full(new Transformer(MODEL, K2), w.copy(), 2, 12);
    TrainConfig c1 = TrainConfig.of(1, 4, 12, 1e-3f, 1);
    TrainConfig c2 = TrainConfig.of(1, 2, 12, 1e-3f, 1).withGradAccum(2);
    new Trainer(one, c1, i -> full).runStep();
    new Trainer(two, c2, i -> i == 0 ? h1 : h2).runStep();
    float[] a = one.params();
    float[] b = two.params();
    for (int i = 0; i < a.length; i++) {
      assertThat(b[i]).isCloseTo(a[i], org.assertj.core.data.Offset.offset(2e-6f));
    }
    assertThat(a).isNotEqualTo(w.data());
  }

  @Test
  void scheduleWarmsUpThenDecaysToTheFloor() {
    TrainConfig c = new TrainConfig(100, 1, 1, 1, 1e-3f, 0.1f, 10, 0f, 0.9f, 0.95f, 1e-8f, 1f, 0);
    assertThat(LrSchedule.at(c, 0)).isCloseTo(1e-4f, org.assertj.core.data.Offset.offset(1e-10f));
    assertThat(LrSchedule.at(c, 9)).isEqualTo(1e-3f);
    assertThat(LrSchedule.at(c, 10)).isEqualTo(1e-3f);
    assertThat(LrSchedule.at(c, 55)).isCloseTo(5.5e-4f, org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(LrSchedule.at(c, 100)).isCloseTo(1e-4f, org.assertj.core.data.Offset.offset(1e-9f));
  }

  @Test
  void adamWStepAndClippingFollowTheFormulas() {
    TrainConfig c = new TrainConfig(1, 1, 1, 1, 0.1f, 1f, 0, 0.5f, 0.9f, 0.99f, 1e-8f, 1f, 0);
    float[] p = {1f, -2f};
    float[] g = {3f, 4f};
    assertThat(AdamW.clipGlobalNorm(g, 1f)).isEqualTo(5f);
    assertThat(g[0]).isCloseTo(0.6f, org.assertj.core.data.Offset.offset(1e-6f));
    AdamW adam = new AdamW(new boolean[] {true, false});
    adam.step(p, g, c, 0.1f, 1);
    // t = 1: m̂ = g, v̂ = g², update = sign(g) (+ decay)
    assertThat(p[0])
        .isCloseTo(1f - 0.1f * (1f + 0.5f * 1f), org.assertj.core.data.Offset.offset(1e-6f));
    assertThat(p[1]).isCloseTo(-2f - 0.1f * 1f, org.assertj.core.data.Offset.offset(1e-6f));
  }
}
