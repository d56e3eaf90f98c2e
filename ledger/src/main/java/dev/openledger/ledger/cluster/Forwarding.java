package dev.openledger.ledger.cluster;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.TxCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Transactions a follower's clients submitted, sent to the leader's mempool. They travel as a Ratis
 * read-only request: it reaches the leader without becoming a log entry (the leader puts them in
 * blocks, which are), and the leader answers with what it did with each.
 *
 * <pre>
 * request  u8 'F' | varint n | n × bytes(signed transaction)
 * reply    varint n | n × (u8 0 accepted | u8 1 committed, varint height | u8 2 refused, code, message)
 * </pre>
 */
final class Forwarding {
  static final int TAG = 'F';
  static final int MAX_BATCH = 5_000;

  private Forwarding() {}

  /** What the leader did with one forwarded transaction. */
  sealed interface Answer permits Accepted, Committed, Refused {}

  /** In the leader's mempool. */
  record Accepted() implements Answer {}

  /**
   * Already in a block.
   *
   * @param height its height
   */
  record Committed(long height) implements Answer {}

  /**
   * Refused at admission (it will never be included as it is).
   *
   * @param code rejection code
   * @param message why
   */
  record Refused(String code, String message) implements Answer {
    Refused {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }

  static byte[] encodeRequest(List<SignedTransaction> txs) {
    CanonicalWriter w = new CanonicalWriter(64 + txs.size() * 200);
    w.u8(TAG).varint(txs.size());
    for (SignedTransaction tx : txs) {
      w.bytes(tx.encoded());
    }
    return w.toByteArray();
  }

  static List<SignedTransaction> decodeRequest(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    if (r.u8("request tag") != TAG) {
      throw new DecodeException("not a forwarding request");
    }
    int n = (int) r.varint("tx count", MAX_BATCH);
    List<SignedTransaction> txs = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Result<SignedTransaction> tx = TxCodec.decode(r.bytes("tx", TxCodec.HARD_MAX_TX_BYTES));
      if (tx instanceof Result.Err<SignedTransaction> err) {
        throw new DecodeException("forwarded transaction " + i + ": " + err.message());
      }
      txs.add(tx.orElseThrow());
    }
    r.finish();
    return txs;
  }

  static byte[] encodeReply(List<Answer> answers) {
    CanonicalWriter w = new CanonicalWriter(16 + answers.size() * 4);
    w.varint(answers.size());
    for (Answer a : answers) {
      if (a instanceof Accepted) {
        w.u8(0);
      } else if (a instanceof Committed c) {
        w.u8(1).varint(c.height());
      } else {
        Refused r = (Refused) a;
        w.u8(2).string(r.code()).string(r.message());
      }
    }
    return w.toByteArray();
  }

  static List<Answer> decodeReply(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    int n = (int) r.varint("answer count", MAX_BATCH);
    List<Answer> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      int kind = r.u8("answer kind");
      out.add(
          switch (kind) {
            case 0 -> new Accepted();
            case 1 -> new Committed(r.varint("height"));
            case 2 -> new Refused(r.string("code", 64), r.string("message", 4096));
            default -> throw new DecodeException("unknown answer kind " + kind);
          });
    }
    r.finish();
    return out;
  }
}
