package dev.openledger.modelfactory.poa;

import java.util.List;

/**
 * The eval's figures (serialised as the {@code --json} output).
 *
 * @param setup what was run
 * @param topic topic-detection AUC
 * @param lds contributor-level linear datamodeling scores
 * @param detection junk detection by self-influence
 * @param antiGaming payout changes under each attack
 * @param retrainNoise how much honest payouts move when only the fine-tune's seed changes (the
 *     noise floor of the retrained comparisons)
 * @param latency attribution latency on the real path
 * @param jobs fine-tunes run
 * @param seconds wall time of the whole eval
 * @param loadAtStart one-minute load average at the start
 * @param loadAtEnd at the end
 */
public record EvalReport(
    Setup setup,
    Topic topic,
    LdsFigures lds,
    Detection detection,
    List<Scenario> antiGaming,
    Noise retrainNoise,
    List<Latency> latency,
    int jobs,
    double seconds,
    double loadAtStart,
    double loadAtEnd) {

  /**
   * @param genres Brown genres, one Datanet each
   * @param contributors honest contributors
   * @param trainRows rows the full model trained on
   * @param queries queries (held-out paragraphs)
   * @param base the base model
   * @param adapterParameters LoRA parameters (the gradient dimension)
   * @param training the fine-tune settings
   */
  public record Setup(
      String genres,
      int contributors,
      int trainRows,
      int queries,
      String base,
      int adapterParameters,
      String training) {}

  /**
   * @param dataInf mean over queries of the AUC of DataInf scores for "row is from the query's
   *     genre"
   * @param contributorDataInf the same with each contributor's scores summed (contributors of the
   *     query's genre against the others): what payouts aggregate
   * @param dataInfMin the lowest per-query AUC
   * @param tracIn the same for TracIn (one checkpoint: η·grad-dot)
   * @param gradCos the same for gradient cosine
   * @param poolToGenre mean fraction of the gradient pool paid to rows of the query's genre
   * @param perGenre mean DataInf AUC per genre
   */
  public record Topic(
      double dataInf,
      double contributorDataInf,
      double dataInfMin,
      double tracIn,
      double gradCos,
      double poolToGenre,
      List<GenreAuc> perGenre) {}

  public record GenreAuc(String genre, double auc) {}

  /**
   * LDS (TRAK, §4.1 of the research note) over contributor subsets: Spearman, per query, between
   * the measured −loss of the model retrained on each subset and the sum of the included
   * contributors' attributions.
   *
   * @param subsets m
   * @param alpha subset fraction
   * @param dataInf LDS with τ = DataInf scores summed per contributor
   * @param tracIn with TracIn scores
   * @param dataInfPositive with each row's DataInf score clipped at 0, summed per contributor (the
   *     share rule's first step)
   * @param gradientShares with the gradient pool's units (after the rule's clipping and caps)
   * @param shares with the paid units (gradient and span pools)
   * @param contributorNet with each contributor's summed DataInf clipped at 0 (an alternative rule)
   * @param netSplitInflation under that alternative, what contributors splitting their rows over 3
   *     accounts would be paid, relative to one account each (the current rule: exactly 1)
   * @param queriesDefined queries whose correlation was defined
   */
  public record LdsFigures(
      int subsets,
      double alpha,
      Interval dataInf,
      Interval tracIn,
      Interval dataInfPositive,
      Interval gradientShares,
      Interval shares,
      Interval contributorNet,
      double netSplitInflation,
      int queriesDefined) {}

  public record Interval(double mean, double low, double high) {}

  /**
   * @param junkRows junk rows that reached the model (word salad and scrambled paragraphs)
   * @param offGenreRows paragraphs of another genre filed under the wrong Datanet
   * @param cleanRows other rows
   * @param refusedAtIngestion junk rows the Datanet refused before training
   * @param aucJunk AUC of self-influence for junk vs clean rows
   * @param aucOffGenre AUC of self-influence for off-genre vs clean rows
   * @param recallTop10 fraction of junk rows among the 10% highest self-influence
   * @param recallTop20 among the 20% highest
   * @param flaggedJunk junk rows flagged as outliers (excluded from payouts)
   * @param flaggedClean clean rows flagged
   * @param junkPayout fraction of all pools paid to the junk contributors
   */
  public record Detection(
      int junkRows,
      int offGenreRows,
      int cleanRows,
      int refusedAtIngestion,
      double aucJunk,
      double aucOffGenre,
      double recallTop10,
      double recallTop20,
      int flaggedJunk,
      int flaggedClean,
      double junkPayout) {}

  /**
   * One attack.
   *
   * @param name duplicate, sybil, copier or spam
   * @param attack what the attacker did
   * @param ingestion what the Datanet said about it
   * @param attackerRatio retrained end to end: the attacker's payout (all its accounts) over its
   *     honest payout, or its fraction of all pools when it had none
   * @param fixedModel the same attacked model attributed with the defence and without it (isolates
   *     attribution from retraining noise)
   * @param payouts every contributor's payout before and after (sums of pool fractions over the
   *     queries)
   */
  public record Scenario(
      String name,
      String attack,
      String ingestion,
      double attackerRatio,
      FixedModel fixedModel,
      List<Payout> payouts) {}

  /**
   * The attacker's payout in the attacked model under two attributions (gradient track).
   *
   * @param comparison what differs between {@code with} and {@code without}
   * @param with with the defence (for Sybil: the accounts as they are)
   * @param without without it (for Sybil: the accounts merged into one owner)
   */
  public record FixedModel(String comparison, double with, double without) {}

  /**
   * @param medianChange median over honest contributors of |payout ratio − 1| between two seeds
   * @param maxChange the largest
   */
  public record Noise(double medianChange, double maxChange) {}

  /**
   * @param contributor label
   * @param role attacker, target or honest
   * @param before payout in the honest run (sum over queries of the pool fraction)
   * @param after payout in the attacked run
   */
  public record Payout(String contributor, String role, double before, double after) {
    public double ratio() {
      return before == 0 ? Double.NaN : after / before;
    }
  }

  /**
   * Per-inference attribution latency, in milliseconds (median and maximum over the queries).
   *
   * @param model which model
   * @param rows stored rows
   * @param storedDims stored dimensions per row (after projection)
   * @param spanTokens tokens in the span index
   * @param gradientP50 query gradient (forward + backward of prompt and response)
   * @param gradientMax
   * @param scoreP50 DataInf over every stored row
   * @param scoreMax
   * @param spanP50 span matching of the response
   * @param spanMax
   * @param attributeP50 the whole attribution after the gradient (scores, spans, shares)
   * @param attributeMax
   */
  public record Latency(
      String model,
      int rows,
      int storedDims,
      long spanTokens,
      double gradientP50,
      double gradientMax,
      double scoreP50,
      double scoreMax,
      double spanP50,
      double spanMax,
      double attributeP50,
      double attributeMax) {}
}
