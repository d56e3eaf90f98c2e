package dev.openledger.ledger.state;

import dev.openledger.core.codec.DecodeException;
import java.util.Optional;

/** Reads typed values from the state; a value that does not decode is corrupt state, a bug. */
public final class StateCodec {
  private StateCodec() {}

  /** Decodes stored bytes. */
  public interface Decoder<T> {
    T decode(byte[] bytes) throws DecodeException;
  }

  /** Builds a value while decoding; validation failures become decoding failures. */
  public interface Build<T> {
    T make() throws DecodeException;
  }

  public static <T> Optional<T> get(StateReader state, StateKey key, Decoder<T> decoder) {
    return state.get(key).map(b -> decode(key, b, decoder));
  }

  public static <T> T decode(StateKey key, byte[] bytes, Decoder<T> decoder) {
    try {
      return decoder.decode(bytes);
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored value at " + key + " is corrupt: " + e.getMessage(), e);
    }
  }

  public static <T> T construct(Build<T> build) throws DecodeException {
    try {
      return build.make();
    } catch (IllegalArgumentException e) {
      throw new DecodeException(e.getMessage());
    }
  }
}
