package dev.openledger.ml.pretrain;

import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.runtime.LoadedModel;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import dev.openledger.ml.train.Objective;
import dev.openledger.ml.train.RandomWindows;
import dev.openledger.ml.train.StepStats;
import dev.openledger.ml.train.TrainConfig;
import dev.openledger.ml.train.Trainer;
import dev.openledger.ml.transformer.Activations;
import dev.openledger.ml.transformer.Batch;
import dev.openledger.ml.transformer.Transformer;
import java.util.List;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Pre-trains a base model: BPE vocabulary from the training documents, each document encoded as
 * {@code <|bos|> text <|eos|>} into one token stream, random windows of it for the preset's steps,
 * then the held-out loss next to the unigram baseline.
 */
public final class Pretrainer {
  private static final Logger LOG = LoggerFactory.getLogger(Pretrainer.class);

  /** Held-out evaluation reads at most this many windows. */
  private static final int EVAL_BATCHES = 8;

  private final Kernels kernels;

  public Pretrainer(Kernels kernels) {
    this.kernels = kernels;
  }

  /** Runs the whole pipeline; {@code progress} sees every optimizer step. */
  public PretrainResult run(Corpus corpus, PretrainSpec spec, Consumer<StepStats> progress) {
    Preset preset = spec.preset();
    BpeTrainer bpe = new BpeTrainer(BpeTrainer.Options.defaults(preset.vocabSize()));
    for (String doc : corpus.train()) {
      bpe.add(doc);
    }
    BpeTokenizer tok = bpe.train();
    int bos = tok.addedTokenId(BpeTrainer.BOS).orElseThrow();
    int eos = tok.addedTokenId(BpeTrainer.EOS).orElseThrow();
    int[] train = encode(tok, corpus.train(), bos, eos);
    int[] held = encode(tok, corpus.heldOut(), bos, eos);
    LlamaConfig config = preset.model(tok.vocabSize());
    TrainConfig tc = preset.training(spec.steps(), spec.seed());
    LOG.info(
        "pre-training {} ({} parameters) on {} tokens for {} steps",
        preset.lowerName(),
        new dev.openledger.ml.model.ParameterLayout(config).size(),
        train.length,
        tc.steps());
    Parameters w = Parameters.init(config, spec.seed());
    Transformer model = new Transformer(config, kernels);
    Trainer trainer =
        new Trainer(
            new Objective.Full(model, w, tc.batchSize(), tc.seqLen()),
            tc,
            new RandomWindows(train, tc.batchSize(), tc.seqLen(), spec.seed()));
    trainer.run(Integer.MAX_VALUE, progress);
    float heldLoss = heldOutLoss(model, w, held, tc.batchSize(), tc.seqLen());
    float unigram = unigramLoss(train, held, tok.vocabSize());
    return new PretrainResult(
        new LoadedModel(config, w, tok, bos, eos), heldLoss, unigram, train.length);
  }

  /** Documents as one stream: {@code <|bos|> doc <|eos|>} each. */
  static int[] encode(BpeTokenizer tok, List<String> docs, int bos, int eos) {
    int n = 0;
    int[][] parts = new int[docs.size()][];
    for (int i = 0; i < docs.size(); i++) {
      parts[i] = tok.encodeOrdinary(docs.get(i));
      n += parts[i].length + 2;
    }
    int[] out = new int[n];
    int at = 0;
    for (int[] p : parts) {
      out[at++] = bos;
      System.arraycopy(p, 0, out, at, p.length);
      at += p.length;
      out[at++] = eos;
    }
    return out;
  }

  /** Mean token loss of the model over consecutive windows of {@code tokens}. */
  public static float heldOutLoss(
      Transformer model, Parameters w, int[] tokens, int batchSize, int seqLen) {
    int windows = Math.max(1, (tokens.length - 1) / seqLen);
    int b = Math.max(1, Math.min(batchSize, windows));
    int batches = Math.max(1, Math.min(EVAL_BATCHES, windows / b));
    Activations acts = new Activations(w.config(), b, seqLen);
    double sum = 0;
    for (Batch batch : RandomWindows.sequential(tokens, b, seqLen, batches)) {
      sum += model.forward(w, batch, acts, null);
    }
    return (float) (sum / batches);
  }

  /**
   * Cross-entropy (nats per token) of {@code heldOut} under the add-one-smoothed unigram
   * distribution of {@code train}: the loss of a model that knows token frequencies and nothing
   * else.
   */
  public static float unigramLoss(int[] train, int[] heldOut, int vocab) {
    long[] counts = new long[vocab];
    for (int t : train) {
      counts[t]++;
    }
    double total = train.length + (double) vocab;
    double sum = 0;
    for (int i = 1; i < heldOut.length; i++) { // the first token is never predicted
      sum -= Math.log((counts[heldOut[i]] + 1) / total);
    }
    return (float) (sum / Math.max(1, heldOut.length - 1));
  }
}
