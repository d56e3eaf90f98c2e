package dev.openledger.openlora.bench;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ml.format.DType;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.PeftAdapter;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Rng;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.ml.tokenizer.BpeTrainer;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.service.BaseModel;
import java.io.IOException;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Optional;

/**
 * Random base models and LoRA adapters for tests and benchmarks: untrained, but with weights spread
 * wide enough (Gaussian, std {@code spread}) that different adapters visibly change greedy output.
 * Everything is a pure function of the seeds.
 */
public final class SyntheticModels {
  private static final String TEXT =
      "The jury said it did find that many of the voters were not told about the election. "
          + "She looked at the river and thought of the long summer days when the town was quiet. "
          + "In the morning the market opened early and the farmers brought their grain to the city. "
          + "He wrote to the committee that the report would be ready before the end of the month. "
          + "Models learn from data, and the people who gave the data should be paid when the model is used. ";

  private SyntheticModels() {}

  /**
   * A byte-level BPE tokenizer of about {@code vocabSize} tokens with BOS, EOS and the ChatML
   * markers.
   */
  public static BpeTokenizer tokenizer(int vocabSize) {
    BpeTrainer t = new BpeTrainer(BpeTrainer.Options.defaults(vocabSize));
    for (int i = 0; i < 4; i++) {
      t.add(TEXT);
    }
    return t.train();
  }

  /** A model shape: dim, MLP width, layers, heads, kv heads, vocabulary, context. */
  public static LlamaConfig config(
      int dim, int hidden, int layers, int heads, int kvHeads, int vocab, int context) {
    return new LlamaConfig(
        dim, hidden, layers, heads, kvHeads, vocab, context, 10000f, 1e-5f, false);
  }

  /** Random weights: norms near 1, everything else N(0, spread²). */
  public static Parameters weights(LlamaConfig c, long seed, double spread) {
    Parameters p = Parameters.zeros(c);
    Rng rng = new Rng(seed);
    float[] d = p.data();
    for (var s : p.layout().tensors()) {
      boolean norm = s.name().endsWith("norm.weight");
      for (int i = s.offset(); i < s.offset() + s.size(); i++) {
        d[i] =
            norm ? (float) (1 + 0.1 * rng.nextGaussian()) : (float) (spread * rng.nextGaussian());
      }
    }
    return p;
  }

  /** A base model over {@code tokenizer} with vocabulary exactly the tokenizer's. */
  public static BaseModel base(
      String id, BpeTokenizer tokenizer, int dim, int layers, int context, long seed) {
    LlamaConfig c = config(dim, 2 * dim, layers, 4, 2, tokenizer.vocabSize(), context);
    int bos = tokenizer.addedTokenId(BpeTrainer.BOS).orElseThrow();
    int eos = tokenizer.addedTokenId(BpeTrainer.EOS).orElseThrow();
    return new BaseModel(id, weights(c, seed, 0.3), tokenizer, bos, eos);
  }

  /** Rank {@code rank}, alpha {@code 2·rank}, every projection targeted. */
  public static LoraConfig lora(int rank) {
    return new LoraConfig(rank, 2f * rank, 0f, EnumSet.allOf(LinearKind.class));
  }

  /**
   * An adapter with both factors N(0, spread²) (a fresh PEFT adapter has B = 0 and changes
   * nothing).
   */
  public static LoraParameters adapter(LlamaConfig c, LoraConfig lora, long seed, double spread) {
    LoraParameters p = LoraParameters.zeros(c, lora);
    Rng rng = new Rng(seed);
    float[] d = p.data();
    for (int i = 0; i < d.length; i++) {
      d[i] = (float) (spread * rng.nextGaussian());
    }
    return p;
  }

  /** Writes {@code adapter} as a PEFT directory and returns its content hash. */
  public static Hash write(Path dir, LoraParameters adapter, LlamaConfig base, String baseId)
      throws IOException {
    PeftAdapter peft = EngineTensors.adapter(adapter, Optional.of(baseId));
    PeftAdapterDirectory.write(dir, peft, base, DType.F32);
    return PeftAdapterDirectory.contentHash(peft);
  }

  /**
   * Writes a random rank-{@code rank} adapter for {@code base} under {@code dir} and returns its
   * listing.
   *
   * @param price price per token
   */
  public static ModelListing publish(
      Path dir, String name, BaseModel base, int rank, long seed, Amount price) throws IOException {
    LoraParameters a = adapter(base.config(), lora(rank), seed, 0.3);
    Hash h = write(dir, a, base.config(), base.id());
    return new ModelListing(name, base.id(), dir, h, price, Address.module("developer-" + name));
  }
}
