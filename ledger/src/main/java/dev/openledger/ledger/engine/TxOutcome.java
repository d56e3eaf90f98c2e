package dev.openledger.ledger.engine;

import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.store.TxLocation;
import java.util.Objects;

/** What finally happened to an admitted transaction. */
public sealed interface TxOutcome permits TxOutcome.Committed, TxOutcome.Rejected {

  /**
   * In a durably stored block; the receipt says whether its message succeeded.
   *
   * @param location block and position
   * @param receipt the receipt
   * @param header the block's header
   */
  record Committed(TxLocation location, Receipt receipt, BlockHeader header) implements TxOutcome {
    public Committed {
      Objects.requireNonNull(location, "location");
      Objects.requireNonNull(receipt, "receipt");
      Objects.requireNonNull(header, "header");
    }
  }

  /**
   * Never included: dropped when its block was built (nonce no longer next, fee no longer payable),
   * or the engine stopped first.
   *
   * @param code the rejection code
   * @param message why
   */
  record Rejected(String code, String message) implements TxOutcome {
    public Rejected {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
