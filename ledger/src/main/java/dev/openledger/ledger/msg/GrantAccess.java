package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/** The owner grants {@code grantee} access to train on the datanet (or revokes a grant it made). */
public record GrantAccess(Hash datanetId, Address grantee, boolean granted) implements DatanetMsg {
  public static final MessageType<GrantAccess> TYPE =
      new MessageType<>(0x0408, "datanet/grant_access", GrantAccess.class, GrantAccess::decode);

  public GrantAccess {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(grantee, "grantee");
  }

  @Override
  public MessageType<GrantAccess> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(datanetId).address(grantee).bool(granted);
  }

  private static GrantAccess decode(CanonicalReader r) throws DecodeException {
    return new GrantAccess(r.hash("datanetId"), r.address("grantee"), r.bool("granted"));
  }
}
