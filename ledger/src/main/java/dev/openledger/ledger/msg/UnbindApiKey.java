package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * Removes the binding of an API key; only the account it is bound to may.
 *
 * @param keyHash SHA-256 of the key's UTF-8 bytes
 */
public record UnbindApiKey(Hash keyHash) implements PaymentMsg {
  public static final MessageType<UnbindApiKey> TYPE =
      new MessageType<>(0x0606, "payment/unbind_key", UnbindApiKey.class, UnbindApiKey::decode);

  public UnbindApiKey {
    Objects.requireNonNull(keyHash, "keyHash");
  }

  @Override
  public MessageType<UnbindApiKey> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(keyHash);
  }

  private static UnbindApiKey decode(CanonicalReader r) throws DecodeException {
    return new UnbindApiKey(r.hash("keyHash"));
  }
}
