package dev.openledger.ledger.msg;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.json.Json;
import java.io.IOException;

/**
 * Messages as JSON: {@code {"type": "bank/transfer", "to": "ol1…", "amount": "12.5"}}, the type's
 * name and then the record's fields (amounts as decimal strings, addresses in Bech32m, enums by
 * name). Used for proposals' messages in JSON and for the CLI's raw-message proposals.
 */
public final class MessageJson {
  private MessageJson() {}

  /** A message as a JSON object: {@code type} first, then its fields. */
  public static ObjectNode toJson(Message m) {
    ObjectNode node = Json.mapper().createObjectNode();
    node.put("type", m.type().name());
    node.setAll((ObjectNode) Json.mapper().valueToTree(m));
    return node;
  }

  /**
   * The message a JSON object describes.
   *
   * @throws IllegalArgumentException saying what is wrong (unknown type, missing or invalid field)
   */
  public static Message fromJson(JsonNode node) {
    if (node == null || !node.isObject() || !node.has("type") || !node.get("type").isTextual()) {
      throw new IllegalArgumentException(
          "a message is a JSON object with a \"type\" such as \"bank/transfer\"");
    }
    String name = node.get("type").asText();
    MessageType<?> type =
        MessageCodec.byName(name)
            .orElseThrow(() -> new IllegalArgumentException("unknown message type '" + name + "'"));
    ObjectNode fields = ((ObjectNode) node).deepCopy();
    fields.remove("type");
    try {
      return Json.mapper().treeToValue(fields, type.javaType());
    } catch (IOException e) {
      Throwable root = e;
      while (root.getCause() != null) {
        root = root.getCause();
      }
      String why =
          root instanceof IllegalArgumentException ? root.getMessage() : firstLine(e.getMessage());
      throw new IllegalArgumentException(name + ": " + why, e);
    }
  }

  private static String firstLine(String s) {
    return s == null ? "" : s.lines().findFirst().orElse("");
  }

  /** Jackson serializer writing {@link #toJson}. */
  public static final class Serializer extends JsonSerializer<Message> {
    @Override
    public void serialize(Message value, JsonGenerator gen, SerializerProvider serializers)
        throws IOException {
      gen.writeTree(toJson(value));
    }
  }

  /** Jackson deserializer reading {@link #fromJson}. */
  public static final class Deserializer extends JsonDeserializer<Message> {
    @Override
    public Message deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = ctxt.readTree(p);
      try {
        return fromJson(node);
      } catch (IllegalArgumentException e) {
        throw com.fasterxml.jackson.databind.exc.InvalidFormatException.from(
            p, e.getMessage(), node, Message.class);
      }
    }
  }
}
