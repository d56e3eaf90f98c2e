package dev.openledger.ledger.tx;

import dev.openledger.core.Result;

/**
 * Why a transaction was refused before it changed anything: the closed set of reasons a transaction
 * is not included in a block. Failures of an included transaction's message (e.g. a transfer larger
 * than the balance) are not here: they are receipt codes chosen by the module that handles the
 * message.
 */
public enum Rejection {
  /** The bytes are not a canonical transaction, or a field is out of range. */
  MALFORMED("malformed"),
  /** Larger than the chain's {@code maxTxBytes}. */
  TOO_LARGE("too_large"),
  /** The message tag belongs to no registered module. */
  UNKNOWN_MESSAGE("unknown_message"),
  /** Signed for another chain id. */
  WRONG_CHAIN("wrong_chain"),
  /** The Ed25519 signature does not verify against the sender key. */
  BAD_SIGNATURE("bad_signature"),
  /** Below the chain's minimum fee. */
  FEE_TOO_LOW("fee_too_low"),
  /** The nonce was already used, is taken by a pending transaction, or is too far ahead. */
  BAD_NONCE("bad_nonce"),
  /** The sender cannot pay the fee. */
  INSUFFICIENT_FUNDS("insufficient_funds"),
  /** The node holds as many pending transactions as it may; retry later. */
  MEMPOOL_FULL("mempool_full"),
  /** The node is shutting down. */
  UNAVAILABLE("unavailable");

  private final String code;

  Rejection(String code) {
    this.code = code;
  }

  /** The stable, machine-readable code, e.g. {@code bad_signature}. */
  public String code() {
    return code;
  }

  /** An error result with this reason's code. */
  public <T> Result<T> err(String message) {
    return Result.err(code, message);
  }
}
