package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * Binds an API key to the sender: requests authenticated with the key are paid from the sender's
 * channels. Only the key's SHA-256 goes on chain, never the key.
 *
 * @param keyHash SHA-256 of the key's UTF-8 bytes
 */
public record BindApiKey(Hash keyHash) implements PaymentMsg {
  public static final MessageType<BindApiKey> TYPE =
      new MessageType<>(0x0605, "payment/bind_key", BindApiKey.class, BindApiKey::decode);

  public BindApiKey {
    Objects.requireNonNull(keyHash, "keyHash");
  }

  @Override
  public MessageType<BindApiKey> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(keyHash);
  }

  private static BindApiKey decode(CanonicalReader r) throws DecodeException {
    return new BindApiKey(r.hash("keyHash"));
  }
}
