package dev.openledger.ledger.engine;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.tx.Rejection;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;

/**
 * Pending transactions, per sender ordered by nonce, senders in order of arrival. A block takes,
 * sender by sender, each sender's run of consecutive nonces starting at the account's next nonce; a
 * later nonce waits until the gap before it is filled.
 *
 * <p>A pending transaction is replaced by one from the same sender with the same nonce whose fee is
 * at least {@value #REPLACE_BUMP_BPS} basis points higher (and at least 1 nano OPEN more): the
 * replacement takes its place in the queue. The replaced entry is kept aside until a block settles
 * its nonce, because a block already being built may hold it: if that block commits it, {@link
 * #remove} returns it as committed (and the replacement becomes stale); otherwise it is returned as
 * stale once its nonce is used. Either way its future completes exactly once, with what really
 * happened.
 *
 * <p>Thread-safe (one lock). Engines share it: the embedded engine builds blocks from it; a
 * replicated engine's leader does, and its followers hold their clients' transactions here while
 * they are forwarded to the leader.
 */
public final class Mempool {
  private final MempoolLimits limits;
  private final LinkedHashMap<Address, TreeMap<Long, Entry>> bySender = new LinkedHashMap<>();
  private final Map<Hash, Entry> byHash = new HashMap<>();
  private final Map<Hash, Entry> replaced = new HashMap<>();

  /** How much more fee a replacement pays, in basis points of the pending transaction's fee. */
  public static final long REPLACE_BUMP_BPS = 1000;

  /**
   * A pending transaction and its outcome future.
   *
   * @param tx the transaction
   * @param outcome completed when it is committed or dropped
   */
  public record Entry(VerifiedTransaction tx, CompletableFuture<TxOutcome> outcome) {}

  public Mempool(MempoolLimits limits) {
    this.limits = limits;
  }

  /**
   * Admits a transaction given its sender's committed account. Resubmitting a pending transaction
   * returns its existing entry.
   */
  public synchronized Result<Entry> add(VerifiedTransaction tx, Account account) {
    Entry existing = byHash.get(tx.hash());
    if (existing != null) {
      return Result.ok(existing);
    }
    long nonce = tx.body().nonce();
    if (nonce < account.nonce()) {
      return Rejection.BAD_NONCE.err(
          "nonce "
              + nonce
              + " was already used; the next nonce of "
              + tx.sender()
              + " is "
              + account.nonce());
    }
    if (nonce - account.nonce() > limits.maxNonceGap()) {
      return Rejection.BAD_NONCE.err(
          "nonce "
              + nonce
              + " is more than "
              + limits.maxNonceGap()
              + " ahead of the next nonce "
              + account.nonce());
    }
    if (account.balance().isLessThan(tx.body().fee())) {
      return Rejection.INSUFFICIENT_FUNDS.err(
          "balance "
              + account.balance()
              + " of "
              + tx.sender()
              + " cannot pay the fee "
              + tx.body().fee());
    }
    TreeMap<Long, Entry> queue = bySender.get(tx.sender());
    if (queue != null && queue.containsKey(nonce)) {
      return replace(queue.get(nonce), tx);
    }
    if (byHash.size() >= limits.maxTotal()) {
      return Rejection.MEMPOOL_FULL.err(
          "the node holds "
              + byHash.size()
              + " pending transactions, its limit; retry after the next block");
    }
    if (queue != null && queue.size() >= limits.maxPerSender()) {
      return Rejection.MEMPOOL_FULL.err(
          tx.sender()
              + " already has "
              + queue.size()
              + " pending transactions, the per-sender limit");
    }
    Entry e = new Entry(tx, new CompletableFuture<>());
    bySender.computeIfAbsent(tx.sender(), a -> new TreeMap<>()).put(nonce, e);
    byHash.put(tx.hash(), e);
    return Result.ok(e);
  }

  /**
   * {@code tx} in place of the pending {@code old} (same sender and nonce), if it pays enough more.
   */
  private Result<Entry> replace(Entry old, VerifiedTransaction tx) {
    Amount oldFee = old.tx().body().fee();
    Amount bump = oldFee.mulDiv(REPLACE_BUMP_BPS, 10_000);
    Amount required = oldFee.plus(bump.isLessThan(Amount.ofNano(1)) ? Amount.ofNano(1) : bump);
    if (tx.body().fee().isLessThan(required)) {
      return Rejection.BAD_NONCE.err(
          "nonce "
              + tx.body().nonce()
              + " of "
              + tx.sender()
              + " is taken by pending transaction "
              + old.tx().hash()
              + " (fee "
              + oldFee.toPlainString()
              + "); to replace it, pay a fee of at least "
              + required.toPlainString()
              + " OPEN");
    }
    if (replaced.size() >= limits.maxTotal()) {
      return Rejection.MEMPOOL_FULL.err(
          "the node holds "
              + replaced.size()
              + " replaced transactions; retry after the next block");
    }
    Entry e = new Entry(tx, new CompletableFuture<>());
    bySender.get(tx.sender()).put(tx.body().nonce(), e);
    byHash.remove(old.tx().hash());
    byHash.put(tx.hash(), e);
    replaced.put(old.tx().hash(), old);
    return Result.ok(e);
  }

