package dev.openledger.datanet.validate;

import java.util.Objects;

/**
 * Every threshold of the pipeline, grouped by stage. {@link #defaults()} follows OpenLedger's
 * published Datanet rules for the limits (5 MB per file; 10 MB and 20 files per user per day; 10 MB
 * per datanet per day; 1 MB taken as 2^20 bytes) and this project's measurements for the rest (see
 * docs/datanets.md).
 */
public record ValidationParams(
    Limits limits, RowShape rows, Dedup dedup, Spam spam, Relevance relevance) {
  public static final long MB = 1L << 20;

  public ValidationParams {
    Objects.requireNonNull(limits, "limits");
    Objects.requireNonNull(rows, "rows");
    Objects.requireNonNull(dedup, "dedup");
    Objects.requireNonNull(spam, "spam");
    Objects.requireNonNull(relevance, "relevance");
  }

  public static ValidationParams defaults() {
    return new ValidationParams(
        Limits.defaults(),
        RowShape.defaults(),
        Dedup.defaults(),
        Spam.defaults(),
        Relevance.defaults());
  }

  public ValidationParams withLimits(Limits l) {
    return new ValidationParams(l, rows, dedup, spam, relevance);
  }

  public ValidationParams withRelevance(Relevance r) {
    return new ValidationParams(limits, rows, dedup, spam, r);
  }

  /** Size and count limits. */
  public record Limits(
      long maxFileBytes,
      long maxUserBytesPerDay,
      int maxUserFilesPerDay,
      long maxDatanetBytesPerDay,
      int maxRowsPerFile) {
    public Limits {
      if (maxFileBytes <= 0
          || maxUserBytesPerDay <= 0
          || maxUserFilesPerDay <= 0
          || maxDatanetBytesPerDay <= 0
          || maxRowsPerFile <= 0) {
        throw new IllegalArgumentException("limits must be positive");
      }
    }

    public static Limits defaults() {
      return new Limits(5 * MB, 10 * MB, 20, 10 * MB, 50_000);
    }
  }

  /**
   * Row size. Paragraphs shorter than {@code minChars} are joined to the next one (a heading joins
   * its body); a row still shorter, or with fewer than {@code minWords} words, is rejected.
   * Paragraphs longer than {@code maxChars} are cut at sentence ends; a JSONL record longer than
   * that is rejected.
   */
  public record RowShape(int minChars, int minWords, int maxChars) {
    public RowShape {
      if (minChars < 1 || minWords < 1 || maxChars <= minChars) {
        throw new IllegalArgumentException("need 1 <= minChars < maxChars and minWords >= 1");
      }
    }

    public static RowShape defaults() {
      return new RowShape(40, 5, 8_000);
    }
  }

  /**
   * Near-duplicate detection: word {@code shingleSize}-grams, MinHash with {@code bands ×
   * rowsPerBand} hash functions, LSH banding, candidates verified by exact Jaccard ≥ {@code
   * jaccardThreshold}.
   */
  public record Dedup(int shingleSize, int bands, int rowsPerBand, double jaccardThreshold) {
    public Dedup {
      if (shingleSize < 1
          || bands < 1
          || rowsPerBand < 1
          || !(jaccardThreshold > 0 && jaccardThreshold <= 1)) {
        throw new IllegalArgumentException("bad dedup parameters");
      }
    }

    public static Dedup defaults() {
      return new Dedup(2, 40, 4, 0.6);
    }

    public int numHashes() {
      return bands * rowsPerBand;
    }
  }

  /**
   * Junk and spam thresholds; see {@link SpamStage} for the features. Rows with fewer than {@code
   * minWordsForStats} words skip the repetition and dictionary tests (too few words to judge).
   */
  public record Spam(
      double minAlphaRatio,
      double minEntropyRatio,
      double maxRepeatedTrigrams,
      double minVowelRatio,
      double maxVowelRatio,
      double maxLinkDensity,
      double minDictionaryCoverage,
      int dictionaryWarmupWords,
      int minWordsForStats) {
    public Spam {
      if (minVowelRatio >= maxVowelRatio || minWordsForStats < 1 || dictionaryWarmupWords < 0) {
        throw new IllegalArgumentException("bad spam parameters");
      }
    }

    public static Spam defaults() {
      return new Spam(0.6, 0.55, 0.3, 0.22, 0.6, 0.2, 0.3, 2_000, 8);
    }
  }

  /**
   * Relevance by TF-IDF cosine between a row and the datanet's profile (its description plus its
   * accepted rows). Rows below {@code minCosine} are rejected once the datanet has {@code
   * warmupRows} accepted rows; before that the cosine only grades. A cosine of {@code fullCosine}
   * or more grades 1.0.
   */
  public record Relevance(double minCosine, double fullCosine, int warmupRows) {
    public Relevance {
      if (minCosine < 0 || fullCosine <= minCosine || warmupRows < 0) {
        throw new IllegalArgumentException("need 0 <= minCosine < fullCosine and warmupRows >= 0");
      }
    }

    public static Relevance defaults() {
      return new Relevance(0.01, 0.1, 50);
    }
  }
}
