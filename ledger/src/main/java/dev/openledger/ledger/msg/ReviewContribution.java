package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Hash;
import java.util.Objects;

/**
 * Approves or rejects a pending contribution; only the datanet's owner or one of its curators may.
 *
 * @param contributionId the contribution
 * @param approve true to accept it, false to reject it
 * @param reason why, at most 512 bytes; required for a rejection
 */
public record ReviewContribution(Hash contributionId, boolean approve, String reason)
    implements DatanetMsg {
  public static final MessageType<ReviewContribution> TYPE =
      new MessageType<>(
          0x0403, "datanet/review", ReviewContribution.class, ReviewContribution::decode);
  public static final int MAX_REASON_BYTES = 512;

  public ReviewContribution {
    Objects.requireNonNull(contributionId, "contributionId");
    Fields.text(reason, "reason", approve ? 0 : 1, MAX_REASON_BYTES, false);
  }

  @Override
  public MessageType<ReviewContribution> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.hash(contributionId).bool(approve).string(reason);
  }

  private static ReviewContribution decode(CanonicalReader r) throws DecodeException {
    return new ReviewContribution(
        r.hash("contributionId"), r.bool("approve"), r.string("reason", MAX_REASON_BYTES));
  }
}
