package dev.openledger.modelfactory.poa;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * What the attribution eval runs (see {@link AttributionEval}).
 *
 * @param repoRoot where {@code .data/} is (the Brown corpus)
 * @param base the base model directory (a Hugging Face directory of this engine's format)
 * @param genres Brown genre letters, one Datanet each
 * @param contributorsPerGenre contributors per Datanet
 * @param docsPerContributor Brown documents each contributor submits (consecutive documents of its
 *     genre)
 * @param queriesPerGenre held-out paragraphs of each genre used as queries (from documents nobody
 *     submitted)
 * @param subsets LDS subsets (contributor subsets of half the contributors, each a retrained
 *     adapter)
 * @param training the fine-tune's settings
 * @param junkPerGenre junk rows injected per genre for the detection stage (half word salad, half
 *     off-genre)
 * @param duplicates k of the duplicate attack (the data appears k times)
 * @param sybils m of the Sybil attack (the data split over m accounts)
 * @param spamRows rows of the spam flood
 * @param separateAttacks one retrained model per attack (else all attacks in one model)
 * @param latencyRows rows of the large model the latency stage fine-tunes (0 skips it)
 * @param seed seeds the subsets, the junk and the edits
 * @param threads worker threads
 */
public record EvalConfig(
    Path repoRoot,
    Path base,
    List<Character> genres,
    int contributorsPerGenre,
    int docsPerContributor,
    int queriesPerGenre,
    int subsets,
    Training training,
    int junkPerGenre,
    int duplicates,
    int sybils,
    int spamRows,
    boolean separateAttacks,
    int latencyRows,
    long seed,
    int threads) {

  public EvalConfig {
    Objects.requireNonNull(repoRoot, "repoRoot");
    Objects.requireNonNull(base, "base");
    genres = List.copyOf(genres);
    Objects.requireNonNull(training, "training");
    if (genres.size() < 2
        || contributorsPerGenre < 2
        || docsPerContributor < 1
        || queriesPerGenre < 1
        || subsets < 3
        || junkPerGenre < 2
        || duplicates < 2
        || sybils < 2
        || spamRows < 1
        || latencyRows < 0
        || threads < 1) {
      throw new IllegalArgumentException(
          "the eval needs >= 2 genres, >= 2 contributors each, >= 3 subsets and positive sizes");
    }
  }

  /** This configuration with other fine-tune settings. */
  public EvalConfig withTraining(Training t) {
    return new EvalConfig(
        repoRoot,
        base,
        genres,
        contributorsPerGenre,
        docsPerContributor,
        queriesPerGenre,
        subsets,
        t,
        junkPerGenre,
        duplicates,
        sybils,
        spamRows,
        separateAttacks,
        latencyRows,
        seed,
        threads);
  }

  /**
   * This configuration with another base, genres, contributors per genre, subsets and thread count.
   */
  public EvalConfig with(
      Path newBase, List<Character> newGenres, int contributors, int newSubsets, int newThreads) {
    return new EvalConfig(
        repoRoot,
        newBase,
        newGenres,
        contributors,
        docsPerContributor,
        queriesPerGenre,
        newSubsets,
        training,
        junkPerGenre,
        duplicates,
        sybils,
        spamRows,
        separateAttacks,
        latencyRows,
        seed,
        newThreads);
  }

  /** This configuration with another latency-model size (0 skips the stage). */
  public EvalConfig withLatencyRows(int rows) {
    return new EvalConfig(
        repoRoot,
        base,
        genres,
        contributorsPerGenre,
        docsPerContributor,
        queriesPerGenre,
        subsets,
        training,
        junkPerGenre,
        duplicates,
        sybils,
        spamRows,
        separateAttacks,
        rows,
        seed,
        threads);
  }

  /**
   * The fine-tune's settings (ModelFactory request fields).
   *
   * @param rank LoRA rank
   * @param targets LoRA targets
   * @param epochs epochs
   * @param seqLen cut-off in tokens
   * @param learningRate peak learning rate
   * @param batch rows per step
   * @param evalFraction rows held out per Datanet
   * @param seed the fine-tune's seed (initialisation, row order, dropout, split)
   */
  public record Training(
      int rank,
      List<String> targets,
      int epochs,
      int seqLen,
      float learningRate,
      int batch,
      float evalFraction,
      long seed) {
    public Training {
      targets = List.copyOf(targets);
    }

    /** The same settings with another seed (the retraining-noise control). */
    public Training withSeed(long s) {
      return new Training(rank, targets, epochs, seqLen, learningRate, batch, evalFraction, s);
    }
  }

  /**
   * The full harness ({@code openledger attribution eval}): four genres (government, hobbies,
   * adventure, religion), four contributors each with one document, 8 queries per genre, 24 LDS
   * subsets, rank 8 on q and v, 3 epochs of 64 tokens, a separate model per attack, and a
   * 10,000-row model for latency.
   */
  public static EvalConfig full(Path repoRoot, Path base, int threads) {
    return new EvalConfig(
        repoRoot,
        base,
        List.of('h', 'e', 'n', 'd'),
        4,
        1,
        8,
        24,
        new Training(8, List.of("q", "v"), 3, 64, 5e-3f, 8, 0.05f, 42),
        12,
        3,
        3,
        40,
        true,
        10_000,
        7,
        threads);
  }

  /**
   * The CI-sized harness: two genres (government, adventure), three contributors each with one
   * document, 6 queries per genre, 8 subsets, 2 epochs of 48 tokens, all attacks in one model, no
   * latency model.
   */
  public static EvalConfig ci(Path repoRoot, Path base) {
    return new EvalConfig(
        repoRoot,
        base,
        List.of('h', 'n'),
        3,
        1,
        6,
        8,
        new Training(4, List.of("q", "v"), 2, 48, 1e-2f, 8, 0.05f, 42),
        8,
        3,
        3,
        20,
        false,
        0,
        7,
        2);
  }
}
