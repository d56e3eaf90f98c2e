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
public record Receipt(Hash txHash, String code, String message, Amount feeCharged, List<Event> events) {
  public static final String OK = "ok";

  public Receipt {
    Objects.requireNonNull(txHash, "txHash");
    Objects.requireNonNull(code, "code");
    Objects.requireNonNull(message, "message");
    Objects.requireNonNull(feeCharged, "feeCharged");
    events = List.copyOf(events);
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
    String code = r.string("code", 64);
    String message = r.string("message", 4096);
    Amount fee = r.amount("feeCharged");
    int n = (int) r.varint("event count", 1024);
    List<Event> events = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      events.add(Event.decode(r));
    }
    return new Receipt(txHash, code, message, fee, events);
  }
}
