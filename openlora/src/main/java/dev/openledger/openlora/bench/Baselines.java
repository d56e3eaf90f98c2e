package dev.openledger.openlora.bench;

import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.generate.GenerationConfig;
import dev.openledger.ml.generate.Generator;
import dev.openledger.ml.lora.LoraMerge;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.service.BaseModel;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The two baselines of the S-LoRA evaluation, run offline (every request available at the start,
 * which only favours them): requests are served in arrival order and batched while consecutive
 * requests share an adapter.
 */
final class Baselines {
  private Baselines() {}

  /**
   * One adapter merged into the base at a time (Hugging Face PEFT's way); adapters read from disk
   * once and kept.
   */
  @SuppressWarnings("try") // the merge is held for the try block and undone when it closes
  static Measured mergedSwap(
      BaseModel base, Kernels k, List<ModelListing> adapters, Workload w, int maxBatch)
      throws IOException {
    Parameters weights = base.weights().copy();
    Generator g = new Generator(new Decoder(weights, k));
    Map<Integer, LoraParameters> loaded = new HashMap<>();
    List<Workload.Item> items = w.items();
    long t0 = System.nanoTime();
    long tokens = 0;
    int merges = 0;
    for (int i = 0; i < items.size(); ) {
      int a = items.get(i).adapter();
      List<Generator.Request> batch = new ArrayList<>();
      for (; i < items.size() && batch.size() < maxBatch && items.get(i).adapter() == a; i++) {
        Workload.Item it = items.get(i);
        batch.add(
            new Generator.Request(
                it.prompt(), null, GenerationConfig.greedy(it.outputTokens(), Set.of())));
      }
      LoraParameters p = loaded.get(a);
      if (p == null) {
        p = read(base, adapters.get(a));
        loaded.put(a, p);
      }
      try (LoraMerge.Merged m = LoraMerge.merge(weights, p, k)) {
        merges++;
        for (var c : g.generate(batch, (r, t) -> {})) {
          tokens += c.tokens().length;
        }
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    long memory =
        4L * weights.data().length
            + 4L * loaded.values().stream().mapToLong(p -> p.data().length).sum();
    return new Measured(
        "merged-swap",
        w.adapters(),
        true,
        merges + " merges",
        items.size(),
        tokens,
        s,
        tokens / s,
        items.size() / s,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        loaded.size(),
        0,
        memory);
  }

  /**
   * A merged copy of the whole model per adapter (vLLM-packed); stops when copies of all n adapters
   * would exceed {@code budgetBytes}. Only the requested copies are built; the memory reported is
   * all n.
   */
  static Measured copyPerAdapter(
      BaseModel base,
      Kernels k,
      List<ModelListing> adapters,
      Workload w,
      int maxBatch,
      long budgetBytes)
      throws IOException {
    // a server must hold a copy for every adapter it serves, requested in this workload or not
    long modelBytes = 4L * base.weights().data().length;
    int needed = w.adapters();
    if (modelBytes * needed > budgetBytes) {
      return Measured.skipped(
          "copy-per-adapter",
          w.adapters(),
          String.format(
              java.util.Locale.ROOT,
              "out of memory: %d copies x %.1f MB = %.0f MB > budget %.0f MB",
              needed,
              modelBytes / 1e6,
              needed * modelBytes / 1e6,
              budgetBytes / 1e6));
    }
    // the copies are built before timing, as a server would hold them ready
    Map<Integer, Generator> copies = new LinkedHashMap<>();
    for (Workload.Item it : w.items()) {
      if (!copies.containsKey(it.adapter())) {
        Parameters copy = base.weights().copy();
        LoraMerge.merge(
            copy,
            read(base, adapters.get(it.adapter())),
            k); // kept merged: this copy serves only this adapter
        copies.put(it.adapter(), new Generator(new Decoder(copy, k)));
      }
    }
    long t0 = System.nanoTime();
    long tokens = 0;
    List<Workload.Item> items = w.items();
    for (int i = 0; i < items.size(); ) {
      int a = items.get(i).adapter();
      List<Generator.Request> batch = new ArrayList<>();
      for (; i < items.size() && batch.size() < maxBatch && items.get(i).adapter() == a; i++) {
        Workload.Item it = items.get(i);
        batch.add(
            new Generator.Request(
                it.prompt(), null, GenerationConfig.greedy(it.outputTokens(), Set.of())));
      }
      Generator g = copies.get(a);
      for (var c : g.generate(batch, (r, t) -> {})) {
        tokens += c.tokens().length;
      }
    }
    double s = (System.nanoTime() - t0) / 1e9;
    return new Measured(
        "copy-per-adapter",
        w.adapters(),
        true,
        copies.size() + " of " + needed + " copies built (the ones requested)",
        items.size(),
        tokens,
        s,
        tokens / s,
        items.size() / s,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        Double.NaN,
        copies.size(),
        0,
        modelBytes * needed);
  }

  static LoraParameters read(BaseModel base, ModelListing m) throws IOException {
    return EngineTensors.loraParameters(
        base.config(), PeftAdapterDirectory.read(m.adapterDir(), base.config()));
  }
}
