package dev.openledger.ledger.datanet;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.state.StateCodec;
import java.util.Objects;
import java.util.Optional;

/**
 * A contribution as the chain records it, at {@code datanet/c<contribution id>}.
 *
 * @param submission the message that submitted it (datanet, ids, size, rows, score, file name and
 *     type)
 * @param submitter its sender
 * @param status pending, accepted or rejected
 * @param stake OPEN escrowed while pending (zero when the policy asks none, or once decided)
 * @param submittedHeight the block that recorded it: its place in the order of first submission
 * @param submittedAtMillis that block's time
 * @param review who decided and why, once decided
 */
public record Contribution(
    SubmitContribution submission,
    Address submitter,
    ContributionStatus status,
    Amount stake,
    long submittedHeight,
    long submittedAtMillis,
    Optional<Review> review) {

  public Contribution {
    Objects.requireNonNull(submission, "submission");
    Objects.requireNonNull(submitter, "submitter");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(stake, "stake");
    Objects.requireNonNull(review, "review");
    if ((status == ContributionStatus.PENDING) == review.isPresent()) {
      throw new IllegalArgumentException("a contribution has a review exactly when it is decided");
    }
  }

  /**
   * A decision.
   *
   * @param reviewer the owner or curator who decided; empty for an automatic approval
   * @param reason the reviewer's reason (for an automatic approval, the score and threshold)
   * @param height the block of the decision
   */
  public record Review(Optional<Address> reviewer, String reason, long height) {
    public Review {
      Objects.requireNonNull(reviewer, "reviewer");
      Objects.requireNonNull(reason, "reason");
    }
  }

  public Hash id() {
    return submission.contributionId();
  }

  public Hash datanetId() {
    return submission.datanetId();
  }

  /** This contribution decided. */
  Contribution decided(ContributionStatus outcome, Review r) {
    return new Contribution(
        submission,
        submitter,
        outcome,
        Amount.ZERO,
        submittedHeight,
        submittedAtMillis,
        Optional.of(r));
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256);
    submission.encodeBody(w);
    w.address(submitter)
        .u8(status.ordinal())
        .amount(stake)
        .varint(submittedHeight)
        .i64(submittedAtMillis)
        .bool(review.isPresent());
    review.ifPresent(
        rv -> {
          w.bool(rv.reviewer().isPresent());
          rv.reviewer().ifPresent(w::address);
          w.string(rv.reason()).varint(rv.height());
        });
    return w.toByteArray();
  }

  static Contribution decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    SubmitContribution s = StateCodec.construct(() -> SubmitContribution.TYPE.decoder().decode(r));
    Address submitter = r.address("submitter");
    int st = r.u8("status");
    if (st >= ContributionStatus.values().length) {
      throw new DecodeException("status: unknown value " + st);
    }
    Amount stake = r.amount("stake");
    long height = r.varint("submittedHeight");
    long time = r.i64("submittedAtMillis");
    Optional<Review> review = Optional.empty();
    if (r.bool("reviewed")) {
      Optional<Address> reviewer =
          r.bool("hasReviewer") ? Optional.of(r.address("reviewer")) : Optional.empty();
      review =
          Optional.of(new Review(reviewer, r.string("reason", 1024), r.varint("reviewHeight")));
    }
    r.finish();
    Optional<Review> rv = review;
    return StateCodec.construct(
        () ->
            new Contribution(
                s, submitter, ContributionStatus.values()[st], stake, height, time, rv));
  }
}
