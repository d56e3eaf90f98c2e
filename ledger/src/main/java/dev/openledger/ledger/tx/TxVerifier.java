package dev.openledger.ledger.tx;

import dev.openledger.core.Result;
import java.util.Objects;

/**
 * The stateless checks, in the order of their cost: size, chain id, fee floor, then the signature.
 * A transaction failing any of them is never included in a block and never charged.
 */
public final class TxVerifier {
  private final ChainRules rules;

  public TxVerifier(ChainRules rules) {
    this.rules = Objects.requireNonNull(rules);
  }

  public ChainRules rules() {
    return rules;
  }

  /** Decodes and checks wire bytes. */
  public Result<VerifiedTransaction> verify(byte[] bytes) {
    if (bytes.length > rules.maxTxBytes()) {
      return Rejection.TOO_LARGE.err(
          "transaction is "
              + bytes.length
              + " bytes; this chain accepts at most "
              + rules.maxTxBytes());
    }
    return TxCodec.decode(bytes).flatMap(this::verify);
  }

  /** Checks a decoded transaction. */
  public Result<VerifiedTransaction> verify(SignedTransaction tx) {
    Transaction body = tx.body();
    if (tx.encodedLength() > rules.maxTxBytes()) {
      return Rejection.TOO_LARGE.err(
          "transaction is "
              + tx.encodedLength()
              + " bytes; this chain accepts at most "
              + rules.maxTxBytes());
    }
    if (!body.chainId().equals(rules.chainId())) {
      return Rejection.WRONG_CHAIN.err(
          "transaction is for chain '" + body.chainId() + "', this is '" + rules.chainId() + "'");
    }
    if (body.fee().isLessThan(rules.minFee())) {
      return Rejection.FEE_TOO_LOW.err(
          "fee " + body.fee() + " is below the minimum fee " + rules.minFee());
    }
    if (!body.sender().verify(tx.signingBytes(), tx.signature())) {
      return Rejection.BAD_SIGNATURE.err("signature does not verify for sender " + tx.sender());
    }
    return Result.ok(new VerifiedTransaction(tx));
  }
}
