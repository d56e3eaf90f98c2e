package dev.openledger.datanet.validate;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Relevance to the datanet's purpose: the TF-IDF cosine between the row and the datanet's profile.
 *
 * <p>With N documents in the corpus (the description counts as one) and df, cf the document and
 * collection frequency of a word: {@code idf = ln((N+1)/(df+1)) + 1}; the profile weight of a word
 * is {@code (1 + ln cf)·idf}; the row weight is {@code (1 + ln tf)·idf} with tf its count in the
 * row; relevance is the cosine of the two vectors. Built once per ingest (O(vocabulary)); each row
 * then costs O(its distinct words).
 */
public final class RelevanceStage {
  private final ValidationParams.Relevance params;
  private final CorpusStats stats;
  private final long acceptedRows;
  private final double profileNorm;
  private final double logN1;

  /**
   * @param stats the datanet's corpus statistics, read but not changed
   * @param acceptedRows how many rows the datanet has accepted (warm-up is measured in rows)
   */
  public RelevanceStage(ValidationParams.Relevance params, CorpusStats stats, long acceptedRows) {
    this.params = params;
    this.stats = stats;
    this.acceptedRows = acceptedRows;
    this.logN1 = Math.log(stats.documents() + 1.0);
    // Summed in sorted order so the norm, and every score, is the same whatever order the map
    // iterates in.
    double[] squares = new double[stats.vocabularySize()];
    int[] i = {0};
    stats.forEach(
        (w, c) -> {
          double p = profileWeight(c[0], c[1]);
          squares[i[0]++] = p * p;
        });
    java.util.Arrays.sort(squares);
    double sum = 0;
    for (double s : squares) {
      sum += s;
    }
    this.profileNorm = Math.sqrt(sum);
  }

  /** The cosine in [0,1] between the row's words and the profile. */
  public double cosine(List<String> words) {
    if (words.isEmpty() || profileNorm == 0) {
      return 0;
    }
    Map<String, Integer> tf = new HashMap<>();
    for (String w : words) {
      tf.merge(w, 1, Integer::sum);
    }
    double dot = 0;
    double rowSq = 0;
    for (Map.Entry<String, Integer> e : tf.entrySet()) {
      long df = stats.df(e.getKey());
      double idf = idf(df);
      double r = (1 + Math.log(e.getValue())) * idf;
      rowSq += r * r;
      if (df > 0) {
        dot += r * profileWeight(df, stats.cf(e.getKey()));
      }
    }
    return Math.min(1.0, dot / (Math.sqrt(rowSq) * profileNorm));
  }

  public StageResult check(List<String> words) {
    double cos = cosine(words);
    boolean warm = acceptedRows >= params.warmupRows();
    if (warm && cos < params.minCosine()) {
      return StageResult.reject(
          Reason.IRRELEVANT,
          String.format(
              java.util.Locale.ROOT,
              "relevance %.3f is below %.3f: the row shares too little vocabulary with this datanet's description and accepted data",
              cos,
              params.minCosine()));
    }
    return StageResult.pass(Math.min(1.0, cos / params.fullCosine()));
  }

  private double idf(long df) {
    return logN1 - Math.log(df + 1.0) + 1.0;
  }

  private double profileWeight(long df, long cf) {
    return (1 + Math.log(cf)) * idf(df);
  }
}
