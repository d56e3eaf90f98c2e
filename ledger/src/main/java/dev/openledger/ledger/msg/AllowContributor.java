package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * The owner or a curator puts {@code contributor} on (or takes it off) the allow-list of a datanet
 * whose admission is {@code ALLOW_LIST}.
 */
public record AllowContributor(Hash datanetId, Address contributor, boolean allowed)
    implements DatanetMsg {
  public static final MessageType<AllowContributor> TYPE =
      new MessageType<>(
          0x0406, "datanet/allow_contributor", AllowContributor.class, AllowContributor::decode);

  public AllowContributor {
    Objects.requireNonNull(datanetId, "datanetId");
    Objects.requireNonNull(contributor, "contributor");
  }

  @Override
  public MessageType<AllowContributor> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(datanetId).address(contributor).bool(allowed);
  }

  private static AllowContributor decode(CanonicalReader r) throws DecodeException {
    return new AllowContributor(r.hash("datanetId"), r.address("contributor"), r.bool("allowed"));
  }
}
