package dev.openledger.ledger.msg;

import com.fasterxml.jackson.databind.annotation.JsonDeserialize;
import com.fasterxml.jackson.databind.annotation.JsonSerialize;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Proposes that the chain run {@code messages}, in order and all or nothing, with the governance
 * authority as their sender, if the vote passes (OpenZeppelin {@code Governor.propose}; Cosmos SDK
 * gov v1 messages). A proposal cannot carry governance's own lifecycle messages (propose, vote,
 * queue, execute, cancel).
 *
 * @param messages 1..{@value #MAX_MESSAGES} messages
 * @param description what and why, for voters; at most {@value #MAX_DESCRIPTION_BYTES} bytes of
 *     UTF-8
 */
public record Propose(
    @JsonSerialize(contentUsing = MessageJson.Serializer.class)
        @JsonDeserialize(contentUsing = MessageJson.Deserializer.class)
        List<Message> messages,
    String description)
    implements GovMsg {
  public static final MessageType<Propose> TYPE =
      new MessageType<>(0x0301, "gov/propose", Propose.class, Propose::decode);
  public static final int MAX_MESSAGES = 16;
  public static final int MAX_DESCRIPTION_BYTES = 4096;

  public Propose {
    messages = List.copyOf(messages);
    if (messages.isEmpty() || messages.size() > MAX_MESSAGES) {
      throw new IllegalArgumentException(
          "a proposal carries 1.." + MAX_MESSAGES + " messages, got " + messages.size());
    }
    for (Message m : messages) {
      if (m instanceof Propose
          || m instanceof Vote
          || m instanceof Queue
          || m instanceof Execute
          || m instanceof Cancel) {
        throw new IllegalArgumentException("a proposal cannot carry " + m.type().name());
      }
    }
    Objects.requireNonNull(description, "description");
    int bytes = description.getBytes(StandardCharsets.UTF_8).length;
    if (bytes == 0 || bytes > MAX_DESCRIPTION_BYTES) {
      throw new IllegalArgumentException(
          "a proposal's description is 1.." + MAX_DESCRIPTION_BYTES + " bytes, got " + bytes);
    }
  }

  @Override
  public MessageType<Propose> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    encodeMessages(messages, w);
    w.string(description);
  }

  /** {@code varint count | (varint tag | body)*}: also how a stored proposal keeps its messages. */
  public static void encodeMessages(List<Message> messages, CanonicalWriter w) {
    w.varint(messages.size());
    for (Message m : messages) {
      MessageCodec.encode(m, w);
    }
  }

  /** Reads what {@link #encodeMessages} wrote. */
  public static List<Message> decodeMessages(CanonicalReader r) throws DecodeException {
    int n = (int) r.varint("message count", MAX_MESSAGES);
    List<Message> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      out.add(MessageCodec.decode(r));
    }
    return out;
  }

  private static Propose decode(CanonicalReader r) throws DecodeException {
    return new Propose(decodeMessages(r), r.string("description", MAX_DESCRIPTION_BYTES));
  }
}
