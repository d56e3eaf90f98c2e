package dev.openledger.ledger.cluster;

import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.engine.ChainReader;
import dev.openledger.ledger.engine.Mempool;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A follower's side of client submissions: transactions its clients submitted wait in its own
 * mempool and are sent to the leader, in batches, until a block holding them is applied here. A
 * transaction is sent again when the leader changes or when no block took it for a while (the old
 * leader may have died with it), so an admitted transaction survives leader failover; the leader's
 * mempool ignores copies it holds, and nonces keep a transaction from being applied twice.
 */
final class Forwarder implements Runnable {
  private static final Logger log = LoggerFactory.getLogger(Forwarder.class);
  private static final long RESEND_NANOS = TimeUnit.SECONDS.toNanos(2);
  private static final long ANSWER_TIMEOUT_SECONDS = 10;

  private final RaftNode raft;
  private final Mempool mempool;
  private final ChainReader reader;
  private final BlockProducer.Rejecter rejecter;
  private final Map<Hash, Long> sentAt = new ConcurrentHashMap<>();
  private final Object wake = new Object();
  private volatile boolean running = true;
  private volatile boolean workHint;

  Forwarder(RaftNode raft, Mempool mempool, ChainReader reader, BlockProducer.Rejecter rejecter) {
    this.raft = raft;
    this.mempool = mempool;
    this.reader = reader;
    this.rejecter = rejecter;
  }

  void poke() {
    workHint = true;
    synchronized (wake) {
      wake.notifyAll();
    }
  }

  /** A new leader: everything pending goes to it now. */
  void leaderChanged() {
    sentAt.clear();
    poke();
  }

  void stop() {
    running = false;
    poke();
  }

  @Override
  public void run() {
    while (running) {
      try {
        synchronized (wake) {
          if (!workHint && running) {
            wake.wait(200);
          }
          workHint = false;
        }
        if (running && !raft.isLeader() && raft.leaderId().isPresent()) {
          forwardDue();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      } catch (RuntimeException e) {
        log.warn("forwarding to the leader failed; retrying: {}", e.toString());
      }
    }
  }

  private void forwardDue() throws InterruptedException {
    long now = System.nanoTime();
    List<Mempool.Entry> due = new ArrayList<>();
    Set<Hash> pending = new HashSet<>();
    for (Mempool.Entry e : mempool.entries()) {
      pending.add(e.tx().hash());
      Long at = sentAt.get(e.tx().hash());
      if ((at == null || now - at > RESEND_NANOS) && due.size() < Forwarding.MAX_BATCH) {
        due.add(e);
      }
    }
    sentAt.keySet().retainAll(pending);
    if (due.isEmpty()) {
      return;
    }
    List<SignedTransaction> txs = new ArrayList<>(due.size());
    for (Mempool.Entry e : due) {
      txs.add(e.tx().signed());
    }
    List<Forwarding.Answer> answers;
    try {
      byte[] reply =
          raft.askLeader(Forwarding.encodeRequest(txs))
              .get(ANSWER_TIMEOUT_SECONDS, TimeUnit.SECONDS);
      answers = Forwarding.decodeReply(reply);
    } catch (ExecutionException | TimeoutException | DecodeException e) {
      log.debug("the leader did not take {} forwarded transactions: {}", txs.size(), e.toString());
      return;
    }
    if (answers.size() != due.size()) {
      log.warn("the leader answered {} of {} forwarded transactions", answers.size(), due.size());
      return;
    }
    for (int i = 0; i < due.size(); i++) {
      Mempool.Entry e = due.get(i);
      sentAt.put(e.tx().hash(), now);
      if (answers.get(i) instanceof Forwarding.Refused r && reader.tx(e.tx().hash()).isEmpty()) {
        rejecter.reject(
            mempool.remove(List.of(e.tx().hash())),
            r.code(),
            "the leader refused it: " + r.message());
      }
    }
    if (due.size() == Forwarding.MAX_BATCH) {
      workHint = true;
    }
  }
}
