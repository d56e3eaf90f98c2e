package dev.openledger.openlora.chain;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;

/**
 * A payment channel as the chain sees it: OPEN the payer escrowed for one serving provider, and how
 * much of it settled receipts have already taken.
 *
 * @param id the channel's id
 * @param payer the caller whose requests it pays for
 * @param provider the serving provider who may charge it
 * @param deposit everything escrowed so far
 * @param settledCharged the cumulative charge of the last settled receipt (0 before any settlement)
 * @param settledNonce the nonce of the last settled receipt (0 before any settlement; receipts
 *     start at 1)
 */
public record EscrowAccount(
    Hash id,
    Address payer,
    Address provider,
    Amount deposit,
    Amount settledCharged,
    long settledNonce) {
  public EscrowAccount {
    if (id == null
        || payer == null
        || provider == null
        || deposit == null
        || settledCharged == null) {
      throw new IllegalArgumentException("escrow fields are required");
    }
    if (deposit.isLessThan(settledCharged)) {
      throw new IllegalArgumentException(
          "escrow " + id.shortHex() + " settled " + settledCharged + " of a deposit of " + deposit);
    }
    if (settledNonce < 0) {
      throw new IllegalArgumentException("settled nonce must be >= 0");
    }
  }
}
