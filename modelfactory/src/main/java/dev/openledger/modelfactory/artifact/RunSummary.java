package dev.openledger.modelfactory.artifact;

import dev.openledger.core.crypto.Hash;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import java.util.List;
import java.util.Objects;

/**
 * {@code spec.json} of an artifact set: the spec, its config hash and what the run derived from it.
 *
 * @param format {@value #FORMAT}
 * @param spec the validated spec
 * @param configHash {@link FineTuneSpec#configHash()}
 * @param recipe {@link FineTuneSpec#RECIPE}
 * @param trainRows rows trained on (all datanets)
 * @param heldOutRows rows held out, per datanet in spec order
 * @param truncatedRows training rows longer than the cut-off
 * @param tokensPerEpoch scored tokens in one pass over the training rows
 * @param steps optimizer steps
 * @param warmupSteps warm-up steps
 * @param adapterParameters trainable parameters (the length of a per-example gradient)
 */
public record RunSummary(
    String format,
    FineTuneSpec spec,
    Hash configHash,
    String recipe,
    int trainRows,
    List<Integer> heldOutRows,
    int truncatedRows,
    long tokensPerEpoch,
    int steps,
    int warmupSteps,
    int adapterParameters) {

  public static final String FORMAT = "openledger/finetune-run/v1";

  public RunSummary {
    Objects.requireNonNull(spec, "spec");
    heldOutRows = List.copyOf(heldOutRows);
  }
}
