package dev.openledger.openlora.metering;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.core.receipt.SignedReceipt;
import dev.openledger.core.receipt.UsageReceipt;
import dev.openledger.openlora.chain.EscrowAccount;
import dev.openledger.openlora.chain.EscrowLedger;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The provider's off-chain meter over its payment channels. A request first {@link #reserve
 * reserves} its maximum cost ({@code (prompt tokens + max tokens) · price}); the reservation is
 * refused unless the channel's deposit minus everything charged or reserved covers it, so no work
 * is ever done unpaid. When the request ends it is {@link #charge charged} its actual cost, which
 * signs a receipt with the next nonce and the new cumulative charge, or {@link #release released}
 * if no work was done.
 *
 * <p>Thread-safe (all methods synchronize on the meter). State lives in memory: receipts not yet
 * settled are the provider's claim, which the provider keeps across a restart by journaling them
 * and {@link #restore restoring} them into the next meter (the caller's funds are never at risk
 * either way).
 */
public final class EscrowMeter {
  private final EscrowLedger ledger;
  private final KeyPair provider;
  private final Map<Hash, ChannelState> channels = new HashMap<>();
  private final Set<String> requestIds = new HashSet<>();
  private final List<SignedReceipt> receipts = new ArrayList<>();
  private int batched;

  /** Per channel: what has been charged (settled or not), what is held, and the next nonce. */
  private static final class ChannelState {
    Amount charged;
    Amount reserved = Amount.ZERO;
    long nextNonce;

    ChannelState(EscrowAccount a) {
      this.charged = a.settledCharged();
      this.nextNonce = a.settledNonce() + 1;
    }
  }

  /** A channel's off-chain position, for views and tests. */
  public record ChannelView(
      Hash channel, Amount deposit, Amount charged, Amount reserved, long nextNonce) {
    /** What new reservations may still take. */
    public Amount available() {
      Amount used = charged.plus(reserved);
      return deposit.isLessThan(used) ? Amount.ZERO : deposit.minus(used);
    }
  }

  public EscrowMeter(EscrowLedger ledger, KeyPair provider) {
    this.ledger = ledger;
    this.provider = provider;
  }

  /** The provider's account: the payee of every channel this meter charges. */
  public Address provider() {
    return provider.address();
  }

  /**
   * Takes back receipts this provider issued before a restart, before any request is metered: per
   * channel, those after the channel's settled nonce on chain, in nonce order, up to the first gap
   * (a receipt after a missing one could never settle). They are queued for settlement as if just
   * charged, and the channel's next nonce and cumulative charge continue from the last one. Returns
   * the receipts taken back, in the order they will be batched.
   *
   * @throws IllegalStateException if the meter has already metered a request
   * @throws IllegalArgumentException if a receipt is not this provider's or its signature is wrong
   */
  public synchronized List<SignedReceipt> restore(List<SignedReceipt> issued) {
    if (!receipts.isEmpty() || !channels.isEmpty()) {
      throw new IllegalStateException("receipts are restored before any request is metered");
    }
    Map<Hash, List<SignedReceipt>> byChannel = new TreeMap<>(Comparator.comparing(Hash::toHex));
    for (SignedReceipt s : issued) {
      UsageReceipt r = s.receipt();
      if (!r.provider().equals(provider.address()) || !s.verify()) {
        throw new IllegalArgumentException(
            "receipt of request " + r.requestId() + " is not signed by provider " + provider());
      }
      byChannel.computeIfAbsent(r.channel(), k -> new ArrayList<>()).add(s);
    }
    List<SignedReceipt> taken = new ArrayList<>();
    for (Map.Entry<Hash, List<SignedReceipt>> e : byChannel.entrySet()) {
      List<SignedReceipt> rs = new ArrayList<>(e.getValue());
      rs.sort(Comparator.comparingLong(s -> s.receipt().nonce()));
      UsageReceipt first = rs.get(0).receipt();
      Optional<EscrowAccount> account = ledger.escrow(first.caller(), provider.address());
      if (account.isEmpty() || !account.get().id().equals(e.getKey())) {
        continue; // the channel is gone: nothing of it can settle
      }
      ChannelState st = new ChannelState(account.get());
      for (SignedReceipt s : rs) {
        UsageReceipt r = s.receipt();
        if (r.nonce() < st.nextNonce) {
          continue; // settled already (or a copy)
        }
        if (r.nonce() > st.nextNonce) {
          break; // a gap: what follows cannot settle
        }
        st.nextNonce++;
        st.charged = r.cumulativeCharged();
        receipts.add(s);
        requestIds.add(r.requestId());
        taken.add(s);
      }
      channels.put(e.getKey(), st);
    }
    return List.copyOf(taken);
  }

  /**
   * Holds {@code maxCost} on the channel from {@code payer} to this provider for request {@code
   * requestId}. Refusals: {@code duplicate_request} (the id was used before), {@code no_channel},
   * {@code insufficient_funds}.
   */
  public synchronized Result<Reservation> reserve(Address payer, String requestId, Amount maxCost) {
    if (requestIds.contains(requestId)) {
      return Result.err("duplicate_request", "request id " + requestId + " was already metered");
    }
    Optional<EscrowAccount> account = ledger.escrow(payer, provider.address());
    if (account.isEmpty()) {
      return Result.err(
          "no_channel",
          "account "
              + payer
              + " has no payment channel to provider "
              + provider.address()
              + "; escrow OPEN for this provider first");
    }
    EscrowAccount a = account.get();
    ChannelState s = channels.computeIfAbsent(a.id(), k -> new ChannelState(a));
    catchUp(s, a);
    ChannelView v = view(a, s);
    if (v.available().isLessThan(maxCost)) {
      return Result.err(
          "insufficient_funds",
          "this request may cost up to "
              + maxCost
              + " but the channel has "
              + v.available()
              + " left (deposit "
              + a.deposit()
              + ", charged "
              + s.charged
              + ", held for running requests "
              + s.reserved
              + "); add to the escrow or lower max_tokens");
    }
    s.reserved = s.reserved.plus(maxCost);
    requestIds.add(requestId);
    return Result.ok(new Reservation(requestId, payer, a.id(), maxCost));
  }

  /** A settlement the meter did not make (another process, a restart) moves the channel forward. */
  private static void catchUp(ChannelState s, EscrowAccount a) {
    if (a.settledNonce() + 1 > s.nextNonce) {
      s.nextNonce = a.settledNonce() + 1;
      s.charged = a.settledCharged();
    }
  }

  /**
   * Charges {@code r} its actual cost and returns the signed receipt. Each reservation is charged
   * at most once.
   *
   * @throws IllegalStateException if {@code r} was already charged or released
   * @throws IllegalArgumentException if the usage costs more than was reserved
   */
  public synchronized SignedReceipt charge(Reservation r, Usage usage) {
    requireOpen(r);
    Amount cost = usage.cost();
    if (r.maxCost().isLessThan(cost)) {
      throw new IllegalArgumentException(
          "request "
              + r.requestId()
              + " used "
              + cost
              + ", more than its reservation "
              + r.maxCost());
    }
    ChannelState s = channels.get(r.channel());
    s.reserved = s.reserved.minus(r.maxCost());
    s.charged = s.charged.plus(cost);
    UsageReceipt receipt =
        new UsageReceipt(
            r.channel(),
            s.nextNonce++,
            r.requestId(),
            usage.model(),
            usage.adapterHash(),
            r.payer(),
            provider.address(),
            usage.promptTokens(),
            usage.completionTokens(),
            usage.pricePerToken(),
            cost,
            s.charged);
    r.state = Reservation.State.CHARGED;
    SignedReceipt signed = SignedReceipt.sign(receipt, provider);
    receipts.add(signed);
    return signed;
  }

  /**
   * Gives back a reservation for which no work was done.
   *
   * @throws IllegalStateException if {@code r} was already charged or released
   */
  public synchronized void release(Reservation r) {
    requireOpen(r);
    ChannelState s = channels.get(r.channel());
    s.reserved = s.reserved.minus(r.maxCost());
    r.state = Reservation.State.RELEASED;
  }

  private static void requireOpen(Reservation r) {
    if (r.state != Reservation.State.OPEN) {
      throw new IllegalStateException(
          "reservation for request "
              + r.requestId()
              + " is already "
              + r.state.name().toLowerCase());
    }
  }

  /** Every receipt issued (since the last {@link #forgetBatched}), in order. */
  public synchronized List<SignedReceipt> receipts() {
    return List.copyOf(receipts);
  }

  /** The receipts issued since the last batch, as a batch; empty when there are none. */
  public synchronized Optional<ReceiptBatch> cutBatch() {
    return cutBatch(Integer.MAX_VALUE, Integer.MAX_VALUE);
  }

  /**
   * The longest run of receipts issued since the last batch that spans at most {@code maxChannels}
   * channels and {@code maxModels} models (what one settlement transaction can carry), as a batch;
   * empty when there are none. Call again for the rest. A prefix keeps every channel's nonces
   * consecutive.
   */
  public synchronized Optional<ReceiptBatch> cutBatch(int maxChannels, int maxModels) {
    if (maxChannels < 1 || maxModels < 1) {
      throw new IllegalArgumentException("a batch spans at least one channel and one model");
    }
    if (batched == receipts.size()) {
      return Optional.empty();
    }
    Set<Hash> channelsSeen = new HashSet<>();
    Set<String> modelsSeen = new HashSet<>();
    int end = batched;
    while (end < receipts.size()) {
      UsageReceipt r = receipts.get(end).receipt();
      boolean newChannel = !channelsSeen.contains(r.channel());
      boolean newModel = !modelsSeen.contains(r.model());
      if ((newChannel && channelsSeen.size() == maxChannels)
          || (newModel && modelsSeen.size() == maxModels)) {
        break;
      }
      channelsSeen.add(r.channel());
      modelsSeen.add(r.model());
      end++;
    }
    ReceiptBatch b = ReceiptBatch.of(receipts.subList(batched, end)).orElseThrow();
    batched = end;
    return Optional.of(b);
  }

  /**
   * Drops the receipts already cut into batches (once their settlement is on chain, the provider
   * needs them no longer), so that a long-running provider's memory stays bounded; {@link
   * #receipts()} then lists the rest.
   */
  public synchronized void forgetBatched() {
    for (SignedReceipt r : receipts.subList(0, batched)) {
      requestIds.remove(r.receipt().requestId());
    }
    receipts.subList(0, batched).clear();
    batched = 0;
  }

  /** Receipts issued but not yet cut into a batch. */
  public synchronized int unbatched() {
    return receipts.size() - batched;
  }

  /** The channel from {@code payer}, as the meter sees it now. */
  public synchronized Optional<ChannelView> channel(Address payer) {
    return ledger
        .escrow(payer, provider.address())
        .map(
            a -> {
              ChannelState s = channels.computeIfAbsent(a.id(), k -> new ChannelState(a));
              catchUp(s, a);
              return view(a, s);
            });
  }

  private static ChannelView view(EscrowAccount a, ChannelState s) {
    return new ChannelView(a.id(), a.deposit(), s.charged, s.reserved, s.nextNonce);
  }
}
