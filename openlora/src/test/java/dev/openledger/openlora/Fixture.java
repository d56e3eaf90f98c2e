package dev.openledger.openlora;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.generate.Completion;
import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.generate.GenerationConfig;
import dev.openledger.ml.generate.Generator;
import dev.openledger.ml.generate.ServingAdapter;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tokenizer.BpeTokenizer;
import dev.openledger.openlora.bench.SyntheticModels;
import dev.openledger.openlora.chain.InMemoryChain;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.service.BaseModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tiny random base model (about 9k parameters), adapters on disk and a devnet chain listing them.
 */
public final class Fixture {
  public static final BpeTokenizer TOKENIZER = SyntheticModels.tokenizer(300);
  public static final BaseModel BASE = SyntheticModels.base("tiny-base", TOKENIZER, 16, 2, 64, 7);
  public static final Amount PRICE = Amount.ofNano(1_000);
  public static final KeyPair PROVIDER = KeyPair.insecureFromLabel("provider");
  public static final KeyPair ALICE = KeyPair.insecureFromLabel("alice");

  public final InMemoryChain chain = new InMemoryChain();
  public final List<ModelListing> models = new ArrayList<>();

  /** {@code n} rank-4 adapters named {@code m0..}, under {@code dir}. */
  public Fixture(Path dir, int n) {
    for (int i = 0; i < n; i++) {
      models.add(publish(dir.resolve("m" + i), "m" + i, 100 + i));
    }
  }

  public ModelListing publish(Path dir, String name, long seed) {
    try {
      ModelListing m = SyntheticModels.publish(dir, name, BASE, 4, seed, PRICE);
      chain.putModel(m);
      return m;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Bytes one of the fixture's adapters occupies in the cache. */
  public static long adapterBytes() {
    return dev.openledger.openlora.store.AdapterStore.residentBytes(
        BASE.config(), SyntheticModels.lora(4));
  }

  /**
   * What {@code model} generates greedily for {@code prompt} decoded alone, loaded straight from
   * its files.
   */
  public static int[] alone(ModelListing model, int[] prompt, int maxTokens) {
    try {
      ServingAdapter a =
          new ServingAdapter(
              model.name(),
              EngineTensors.loraParameters(
                  BASE.config(), PeftAdapterDirectory.read(model.adapterDir(), BASE.config())));
      Generator g = new Generator(new Decoder(BASE.weights(), VectorKernels.shared()));
      Completion c =
          g.generate(
              new Generator.Request(
                  prompt, a, GenerationConfig.greedy(maxTokens, Set.of(BASE.eosTokenId()))));
      return c.tokens();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** BOS then the text's tokens. */
  public static int[] prompt(String text) {
    int[] body = TOKENIZER.encodeOrdinary(text);
    int[] ids = new int[body.length + 1];
    ids[0] = BASE.bosTokenId();
    System.arraycopy(body, 0, ids, 1, body.length);
    return ids;
  }
}
