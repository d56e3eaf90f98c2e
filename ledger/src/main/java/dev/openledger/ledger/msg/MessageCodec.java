package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The registry of message types by tag, and the encoder of a message (tag, then body). */
public final class MessageCodec {
  private static final List<MessageType<?>> ALL;
  private static final Map<Integer, MessageType<?>> BY_TAG;
  private static final Map<String, MessageType<?>> BY_NAME;

  static {
    List<MessageType<?>> all = new ArrayList<>(BankMsg.types());
    all.addAll(StakingMsg.types());
    all.addAll(GovMsg.types());
    all.addAll(DatanetMsg.types());
    all.addAll(ModelMsg.types());
    all.addAll(PaymentMsg.types());
    all.addAll(AttributionMsg.types());
    all.addAll(ClusterMsg.types());
    Map<Integer, MessageType<?>> byTag = new HashMap<>();
    Map<String, MessageType<?>> byName = new HashMap<>();
    for (MessageType<?> t : all) {
      if (byTag.put(t.tag(), t) != null || byName.put(t.name(), t) != null) {
        throw new IllegalStateException("message tag or name registered twice: " + t);
      }
    }
    ALL = Collections.unmodifiableList(all);
    BY_TAG = Map.copyOf(byTag);
    BY_NAME = Map.copyOf(byName);
  }

  private MessageCodec() {}

  /** Every registered message type, in registration order. */
  public static List<MessageType<?>> all() {
    return ALL;
  }

  public static Optional<MessageType<?>> byTag(long tag) {
    return tag > Integer.MAX_VALUE ? Optional.empty() : Optional.ofNullable(BY_TAG.get((int) tag));
  }

  /** Reads a message's tag and body (inside another encoding, e.g. a proposal's messages). */
  public static Message decode(CanonicalReader r) throws DecodeException {
    long tag = r.varint("message tag");
    MessageType<?> type = byTag(tag).orElseThrow(() -> new DecodeException("no module handles message tag " + tag));
    try {
      return type.decoder().decode(r);
    } catch (IllegalArgumentException | ArithmeticException e) {
      throw new DecodeException(type.name() + ": " + e.getMessage());
    }
  }

  /** The type called {@code name} (e.g. {@code bank/transfer}). */
  public static Optional<MessageType<?>> byName(String name) {
    return Optional.ofNullable(BY_NAME.get(name));
  }

  /** Writes the message's tag and body. */
  public static void encode(Message message, CanonicalWriter w) {
    w.varint(message.type().tag());
    message.encodeBody(w);
  }
}
