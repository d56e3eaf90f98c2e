package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * Anyone moves what is still unattributed of a settled batch out of the attribution pool into the
 * treasury, once {@code sweepAfterSeconds} have passed since the batch was settled; the batch's
 * receipts can no longer be attributed afterwards.
 *
 * @param root the settled batch's receipt root
 */
public record SweepUnattributed(Hash root) implements AttributionMsg {
  public static final MessageType<SweepUnattributed> TYPE =
      new MessageType<>(
          0x0702, "attribution/sweep", SweepUnattributed.class, SweepUnattributed::decode);

  public SweepUnattributed {
    Objects.requireNonNull(root, "root");
  }

  @Override
  public MessageType<SweepUnattributed> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(root);
  }

  private static SweepUnattributed decode(CanonicalReader r) throws DecodeException {
    return new SweepUnattributed(r.hash("root"));
  }
}