  /** Takes out the replaced entries whose nonce is used, into {@code stale}. */
  private void sweepReplaced(Function<Address, Long> nextNonce, List<Entry> stale) {
    if (replaced.isEmpty()) {
      return;
    }
    Iterator<Entry> it = replaced.values().iterator();
    while (it.hasNext()) {
      Entry e = it.next();
      if (e.tx().body().nonce() < nextNonce.apply(e.tx().sender())) {
        it.remove();
        stale.add(e);
      }
    }
  }

  /**
   * Up to {@code max} transactions ready to run, in block order. Entries whose nonce is already
   * used are removed and returned in {@code stale} so that their futures can be completed.
   */
  public synchronized List<VerifiedTransaction> ready(
      int max, Function<Address, Long> nextNonce, List<Entry> stale) {
    List<VerifiedTransaction> out = new ArrayList<>(Math.min(max, byHash.size()));
    Iterator<Map.Entry<Address, TreeMap<Long, Entry>>> senders = bySender.entrySet().iterator();
    while (senders.hasNext() && out.size() < max) {
      Map.Entry<Address, TreeMap<Long, Entry>> s = senders.next();
      TreeMap<Long, Entry> queue = s.getValue();
      long expected = nextNonce.apply(s.getKey());
      while (!queue.isEmpty() && queue.firstKey() < expected) {
        Entry gone = queue.pollFirstEntry().getValue();
        byHash.remove(gone.tx().hash());
        stale.add(gone);
      }
      for (Entry e : queue.tailMap(expected, true).values()) {
        if (e.tx().body().nonce() != expected || out.size() >= max) {
          break;
        }
        out.add(e.tx());
        expected++;
      }
      if (queue.isEmpty()) {
        senders.remove();
      }
    }
    sweepReplaced(nextNonce, stale);
    return out;
  }

  /** Removes transactions (committed or dropped) and returns their entries. */
  public synchronized List<Entry> remove(List<Hash> hashes) {
    List<Entry> out = new ArrayList<>(hashes.size());
    for (Hash h : hashes) {
      Entry e = byHash.remove(h);
      if (e == null) {
        Entry r = replaced.remove(h); // replaced while a block that holds it was being built
        if (r != null) {
          out.add(r);
        }
        continue;
      }
      out.add(e);
      TreeMap<Long, Entry> queue = bySender.get(e.tx().sender());
      queue.remove(e.tx().body().nonce());
      if (queue.isEmpty()) {
        bySender.remove(e.tx().sender());
      }
    }
    return out;
  }

  /**
   * Removes the entries of {@code senders} whose nonce is below the account's next nonce (another
   * transaction used it) and returns them.
   */
  public synchronized List<Entry> pruneStale(
      Collection<Address> senders, Function<Address, Long> nextNonce) {
    List<Entry> out = new ArrayList<>();
    for (Address sender : senders) {
      TreeMap<Long, Entry> queue = bySender.get(sender);
      if (queue == null) {
        continue;
      }
      long expected = nextNonce.apply(sender);
      while (!queue.isEmpty() && queue.firstKey() < expected) {
        Entry gone = queue.pollFirstEntry().getValue();
        byHash.remove(gone.tx().hash());
        out.add(gone);
      }
      if (queue.isEmpty()) {
        bySender.remove(sender);
      }
    }
    sweepReplaced(nextNonce, out);
    return out;
  }

  /** Every pending entry, senders in arrival order and each sender's by nonce. */
  public synchronized List<Entry> entries() {
    List<Entry> out = new ArrayList<>(byHash.size());
    for (TreeMap<Long, Entry> queue : bySender.values()) {
      out.addAll(queue.values());
    }
    return out;
  }

  /** The pending entry with this hash, if any. */
  public synchronized java.util.Optional<Entry> get(Hash hash) {
    return java.util.Optional.ofNullable(byHash.get(hash));
  }

  /** Removes everything (shutdown) and returns the entries. */
  public synchronized List<Entry> clear() {
    List<Entry> out = new ArrayList<>(byHash.values());
    out.addAll(replaced.values());
    byHash.clear();
    bySender.clear();
    replaced.clear();
    return out;
  }

  public synchronized boolean contains(Hash hash) {
    return byHash.containsKey(hash);
  }

  public synchronized int size() {
    return byHash.size();
  }
}
