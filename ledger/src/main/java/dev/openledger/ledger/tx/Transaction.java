package dev.openledger.ledger.tx;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Message;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The unsigned body of a transaction.
 *
 * @param chainId the chain this transaction is for; a transaction signed for one chain is refused
 *     by another
 * @param sender the signer's public key (Ed25519 cannot recover it from the signature); the
 *     sender's address is derived from it
 * @param nonce the sender's next sequence number: the n-th transaction of an account carries nonce
 *     n-1
 * @param fee paid to the chain whether or not the message succeeds (see docs/ledger.md, fee rules)
 * @param message what to do
 */
public record Transaction(
    String chainId, PublicKey sender, long nonce, Amount fee, Message message) {
  /** Chain ids are short lowercase names such as {@code openledger-devnet}. */
  public static final Pattern CHAIN_ID = Pattern.compile("[a-z0-9][a-z0-9-]{0,47}");

  public Transaction {
    Objects.requireNonNull(chainId, "chainId");
    if (!CHAIN_ID.matcher(chainId).matches()) {
      throw new IllegalArgumentException(
          "chain id must match " + CHAIN_ID.pattern() + ", got '" + chainId + "'");
    }
    Objects.requireNonNull(sender, "sender");
    if (nonce < 0) {
      throw new IllegalArgumentException("nonce must be non-negative, got " + nonce);
    }
    Objects.requireNonNull(fee, "fee");
    if (Amount.MAX_SUPPLY.isLessThan(fee)) {
      throw new IllegalArgumentException("fee " + fee + " exceeds the total supply");
    }
    Objects.requireNonNull(message, "message");
  }

  /** Signs this body with {@code key}, which must be the sender's key. */
  public SignedTransaction sign(KeyPair key) {
    if (!key.publicKey().equals(sender)) {
      throw new IllegalArgumentException(
          "signing key " + key.address() + " is not the sender " + sender.address());
    }
    byte[] body = TxCodec.encodeBody(this);
    return SignedTransaction.of(this, body, key.sign(TxCodec.signingBytes(body)));
  }
}
