package dev.openledger.node.api.view;

import dev.openledger.core.crypto.Address;
import dev.openledger.modelfactory.spec.FineTuneRequest;
import java.util.List;

/**
 * The body of {@code POST /api/jobs}: a fine-tuning request in which every setting may be left out
 * (null) to take ModelFactory's default ({@link FineTuneRequest.Defaults}).
 */
public record FineTuneBody(
    String name,
    Address developer,
    String base,
    List<String> datanets,
    Integer rank,
    Float alpha,
    Float dropout,
    List<String> targets,
    Float learningRate,
    Integer epochs,
    Integer batchSize,
    Integer gradAccum,
    Integer seqLen,
    Float warmupRatio,
    Float weightDecay,
    Long seed,
    Float evalFraction,
    Integer projectionDim) {

  /** The request, defaults filled in. */
  public FineTuneRequest toRequest() {
    FineTuneRequest.Builder b = FineTuneRequest.builder(name, developer, base);
    if (datanets != null) {
      datanets.forEach(b::datanet);
    }
    if (rank != null) {
      b.rank(rank);
    }
    if (alpha != null) {
      b.alpha(alpha);
    }
    if (dropout != null) {
      b.dropout(dropout);
    }
    if (targets != null) {
      b.targets(targets);
    }
    if (learningRate != null) {
      b.learningRate(learningRate);
    }
    if (epochs != null) {
      b.epochs(epochs);
    }
    if (batchSize != null) {
      b.batchSize(batchSize);
    }
    if (gradAccum != null) {
      b.gradAccum(gradAccum);
    }
    if (seqLen != null) {
      b.seqLen(seqLen);
    }
    if (warmupRatio != null) {
      b.warmupRatio(warmupRatio);
    }
    if (weightDecay != null) {
      b.weightDecay(weightDecay);
    }
    if (seed != null) {
      b.seed(seed);
    }
    if (evalFraction != null) {
      b.evalFraction(evalFraction);
    }
    if (projectionDim != null) {
      b.projectionDim(projectionDim);
    }
    return b.build();
  }
}
