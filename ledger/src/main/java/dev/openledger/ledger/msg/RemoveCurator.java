package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/** The owner removes a curator; contributions it already reviewed keep their outcome. */
public record RemoveCurator(Hash datanetId, Address curator) implements DatanetMsg {
  public static final MessageType<RemoveCurator> TYPE =
      new MessageType<>(
          0x0405, "datanet/remove_curator", RemoveCurator.class, RemoveCurator::decode);

  public RemoveCurator {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(curator, "curator");
  }

  @Override
  public MessageType<RemoveCurator> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(datanetId).address(curator);
  }

  private static RemoveCurator decode(CanonicalReader r) throws DecodeException {
    return new RemoveCurator(r.hash("datanetId"), r.address("curator"));
  }
}
