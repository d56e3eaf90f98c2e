package dev.openledger.node.serving;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.base.BaseModelHash;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.openai.OpenAiRoutes;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.service.OnChain;
import dev.openledger.openlora.service.OpenLoraService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A node's paid serving: OpenLoRA over the base model, reading approved models, payment channels
 * and API keys from the node's chain ({@link ChainView}), with the provider's {@link UsageSettler}.
 * Its routes are the OpenAI-compatible API and the receipt proofs. Closing stops serving and then
 * settles what is left (the engine must still run).
 */
public final class ServingNode implements AutoCloseable {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private final OpenLoraService service;
  private final ChainView chain;
  private final UsageSettler settler;

  private ServingNode(OpenLoraService service, ChainView chain, UsageSettler settler) {
    this.service = service;
    this.chain = chain;
    this.settler = settler;
  }

  /**
   * Loads the base model and starts serving and settling, keeping settled batches in {@code
   * settledDir} ({@link SettledBatchStore}).
   */
  public static ServingNode start(
      LedgerEngine engine, ModelFactory factory, ServingOptions options, Path settledDir)
      throws IOException {
    Path dir = baseDirectory(factory, options.base());
    HfModel m = ModelDirectory.read(dir);
    Hash baseHash = BaseModelHash.of(m);
    BaseModel base =
        new BaseModel(
            baseHash.toHex(),
            EngineTensors.parameters(m.config(), m.weights()),
            m.tokenizer(),
            m.bosTokenId(),
            m.eosTokenId());
    ChainView chain = new ChainView(engine, factory, baseHash, m.config());
    OpenLoraService service =
        OpenLoraService.start(
            base, new OnChain(chain, chain, chain), options.provider(), options.serve());
    UsageSettler settler =
        new UsageSettler(
            engine,
            service.meter(),
            options.provider(),
            chain,
            options.settleInterval(),
            new SettledBatchStore(settledDir));
    settler.start();
    return new ServingNode(service, chain, settler);
  }

  /** A model directory, or an imported base model's directory by its hash. */
  static Path baseDirectory(ModelFactory factory, String base) throws IOException {
    if (HASH.matcher(base).matches()) {
      Optional<Path> imported = factory.bases().directory(Hash.fromHex(base));
      if (imported.isPresent()) {
        return imported.get();
      }
      throw new IOException(
          "no base model " + base + " was imported into this node's ModelFactory");
    }
    Path dir = Path.of(base);
    if (!Files.isRegularFile(dir.resolve(ModelDirectory.CONFIG))) {
      throw new IOException(
          dir.toAbsolutePath() + " is not a model directory (no " + ModelDirectory.CONFIG + ")");
    }
    return dir;
  }

  public OpenLoraService service() {
    return service;
  }

  public ChainView chain() {
    return chain;
  }

  public UsageSettler settler() {
    return settler;
  }

  /** The OpenAI-compatible routes and the receipt proof route. */
  public List<RouteModule> routes() {
    return List.of(new OpenAiRoutes(service), new ReceiptRoutes(settler));
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      settler.close();
    }
  }
}
