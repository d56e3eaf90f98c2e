package dev.openledger.ledger.cluster;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.Rejection;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Steady transfer load: one client thread per sender, one transfer at a time, each submitted to a
 * random running validator. A client retries the same signed transaction on another validator until
 * the outcome is definite (committed or refused), so a crash never makes it sign a second
 * transaction with the same nonce; whatever is still unknown when the load stops is recorded as
 * info.
 */
@SuppressWarnings("try") // TransferLoad.close() joins its sender threads, so it may be interrupted
final class TransferLoad implements AutoCloseable {
  static final List<String> SENDERS = List.of("alice", "bob", "carol");
  private static final long OUTCOME_WAIT_MS = 3000;

  private final TestCluster cluster;
  private final History history;
  private final AtomicBoolean stop = new AtomicBoolean();
  private final List<Thread> threads = new ArrayList<>();
  private final long pauseMs;

  TransferLoad(TestCluster cluster, History history, long pauseMs) {
    this.cluster = cluster;
    this.history = history;
    this.pauseMs = pauseMs;
  }

  void start() {
    for (int i = 0; i < SENDERS.size(); i++) {
      KeyPair from = DevnetGenesis.key(SENDERS.get(i));
      KeyPair to = DevnetGenesis.key(SENDERS.get((i + 1) % SENDERS.size()));
      long seed = 1000 + i;
      Thread t = new Thread(() -> client(from, to, new Random(seed)), "load-" + SENDERS.get(i));
      t.setDaemon(true);
      threads.add(t);
      t.start();
    }
  }

  private void client(KeyPair from, KeyPair to, Random rnd) {
    long nonce = 0;
    while (!stop.get()) {
      Amount amount = Amount.ofNano(1_000_000L * (1 + rnd.nextInt(1000)));
      SignedTransaction tx = TestChains.tx(from, nonce, new Transfer(to.address(), amount));
      long invoked = System.nanoTime();
      History.Op op = untilDefinite(tx, rnd, invoked, amount, to);
      history.add(op);
      if (op.type() != History.Type.FAIL) {
        nonce++;
      }
      if (op.type() == History.Type.INFO) {
        return;
      }
      sleep(pauseMs);
    }
  }

  private History.Op untilDefinite(
      SignedTransaction tx, Random rnd, long invoked, Amount amount, KeyPair to) {
    String last = "";
    while (true) {
      if (stop.get()) {
        return op(
            tx, invoked, amount, to, History.Type.INFO, Optional.empty(), "load stopped: " + last);
      }
      List<Integer> up = cluster.running();
      if (up.isEmpty()) {
        sleep(50);
        continue;
      }
      RatisEngine node = cluster.engine(up.get(rnd.nextInt(up.size())));
      if (node == null) {
        continue;
      }
      try {
        Admission a = node.submit(tx).get(OUTCOME_WAIT_MS, TimeUnit.MILLISECONDS);
        if (a instanceof Admission.Refused r) {
          if (r.code().equals(Rejection.UNAVAILABLE.code())
              || r.code().equals(Rejection.MEMPOOL_FULL.code())) {
            last = r.code();
            continue;
          }
          return op(
              tx,
              invoked,
              amount,
              to,
              History.Type.FAIL,
              Optional.empty(),
              r.code() + ": " + r.message());
        }
        TxOutcome o =
            ((Admission.Accepted) a).outcome().get(OUTCOME_WAIT_MS, TimeUnit.MILLISECONDS);
        if (o instanceof TxOutcome.Committed c) {
          return op(
              tx,
              invoked,
              amount,
              to,
              History.Type.OK,
              Optional.of(c.location()),
              c.receipt().code());
        }
        TxOutcome.Rejected r = (TxOutcome.Rejected) o;
        if (r.code().equals(Rejection.UNAVAILABLE.code())) {
          last = "unavailable";
          continue; // the node stopped; it may have forwarded the transaction: ask another
        }
        return op(
            tx,
            invoked,
            amount,
            to,
            History.Type.FAIL,
            Optional.empty(),
            r.code() + ": " + r.message());
      } catch (TimeoutException e) {
        last = "timeout";
      } catch (ExecutionException e) {
        last = String.valueOf(e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return op(tx, invoked, amount, to, History.Type.INFO, Optional.empty(), "interrupted");
      }
    }
  }

  private static History.Op op(
      SignedTransaction tx,
      long invoked,
      Amount amount,
      KeyPair to,
      History.Type type,
      Optional<dev.openledger.ledger.store.TxLocation> loc,
      String detail) {
    return new History.Op(
        tx.hash(),
        tx.sender(),
        to.address(),
        amount,
        tx.body().nonce(),
        invoked,
        System.nanoTime(),
        type,
        loc,
        detail);
  }

  private static void sleep(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() throws InterruptedException {
    stop.set(true);
    for (Thread t : threads) {
      t.join(20_000);
    }
  }
}
