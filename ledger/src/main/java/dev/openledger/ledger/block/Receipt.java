package dev.openledger.ledger.block;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The result of an included transaction.
 *
 * @param txHash the transaction
 * @param code {@link #OK} when the message took effect; otherwise the module's failure code (e.g.
 *     {@code insufficient_funds}), in which case only the fee and nonce changed
 * @param message empty on success; otherwise what went wrong, for people
 * @param feeCharged the fee taken from the sender (charged on success and failure alike)
 * @param events what happened, in order (the fee event first)
 */
public record Receipt(
    Hash txHash, String code, String message, Amount feeCharged, List<Event> events) {
  public static final String OK = "ok";
  static final int MAX_CODE_BYTES = 64;
  static final int MAX_MESSAGE_BYTES = 4096;
  static final int MAX_EVENTS = 1024;

  public Receipt {
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(feeCharged, "feeCharged");
    events = List.copyOf(events);
    if (Event.Utf8.length(code) > MAX_CODE_BYTES
        || Event.Utf8.length(message) > MAX_MESSAGE_BYTES
        || events.size() > MAX_EVENTS) {
      throw new IllegalArgumentException(
          "receipt of "
              + txHash
              + " exceeds its bounds (code 64 bytes, message 4096 bytes, 1024 events)");
    }
  }

  public boolean isOk() {
    return OK.equals(code);
  }

  public void encode(CanonicalWriter w) {
    w.hash(txHash).string(code).string(message).amount(feeCharged).varint(events.size());
    for (Event e : events) {
      e.encode(w);
    }
  }

  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(128);
    encode(w);
    return w.toByteArray();
  }

  public static Receipt decode(CanonicalReader r) throws DecodeException {
    Hash txHash = r.hash("txHash");
    String code = r.string("code", MAX_CODE_BYTES);
    String message = r.string("message", MAX_MESSAGE_BYTES);
    Amount fee = r.amount("feeCharged");
    int n = (int) r.varint("event count", MAX_EVENTS);
    List<Event> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(Event.decode(r));
    }
    return new Receipt(txHash, code, message, fee, events);
  }
}
