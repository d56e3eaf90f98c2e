package dev.openledger.ml.lora;

import dev.openledger.ml.model.LinearKind;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Hyper-parameters of a LoRA adapter, named as in PEFT's {@code adapter_config.json}.
 *
 * @param rank r, the inner dimension of {@code B·A}
 * @param alpha lora_alpha; the update is scaled by {@code alpha / rank}
 * @param dropout lora_dropout, applied to the adapter's input during training only
 * @param targets target_modules
 */
public record LoraConfig(int rank, float alpha, float dropout, Set<LinearKind> targets) {

  public LoraConfig {
    if (rank <= 0) {
      throw new IllegalArgumentException("LoRA rank must be at least 1, got " + rank);
    }
    if (!(alpha > 0) || Float.isInfinite(alpha)) {
      throw new IllegalArgumentException("LoRA alpha must be a positive number, got " + alpha);
    }
    if (!(dropout >= 0 && dropout < 1)) {
      throw new IllegalArgumentException("LoRA dropout must be in [0, 1), got " + dropout);
    }
    if (targets == null || targets.isEmpty()) {
      throw new IllegalArgumentException("LoRA needs at least one target module");
    }
    // An EnumSet iterates in declaration order (q,k,v,o,gate,up,down): parameter layouts depend on
    // it.
    targets = Collections.unmodifiableSet(EnumSet.copyOf(targets));
  }

  /** The scale applied to {@code B·A·x}. */
  public float scaling() {
    return alpha / rank;
  }
}
