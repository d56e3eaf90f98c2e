package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.DecodeException;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A kind of message: its wire tag, its name in JSON and logs ({@code module/action}), its Java type
 * and the decoder of its body.
 *
 * @param tag the stable numeric tag written before the body (see the package description for the
 *     ranges)
 * @param name {@code module/action}, e.g. {@code bank/transfer}
 * @param javaType the record class
 * @param decoder reads the body; may throw {@link IllegalArgumentException} from the record's
 *     validation, which the codec turns into a decoding failure
 * @param <M> the record type
 */
public record MessageType<M extends Message>(
    int tag, String name, Class<M> javaType, BodyDecoder<M> decoder) {
  private static final Pattern NAME = Pattern.compile("[a-z]+/[a-z_]+");

  public MessageType {
    if (tag <= 0) {
      throw new IllegalArgumentException("message tags are positive, got " + tag);
    }
    Objects.requireNonNull(name, "name");
    if (!NAME.matcher(name).matches()) {
      throw new IllegalArgumentException(
          "message type name must look like module/action, got '" + name + "'");
    }
    Objects.requireNonNull(javaType, "javaType");
    Objects.requireNonNull(decoder, "decoder");
  }

  /** Reads a message body. */
  @FunctionalInterface
  public interface BodyDecoder<M> {
    M decode(CanonicalReader r) throws DecodeException;
  }
}
