package dev.openledger.ledger.datanet;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.state.StateCodec;
import java.util.Objects;

/**
 * A datanet as created on chain, at {@code datanet/d<id>}.
 *
 * @param id {@link DatanetIds#datanet}
 * @param owner the creator, who reviews, publishes and grants access
 * @param spec the creating message: name, summary, description, tags, data type, licence, policies
 * @param createdHeight the block that created it
 * @param createdAtMillis that block's time
 */
public record Datanet(
    Hash id, Address owner, CreateDatanet spec, long createdHeight, long createdAtMillis) {
  public Datanet {
    Objects.requireNonNull(id, "id");
    Objects.requireNonNull(owner, "owner");
    Objects.requireNonNull(spec, "spec");
  }

  public String name() {
    return spec.name();
  }

  byte[] encode() {
    CanonicalWriter w =
        new CanonicalWriter(256 + spec.description().length()).hash(id).address(owner);
    spec.encodeBody(w);
    return w.varint(createdHeight).i64(createdAtMillis).toByteArray();
  }

  static Datanet decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    Hash id = r.hash("id");
    Address owner = r.address("owner");
    CreateDatanet spec = StateCodec.construct(() -> CreateDatanet.TYPE.decoder().decode(r));
    Datanet d = new Datanet(id, owner, spec, r.varint("createdHeight"), r.i64("createdAtMillis"));
    r.finish();
    return d;
  }
}
