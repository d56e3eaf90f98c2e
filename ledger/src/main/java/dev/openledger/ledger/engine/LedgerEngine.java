package dev.openledger.ledger.engine;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.tx.SignedTransaction;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * A running chain: orders submitted transactions into blocks and stores them. Implementations
 * differ in how they order (one in-process sequencer, or a replicated log); all share {@link Chain}
 * for execution and {@link ChainReader} for reads.
 */
public interface LedgerEngine extends AutoCloseable {

  Chain chain();

  ChainReader reader();

  /**
   * Checks a transaction (size, chain, fee floor, signature — on a worker thread — then nonce and
   * fee funds against the latest state) and admits it to the mempool. The returned future completes
   * with the admission; an {@link Admission.Accepted} carries a second future for the final
   * outcome.
   */
  CompletableFuture<Admission> submit(SignedTransaction tx);

  /** Pending, committed or recently rejected; empty when the engine knows nothing of the hash. */
  Optional<TxStatus> status(Hash txHash);

  /**
   * Calls {@code listener} for every block committed from now on, in height order, on one thread.
   */
  Subscription subscribe(Consumer<CommittedBlock> listener);

  EngineMetrics metrics();

  /** True while the engine accepts transactions and produces blocks. */
  boolean isRunning();

  /** Stops block production; pending transactions get a {@code unavailable} rejection. */
  @Override
  void close();

  /** A registration to cancel. */
  interface Subscription extends AutoCloseable {
    @Override
    void close();
  }
}
