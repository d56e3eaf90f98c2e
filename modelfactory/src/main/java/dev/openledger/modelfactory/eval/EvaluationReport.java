package dev.openledger.modelfactory.eval;

import dev.openledger.core.crypto.Hash;
import java.util.List;
import java.util.Locale;

/**
 * The evaluation report of a fine-tune ({@code evaluation.json} in its artifacts).
 *
 * @param format {@value #FORMAT}
 * @param method how the numbers were obtained, in words
 * @param baseModel the base model's content hash
 * @param adapter the adapter's content hash
 * @param datanets held-out scores per datanet version, in spec order
 * @param overall the same over all held-out rows together (token-weighted)
 * @param samples greedy continuations by base and adapter
 */
public record EvaluationReport(
    String format,
    String method,
    Hash baseModel,
    Hash adapter,
    List<DatanetEvaluation> datanets,
    HeldOutScores overall,
    List<SampleGeneration> samples) {

  public static final String FORMAT = "openledger/evaluation/v1";
  public static final String METHOD =
      "held-out rows of each datanet (the spec's evaluation split, never trained on),"
          + " each encoded <bos> text <eos> and cut to the training sequence length; loss = mean token cross-entropy"
          + " in nats over every token after <bos>; perplexity = exp(loss); base and adapter scored on the same tokens;"
          + " samples: greedy decoding of the first tokens of held-out rows";

  public EvaluationReport {
    datanets = List.copyOf(datanets);
    samples = List.copyOf(samples);
  }

  /** One line saying by how much the adapter changed held-out perplexity. */
  public String summary() {
    return String.format(
        Locale.ROOT,
        "held-out perplexity %.2f -> %.2f (%s%.1f%%) over %d tokens of %d datanet(s)",
        overall.basePerplexity(),
        overall.adapterPerplexity(),
        overall.perplexityReductionPercent() >= 0 ? "-" : "+",
        Math.abs(overall.perplexityReductionPercent()),
        overall.tokens(),
        datanets.size());
  }
}
