package dev.openledger.ledger.exec;

import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.tx.VerifiedTransaction;
import java.util.Objects;

/**
 * What execution did with one transaction: included with a receipt, or dropped before it was
 * charged.
 */
public sealed interface TxResult permits TxResult.Included, TxResult.Dropped {

  VerifiedTransaction tx();

  /**
   * Included in the block; the receipt says whether the message succeeded.
   *
   * @param tx the transaction
   * @param receipt its receipt
   */
  record Included(VerifiedTransaction tx, Receipt receipt) implements TxResult {
    public Included {
      Objects.requireNonNull(tx, "tx");
      Objects.requireNonNull(receipt, "receipt");
    }
  }

  /**
   * Not included: the nonce was not the sender's next one, or the fee could not be paid.
   *
   * @param tx the transaction
   * @param code a rejection code
   * @param message why, for people
   */
  record Dropped(VerifiedTransaction tx, String code, String message) implements TxResult {
    public Dropped {
      Objects.requireNonNull(tx, "tx");
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }

    public Hash hash() {
      return tx.hash();
    }
  }
}
