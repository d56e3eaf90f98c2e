package dev.openledger.ledger.tx;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.crypto.Signature;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.MessageCodec;
import dev.openledger.ledger.msg.MessageType;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * The canonical encoding of transactions.
 *
 * <pre>
 * body      = u8 version(=1) | string chainId | publicKey sender(32) | varint nonce | varint fee
 *             | varint messageTag | message body
 * signed    = body | signature(64)
 * signature = Ed25519(sender, "openledger:tx:v1\n" | body)
 * </pre>
 *
 * Decoding accepts exactly what encoding produces (no trailing bytes, shortest varints, valid key
 * point) and never allocates more than its input.
 */
public final class TxCodec {
  public static final int VERSION = 1;

  /** No transaction may be larger than this, whatever the chain's parameters say. */
  public static final int HARD_MAX_TX_BYTES = 64 * 1024;

  private static final byte[] DOMAIN = "openledger:tx:v1\n".getBytes(StandardCharsets.US_ASCII);
  private static final int MAX_CHAIN_ID_BYTES = 48;

  private TxCodec() {}

  public static byte[] encodeBody(Transaction tx) {
    CanonicalWriter w = new CanonicalWriter(128);
    w.u8(VERSION).string(tx.chainId()).publicKey(tx.sender()).varint(tx.nonce()).amount(tx.fee());
    MessageCodec.encode(tx.message(), w);
    return w.toByteArray();
  }

  static byte[] signingBytes(byte[] body) {
    byte[] out = new byte[DOMAIN.length + body.length];
    System.arraycopy(DOMAIN, 0, out, 0, DOMAIN.length);
    System.arraycopy(body, 0, out, DOMAIN.length, body.length);
    return out;
  }

  /**
   * Decodes wire bytes. Failures: {@code too_large}, {@code unknown_message} (a tag no module
   * registered), {@code malformed} (anything else, with the reason). The signature is not checked
   * here.
   */
  public static Result<SignedTransaction> decode(byte[] bytes) {
    if (bytes.length > HARD_MAX_TX_BYTES) {
      return Rejection.TOO_LARGE.err(
          "transaction is " + bytes.length + " bytes; the limit is " + HARD_MAX_TX_BYTES);
    }
    CanonicalReader r = new CanonicalReader(bytes);
    try {
      int version = r.u8("version");
      if (version != VERSION) {
        return Rejection.MALFORMED.err(
            "unsupported transaction version "
                + version
                + " (this node reads version "
                + VERSION
                + ")");
      }
      String chainId = r.string("chainId", MAX_CHAIN_ID_BYTES);
      PublicKey sender = r.publicKey("sender");
      long nonce = r.varint("nonce");
      Amount fee = r.amount("fee");
      long tag = r.varint("message tag");
      Optional<MessageType<?>> type = MessageCodec.byTag(tag);
      if (type.isEmpty()) {
        return Rejection.UNKNOWN_MESSAGE.err("no module handles message tag " + tag);
      }
      Message message = decodeMessage(type.get(), r);
      int bodyLength = r.position();
      Signature signature = r.signature("signature");
      r.finish();
      Transaction tx = new Transaction(chainId, sender, nonce, fee, message);
      return Result.ok(SignedTransaction.adopt(tx, bytes.clone(), bodyLength, signature));
    } catch (DecodeException e) {
      return Rejection.MALFORMED.err(e.getMessage());
    } catch (IllegalArgumentException e) {
      return Rejection.MALFORMED.err(e.getMessage());
    }
  }

  private static Message decodeMessage(MessageType<?> type, CanonicalReader r)
      throws DecodeException {
    try {
      return type.decoder().decode(r);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodeException(type.name() + ": " + e.getMessage());
    }
  }
}
