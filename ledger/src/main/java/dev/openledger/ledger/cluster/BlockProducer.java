package dev.openledger.ledger.cluster;

import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.Mempool;
import dev.openledger.ledger.exec.TxExecutionException;
import dev.openledger.ledger.genesis.ChainParams;
import dev.openledger.ledger.tx.Rejection;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The leader's block loop. Every {@code blockTimeMs} (sooner while a full block waits), while this
 * node leads, has applied everything committed, is a validator and has not halted: take the ready
 * transactions (at most {@link RatisEngine#MAX_ENTRY_BYTES} of them), execute and sign the block on
 * the head, append it to the log and wait until it is applied here. One proposal is in flight at a
 * time, so each block builds on the one before; a proposal overtaken by another leader's is skipped
 * by every replica and its transactions stay pending.
 */
final class BlockProducer implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(BlockProducer.class);
  private static final long PROPOSAL_TIMEOUT_SECONDS = 30;

  /** Completes the futures of transactions that will not be included. */
  interface Rejecter {
    void reject(List<Mempool.Entry> entries, String code, String message);
  }

  private final RaftNode raft;
  private final Replica replica;
  private final Mempool mempool;
  private final Chain chain;
  private final ChainParams params;
  private final PublicKey self;
  private final LongSupplier clock;
  private final Rejecter rejecter;
  private final Object wake = new Object();
  private final AtomicLong blocksProduced = new AtomicLong();
  private final AtomicLong lastBlockMillis = new AtomicLong();
  private volatile boolean running = true;
  private volatile boolean workHint;

  BlockProducer(
      RaftNode raft,
      Replica replica,
      Mempool mempool,
      Chain chain,
      PublicKey self,
      LongSupplier clock,
      Rejecter rejecter) {
    this.raft = raft;
    this.replica = replica;
    this.mempool = mempool;
    this.chain = chain;
    this.params = chain.genesis().params();
    this.self = self;
    this.clock = clock;
    this.rejecter = rejecter;
  }

  /** New transactions or a leadership change: look again now. */
  void poke() {
    workHint = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  void stop() {
    running = false;
    poke();
  }

  long blocksProduced() {
    return blocksProduced.get();
  }

  long lastBlockMillis() {
    return lastBlockMillis.get();
  }

  @Override
  public void run() {
    long lastBlockAt = 0;
    while (running) {
      try {
        long wait = Math.max(1, lastBlockAt + params.blockTimeMs() - clock.getAsLong());
        synchronized (wake) {
          if (!workHint && running) {
            wake.wait(Math.min(wait, params.blockTimeMs()));
          }
          workHint = false;
        }
        if (!running || !mayPropose()) {
          continue;
        }
        long now = clock.getAsLong();
        boolean full = mempool.size() >= params.maxBlockTxs();
        if (!full && now - lastBlockAt < params.blockTimeMs()) {
          continue;
        }
        if (proposeOne(now)) {
          lastBlockAt = now;
          lastBlockMillis.set(clock.getAsLong() - now);
          if (mempool.size() > 0) {
            workHint = mempool.size() >= params.maxBlockTxs();
          }
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.error("block production failed; retrying after the next interval", e);
      }
    }
  }

  private boolean mayPropose() {
    return raft.isLeaderReady()
        && raft.caughtUp()
        && replica.haltReason().isEmpty()
        && replica.validators().contains(self);
  }

  /** Builds, appends and waits for one block; true when it was applied. */
  private boolean proposeOne(long now) throws InterruptedException {
    List<Mempool.Entry> stale = new ArrayList<>();
    List<VerifiedTransaction> txs =
        capBytes(
            mempool.ready(
                params.maxBlockTxs(),
                a -> chain.bank().account(replica.storeState(), a).nonce(),
                stale));
    rejecter.reject(stale, Rejection.BAD_NONCE.code(), "its nonce was used by another transaction");
    if (txs.isEmpty() && !params.emptyBlocks()) {
      return false;
    }
    Replica.Prepared prepared;
    try {
      prepared = replica.prepare(txs, now);
    } catch (TxExecutionException e) {
      log.error("transaction {} made a module throw; leaving it out", e.txHash(), e);
      rejecter.reject(
          mempool.remove(List.of(e.txHash())),
          "internal_error",
          "the node failed applying this transaction (a bug): " + e.getCause());
      return false;
    }
    try {
      ApplyOutcome outcome =
          raft.submitLocal(prepared.proposal().encode())
              .get(PROPOSAL_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      if (outcome.isApplied()) {
        blocksProduced.incrementAndGet();
        return true;
      }
      log.info(
          "proposal of block {} not applied: {} ({})",
          prepared.commit().block().height(),
          outcome.code(),
          outcome.message());
      return false;
    } catch (ExecutionException | TimeoutException e) {
      log.info(
          "proposal of block {} failed: {}",
          prepared.commit().block().height(),
          e.getCause() == null ? e.toString() : e.getCause().getMessage());
      return false;
    } finally {
      replica.forgetPrepared();
    }
  }

  /** The longest prefix that fits one log entry. */
  private static List<VerifiedTransaction> capBytes(List<VerifiedTransaction> txs) {
    long bytes = 4096;
    for (int i = 0; i < txs.size(); i++) {
      bytes += txs.get(i).signed().encodedLength() + 8;
      if (bytes > RatisEngine.MAX_ENTRY_BYTES) {
        return txs.subList(0, i);
      }
    }
    return txs;
  }
}
