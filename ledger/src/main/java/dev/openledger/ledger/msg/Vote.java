package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.ledger.gov.VoteSupport;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * Casts the sender's vote on an active proposal, with its voting power at the proposal's snapshot
 * (OpenZeppelin {@code castVoteWithReason}). One vote per account and proposal.
 *
 * @param proposal the proposal id
 * @param support against, for or abstain
 * @param reason free text, at most {@value #MAX_REASON_BYTES} bytes (may be empty)
 */
public record Vote(long proposal, VoteSupport support, String reason) implements GovMsg {
  public static final MessageType<Vote> TYPE =
      new MessageType<>(0x0302, "gov/vote", Vote.class, Vote::decode);
  public static final int MAX_REASON_BYTES = 512;

  public Vote {
    Ids.requireId(proposal, "proposal");
    Objects.requireNonNull(support, "support");
    Objects.requireNonNull(reason, "reason");
    if (reason.getBytes(StandardCharsets.UTF_8).length > MAX_REASON_BYTES) {
      throw new IllegalArgumentException(
          "a vote's reason is at most " + MAX_REASON_BYTES + " bytes");
    }
  }

  @Override
  public MessageType<Vote> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
    w.varint(proposal).u8(support.ordinal()).string(reason);
  }

  private static Vote decode(CanonicalReader r) throws DecodeException {
    return new Vote(
        r.varint("proposal"), VoteSupport.decode(r), r.string("reason", MAX_REASON_BYTES));
  }
}
