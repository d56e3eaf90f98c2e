package dev.openledger.openlora.chain;

import dev.openledger.core.crypto.Address;
import java.util.Optional;

/** Escrow balances of payment channels (on chain: {@code OpenPaymentChannel} state). */
public interface EscrowLedger {

  /** The open channel from {@code payer} to {@code provider}, if there is one. */
  Optional<EscrowAccount> escrow(Address payer, Address provider);
}
