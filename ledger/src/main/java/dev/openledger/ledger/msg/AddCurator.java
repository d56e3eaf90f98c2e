package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/** The owner makes {@code curator} a reviewer of the datanet's contributions. */
public record AddCurator(Hash datanetId, Address curator) implements DatanetMsg {
  public static final MessageType<AddCurator> TYPE =
      new MessageType<>(0x0404, "datanet/add_curator", AddCurator.class, AddCurator::decode);

  public AddCurator {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(curator, "curator");
  }

  @Override
  public MessageType<AddCurator> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(datanetId).address(curator);
  }

  private static AddCurator decode(CanonicalReader r) throws DecodeException {
    return new AddCurator(r.hash("datanetId"), r.address("curator"));
  }
}
