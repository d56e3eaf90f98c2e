package dev.openledger.attribution.service;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.lora.LoraParameters;
import java.util.List;
import java.util.Objects;

/**
 * Everything attribution needs about one served model: the base and adapter that produced the
 * output (for the query gradient, with the base's tokenizer), the gradient store written while
 * fine-tuning, and the rows of the Datanet versions it trained on.
 *
 * @param model the model's label as receipts name it ({@code name} or {@code name@version})
 * @param adapterHash the adapter's content hash (the one approved on chain and named in receipts)
 * @param base the base model (weights, tokenizer, BOS/EOS)
 * @param adapter the adapter in engine layout
 * @param store the per-example gradient store keyed by row id
 * @param rows every row of the Datanet versions trained on (training and held-out), any order; must
 *     contain every row of the store
 * @param seqLen the tokens per example the fine-tune used (queries are cut the same way)
 */
public record AttributedModel(
    String model,
    Hash adapterHash,
    HfModel base,
    LoraParameters adapter,
    GradientStore store,
    List<SourceRow> rows,
    int seqLen) {
  public AttributedModel {
    Objects.requireNonNull(model, "model");
    Objects.requireNonNull(adapterHash, "adapterHash");
    Objects.requireNonNull(base, "base");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(store, "store");
    rows = List.copyOf(rows);
    if (seqLen < 1) {
      throw new IllegalArgumentException("seqLen must be positive, got " + seqLen);
    }
  }
}
