package dev.openledger.modelfactory.data;

import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import dev.openledger.ml.train.Example;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * A job's rows, split and tokenised. Each row becomes one example {@code <bos> text <eos>} (the
 * text encoded as ordinary text, so it cannot forge control tokens), scored on every token after
 * BOS and cut to {@code seqLen + 1} tokens (LLaMA-Factory's {@code cutoff_len}). Training rows are
 * the non-held-out rows of every datanet, datanets in spec order, rows in export order; the example
 * at index {@code i} is row {@code i}.
 */
public final class TrainingData {
  /** One datanet's held-out rows and their examples. */
  public record EvalSet(DatanetVersionRef datanet, List<TrainingRow> rows, List<Example> examples) {
    public EvalSet {
      rows = List.copyOf(rows);
      examples = List.copyOf(examples);
    }
  }

  private final List<TrainingRow> trainRows;
  private final List<Example> trainExamples;
  private final List<EvalSet> eval;
  private final int truncatedRows;
  private final long trainTokens;
  private final int padId;

  private TrainingData(
      List<TrainingRow> trainRows,
      List<Example> trainExamples,
      List<EvalSet> eval,
      int truncatedRows,
      long trainTokens,
      int padId) {
    this.trainRows = List.copyOf(trainRows);
    this.trainExamples = List.copyOf(trainExamples);
    this.eval = List.copyOf(eval);
    this.truncatedRows = truncatedRows;
    this.trainTokens = trainTokens;
    this.padId = padId;
  }

  /** Reads the job's snapshot (checking every root), splits each datanet and tokenises. */
  public static TrainingData load(
      FineTuneSpec spec, Path dataDir, BpeTokenizer tok, int bos, int eos) throws IOException {
    int cut = spec.optimization().seqLen() + 1;
    List<TrainingRow> trainRows = new ArrayList<>();
    List<Example> trainExamples = new ArrayList<>();
    List<EvalSet> eval = new ArrayList<>();
    int truncated = 0;
    long tokens = 0;
    for (DatanetVersionRef ref : spec.datanets()) {
      DataSplit split =
          DataSplit.of(DataSnapshot.read(dataDir, ref), spec.evalFraction(), spec.seed());
      for (TrainingRow r : split.train()) {
        Example e = encode(tok, r.text(), bos, eos);
        int len = e.tokens().length;
        truncated += len > cut ? 1 : 0;
        tokens += Math.min(len, cut) - 1;
        trainRows.add(r);
        trainExamples.add(e);
      }
      List<Example> evalExamples = new ArrayList<>();
      for (TrainingRow r : split.eval()) {
        evalExamples.add(encode(tok, r.text(), bos, eos));
      }
      eval.add(new EvalSet(ref, split.eval(), evalExamples));
    }
    int pad = tok.addedTokenId(BpeTrainer.PAD).orElse(eos);
    return new TrainingData(trainRows, trainExamples, eval, truncated, tokens, pad);
  }

  /** {@code <bos> text <eos>}, scored on every token after BOS. */
  public static Example encode(BpeTokenizer tok, String text, int bos, int eos) {
    int[] body = tok.encodeOrdinary(text);
    int[] all = new int[body.length + 2];
    all[0] = bos;
    System.arraycopy(body, 0, all, 1, body.length);
    all[all.length - 1] = eos;
    return new Example(all, 0);
  }

  public List<TrainingRow> trainRows() {
    return trainRows;
  }

  public List<Example> trainExamples() {
    return trainExamples;
  }

  public List<EvalSet> eval() {
    return eval;
  }

  /** Training rows longer than the cut-off (their tail is not trained on). */
  public int truncatedRows() {
    return truncatedRows;
  }

  /** Scored tokens in one pass over the training rows (after the cut-off). */
  public long trainTokens() {
    return trainTokens;
  }

  /** The id used to pad short rows (never scored). */
  public int padId() {
    return padId;
  }
}
