package dev.openledger.node.serving;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.engine.LedgerEngine;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.model.ModelModule;
import dev.openledger.ledger.model.ModelState;
import dev.openledger.ledger.model.RegisteredModel;
import dev.openledger.ledger.payment.PaymentModule;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.openlora.chain.ApiKeyDirectory;
import dev.openledger.openlora.chain.EscrowAccount;
import dev.openledger.openlora.chain.EscrowLedger;
import dev.openledger.openlora.chain.ModelListing;
import dev.openledger.openlora.chain.ModelRegistry;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * OpenLoRA's three views of the chain, read from the node's own state: payment channels ({@link
 * EscrowLedger}), API keys ({@link ApiKeyDirectory}) and the approved models it can serve ({@link
 * ModelRegistry}).
 *
 * <p>A model is listed when its latest approved version was trained on this provider's base model
 * and its adapter is in this node's ModelFactory artifacts: the artifact set whose registration
 * names the approved adapter hash, verified against its manifest, whose adapter directory hashes to
 * that adapter hash. Its price per token is the registry's effective price per 1,000 tokens divided
 * by 1,000, rounded up to a whole nano-OPEN; its developer is the registered developer. Listings
 * are recomputed when the chain moves; an adapter's verification is done once per hash.
 */
public final class ChainView implements ModelRegistry, EscrowLedger, ApiKeyDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(ChainView.class);

  private final LedgerEngine engine;
  private final PaymentModule payments;
  private final ModelModule models;
  private final ModelFactory factory;
  private final Hash baseHash;
  private final LlamaConfig baseConfig;
  private final Map<Hash, Path> adapters = new ConcurrentHashMap<>();
  private volatile Listings listings = new Listings(-1, new TreeMap<>());

  private record Listings(long height, TreeMap<String, Served> byName) {}

  /** A listing and the chain version it serves. */
  record Served(ModelListing listing, int version) {}

  /**
   * @param baseHash the served base model's content hash ({@code BaseModelHash}); approved models
   *     name it as their base
   * @param baseConfig its architecture, to read adapters against
   */
  public ChainView(
      LedgerEngine engine, ModelFactory factory, Hash baseHash, LlamaConfig baseConfig) {
    this.engine = engine;
    this.payments = engine.chain().module(PaymentModule.class);
    this.models = engine.chain().module(ModelModule.class);
    this.factory = factory;
    this.baseHash = baseHash;
    this.baseConfig = baseConfig;
  }

  /** The served base model's id as models name it: its content hash in hex. */
  public String baseId() {
    return baseHash.toHex();
  }

  @Override
  public Optional<EscrowAccount> escrow(Address payer, Address provider) {
    return payments
        .openChannel(engine.reader().snapshot(), payer, provider)
        .map(
            c ->
                new EscrowAccount(
                    c.id(), payer, provider, c.deposit(), c.settledCharged(), c.settledNonce()));
  }

  @Override
  public Optional<Address> account(Hash keyHash) {
    return payments.keyAccount(engine.reader().snapshot(), keyHash);
  }

  @Override
  public Optional<ModelListing> lookup(String name) {
    return Optional.ofNullable(current().byName().get(name)).map(Served::listing);
  }

  @Override
  public List<ModelListing> all() {
    return current().byName().values().stream().map(Served::listing).toList();
  }

  /** The chain version a listed model serves with this adapter, for settlement. */
  public Optional<Integer> version(String name, Hash adapterHash) {
    StateSnapshot s = engine.reader().snapshot();
    return models.versions(s, name).stream()
        .filter(m -> m.registration().adapter().equals(adapterHash))
        .map(RegisteredModel::version)
        .max(Comparator.naturalOrder());
  }

  private Listings current() {
    long height = engine.reader().height();
    Listings l = listings;
    if (l.height() == height) {
      return l;
    }
    synchronized (this) {
      if (listings.height() != height) {
        listings = compute(height);
      }
      return listings;
    }
  }

  private Listings compute(long height) {
    StateSnapshot s = engine.reader().snapshot();
    TreeMap<String, Served> byName = new TreeMap<>();
    List<RegisteredModel> approved =
        new ArrayList<>(models.list(s, Optional.of(ModelState.APPROVED)));
    approved.sort(
        Comparator.comparing(RegisteredModel::name)
            .thenComparing(RegisteredModel::version, Comparator.reverseOrder()));
    for (RegisteredModel m : approved) {
      if (byName.containsKey(m.name()) || !m.registration().baseModel().equals(baseHash)) {
        continue;
      }
      Optional<Path> dir = adapterDir(m.registration().adapter());
      if (dir.isEmpty()) {
        continue;
      }
      Amount perToken = perToken(models.effectivePrice(s, m));
      ModelListing listing =
          new ModelListing(
              m.name(), baseId(), dir.get(), m.registration().adapter(), perToken, m.developer());
      byName.put(m.name(), new Served(listing, m.version()));
    }
    return new Listings(height, byName);
  }

  /**
   * The price of one token: the price per 1,000 tokens over 1,000, rounded up to a whole nano-OPEN.
   */
  static Amount perToken(Amount per1k) {
    return Amount.ofNano(-Math.floorDiv(-per1k.nano(), 1000L));
  }

  /**
   * This node's verified adapter directory for an approved adapter hash, if it has the artifacts.
   * Found directories are remembered; a missing one is looked for again when the chain next moves.
   */
  private Optional<Path> adapterDir(Hash adapter) {
    Path known = adapters.get(adapter);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Path> found = findAdapter(adapter);
    found.ifPresent(d -> adapters.put(adapter, d));
    return found;
  }

  private Optional<Path> findAdapter(Hash adapter) {
    try {
      for (ModelRecord r : factory.models()) {
        for (ModelRecord v : factory.versions(r.name())) {
          if (!v.registration().adapter().equals(adapter)) {
            continue;
          }
          var artifacts = factory.artifacts(v);
          if (!artifacts.isOk()) {
            LOG.warn("artifacts of {} v{} do not verify: {}", v.name(), v.version(), artifacts);
            continue;
          }
          Path dir = artifacts.orElseThrow().resolve("adapter");
          Hash actual = PeftAdapterDirectory.contentHash(dir, baseConfig);
          if (actual.equals(adapter)) {
            return Optional.of(dir);
          }
          LOG.warn(
              "adapter of {} v{} hashes to {}, not the approved {}",
              v.name(),
              v.version(),
              actual,
              adapter);
        }
      }
    } catch (IOException e) {
      throw new java.io.UncheckedIOException("cannot read ModelFactory's artifacts", e);
    }
    return Optional.empty();
  }
}
