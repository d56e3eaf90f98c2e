package dev.openledger.ledger;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.Signature;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.exec.BlockInput;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.store.LedgerStore;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.ArrayList;
import java.util.List;

/**
 * Builds and commits blocks directly through the executor (no engine threads), for deterministic
 * tests.
 */
public final class ChainDriver {
  private final Chain chain;
  private final LedgerStore store;
  private final KeyPair sequencer = DevnetGenesis.sequencerKey();
  private BlockHeader head;
  private long time;

  public ChainDriver(Genesis genesis, LedgerStore store) {
    this(Chain.of(genesis), store);
  }

  /** A driver of a chain assembled by the caller (e.g. with an extra test module). */
  public ChainDriver(Chain chain, LedgerStore store) {
    this.chain = chain;
    this.store = store;
    Genesis genesis = chain.genesis();
    ExecutedBlock g = chain.executor().executeGenesis(genesis, store.state(), store.nodes());
    store.commit(g.toCommit(sequencer.sign(g.header().signingBytes())));
    head = g.header();
    time = head.timeMillis();
  }

  public Chain chain() {
    return chain;
  }

  public LedgerStore store() {
    return store;
  }

  public BlockHeader head() {
    return head;
  }

  /** Moves the clock of the next block forward (e.g. past midnight UTC for daily limits). */
  public void advanceTime(long millis) {
    time += millis;
  }

  /** The time the next block will carry. */
  public long nextTime() {
    return time + 1000;
  }

  /** The last block's time. */
  public long time() {
    return time;
  }

  /**
   * Executes, signs and commits a block of transactions that passed the stateless checks, 1 s after
   * the last.
   */
  public ExecutedBlock commit(List<SignedTransaction> txs) {
    return commitAt(time + 1000, txs);
  }

  /** The same at block time {@code timeMillis} (not before the last block's). */
  public ExecutedBlock commitAt(long timeMillis, List<SignedTransaction> txs) {
    List<VerifiedTransaction> verified = new ArrayList<>();
    for (SignedTransaction tx : txs) {
      verified.add(chain.verifier().verify(tx).orElseThrow());
    }
    time = timeMillis;
    ExecutedBlock b =
        chain
            .executor()
            .execute(
                new BlockInput(head, time, sequencer.publicKey(), verified),
                store.state(),
                store.nodes());
    Signature sig = sequencer.sign(b.header().signingBytes());
    store.commit(b.toCommit(sig));
    head = b.header();
    return b;
  }
}
