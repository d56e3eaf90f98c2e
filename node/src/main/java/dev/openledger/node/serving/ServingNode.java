package dev.openledger.node.serving;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.base.BaseModelHash;
import dev.openledger.node.api.RouteModule;
import dev.openledger.node.openai.OpenAiRoutes;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.service.ChargedCall;
import dev.openledger.openlora.service.OnChain;
import dev.openledger.openlora.service.OpenLoraService;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A node's paid serving: OpenLoRA over the base model, reading approved models, payment channels
 * and API keys from the node's chain ({@link ChainView}), with the provider's {@link UsageSettler}.
 * Its routes are the OpenAI-compatible API and the receipt proofs. Closing stops serving, settles
 * what is left (the engine must still run) and closes the call journal.
 */
public final class ServingNode implements AutoCloseable {
  private static final Pattern HASH = Pattern.compile("[0-9a-f]{64}");

  private static final Logger LOG = LoggerFactory.getLogger(ServingNode.class);

  private final OpenLoraService service;
  private final ChainView chain;
  private final UsageSettler settler;
  private final CallJournal journal;

  private ServingNode(
      OpenLoraService service, ChainView chain, UsageSettler settler, CallJournal journal) {
    this.service = service;
    this.chain = chain;
    this.settler = settler;
    this.journal = journal;
  }

  /**
   * Loads the base model and starts serving, journaling every charged call in {@code journalFile}
   * ({@link CallJournal}) and keeping settled batches in {@code settledDir} ({@link
   * SettledBatchStore}). The receipts the journal holds that are not settled on chain go back into
   * the meter first. Settling starts with {@link #startSettling}, once every part that registers a
   * journal need (attribution) has.
   */
  public static ServingNode start(
      LedgerEngine engine,
      ModelFactory factory,
      ServingOptions options,
      Path settledDir,
      Path journalFile)
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
    CallJournal journal;
    UsageSettler settler;
    try {
      journal = CallJournal.open(journalFile);
    } catch (IOException | RuntimeException e) {
      service.close();
      throw e;
    }
    try {
      for (ChargedCall c : journal.recovered()) {
        Address signer = c.receipt().receipt().provider();
        if (!signer.equals(options.provider().address())) {
          throw new IOException(
              "the call journal "
                  + journalFile
                  + " holds receipts of provider "
                  + signer
                  + ", but this node serves as "
                  + options.provider().address()
                  + ": start it with that provider's key to settle them, or move the journal away"
                  + " to give them up");
        }
      }
      List<SignedReceipt> restored =
          service.meter().restore(journal.recovered().stream().map(ChargedCall::receipt).toList());
      if (!restored.isEmpty()) {
        LOG.info(
            "took back {} unsettled receipts ({} OPEN) from the call journal; they settle at the"
                + " next settlement",
            restored.size(),
            restored.stream()
                .map(r -> r.receipt().charge())
                .reduce(Amount.ZERO, Amount::plus)
                .toPlainString());
      }
      service.addUsageListener(journal::append);
      settler =
          new UsageSettler(
              engine,
              service.meter(),
              options.provider(),
              chain,
              options.settleInterval(),
              new SettledBatchStore(settledDir));
    } catch (IOException | RuntimeException e) {
      service.close();
      journal.close();
      throw e;
    }
    UsageSettler s = settler;
    journal.addNeed(
        () -> {
          Set<String> unsettled = s.unsettledRequests();
          return call -> unsettled.contains(call.receipt().receipt().requestId());
        });
    settler.addListener(settled -> compact(journal));
    return new ServingNode(service, chain, settler, journal);
  }

  /** Starts settling every interval. */
  public void startSettling() {
    settler.start();
  }

  private static void compact(CallJournal journal) {
    try {
      int dropped = journal.compact();
      LOG.debug("call journal: {} settled and attributed calls dropped", dropped);
    } catch (IOException e) {
      LOG.warn(
          "cannot compact the call journal {}; it is tried again after the next settlement",
          journal.file(),
          e);
    }
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

  /** The journal of charged calls. */
  public CallJournal journal() {
    return journal;
  }

  /** The OpenAI-compatible routes and the receipt proof route. */
  public List<RouteModule> routes() {
    return List.of(new OpenAiRoutes(service), new ReceiptRoutes(settler, journal));
  }

  @Override
  public void close() {
    try {
      service.close();
    } finally {
      try {
        settler.close();
      } finally {
        journal.close();
      }
    }
  }
}
