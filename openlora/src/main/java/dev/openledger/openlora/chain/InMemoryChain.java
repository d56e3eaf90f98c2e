package dev.openledger.openlora.chain;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListMap;

/**
 * The registry, escrows and key bindings held in memory, for OpenLoRA's own tests and benchmarks (a
 * node reads them from its chain). Thread-safe.
 */
public final class InMemoryChain implements ModelRegistry, EscrowLedger, ApiKeyDirectory {
  private final Map<String, ModelListing> models = new ConcurrentSkipListMap<>();
  private final Map<List<Address>, EscrowAccount> escrows = new ConcurrentHashMap<>();
  private final Map<Hash, Address> keys = new ConcurrentHashMap<>();

  /** Adds or replaces an approved model. */
  public InMemoryChain putModel(ModelListing listing) {
    models.put(listing.name(), listing);
    return this;
  }

  /** Removes a model (e.g. governance withdrew it). */
  public InMemoryChain removeModel(String name) {
    models.remove(name);
    return this;
  }

  /** Binds {@code key} to {@code account}. */
  public InMemoryChain bindKey(String key, Address account) {
    keys.put(ApiKeyDirectory.hashOf(key), account);
    return this;
  }

  /** Binds a key given by its hash. */
  public InMemoryChain bindKeyHash(Hash keyHash, Address account) {
    keys.put(keyHash, account);
    return this;
  }

  /** Opens (or tops up) the channel from {@code payer} to {@code provider} with {@code amount}. */
  public synchronized EscrowAccount deposit(Address payer, Address provider, Amount amount) {
    List<Address> k = List.of(payer, provider);
    EscrowAccount e = escrows.get(k);
    EscrowAccount next =
        e == null
            ? new EscrowAccount(channelId(payer, provider), payer, provider, amount, Amount.ZERO, 0)
            : new EscrowAccount(
                e.id(),
                payer,
                provider,
                e.deposit().plus(amount),
                e.settledCharged(),
                e.settledNonce());
    escrows.put(k, next);
    return next;
  }

  /** Records a settlement up to receipt {@code nonce} with cumulative charge {@code cumulative}. */
  public synchronized EscrowAccount settle(
      Address payer, Address provider, long nonce, Amount cumulative) {
    List<Address> k = List.of(payer, provider);
    EscrowAccount e = escrows.get(k);
    if (e == null || nonce <= e.settledNonce() || cumulative.isLessThan(e.settledCharged())) {
      throw new IllegalArgumentException("settlement must move the channel forward");
    }
    EscrowAccount next = new EscrowAccount(e.id(), payer, provider, e.deposit(), cumulative, nonce);
    escrows.put(k, next);
    return next;
  }

  /** A channel's id: SHA-256 over a domain tag, payer and provider. */
  public static Hash channelId(Address payer, Address provider) {
    return Hash.sha256(
        "openledger/payment-channel/v1".getBytes(java.nio.charset.StandardCharsets.UTF_8),
        payer.bytes(),
        provider.bytes());
  }

  @Override
  public Optional<ModelListing> lookup(String name) {
    return Optional.ofNullable(models.get(name));
  }

  @Override
  public List<ModelListing> all() {
    return new ArrayList<>(models.values());
  }

  @Override
  public Optional<EscrowAccount> escrow(Address payer, Address provider) {
    return Optional.ofNullable(escrows.get(List.of(payer, provider)));
  }

  @Override
  public Optional<Address> account(Hash keyHash) {
    return Optional.ofNullable(keys.get(keyHash));
  }
}
