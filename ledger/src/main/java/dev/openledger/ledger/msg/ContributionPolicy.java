package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.money.Amount;
import java.util.Objects;

/**
 * Who may contribute to a datanet and how contributions are approved.
 *
 * @param admission {@link Admission#OPEN} (anyone) or {@link Admission#ALLOW_LIST} (the owner,
 *     curators and allowed accounts)
 * @param review {@link Review#CURATORS} (the owner or a curator approves each contribution) or
 *     {@link Review#AUTOMATIC} (a contribution whose validation score is at least {@code
 *     autoApproveMinScorePpm} is accepted on submission; others wait for a curator)
 * @param autoApproveMinScorePpm the score threshold in parts per million, 0..1,000,000; 0 unless
 *     automatic
 * @param stake OPEN escrowed with each contribution: returned on approval, forfeited to the
 *     treasury on rejection; zero for none
 */
public record ContributionPolicy(
    Admission admission, Review review, int autoApproveMinScorePpm, Amount stake) {

  /** Who may submit. */
  public enum Admission {
    OPEN,
    ALLOW_LIST
  }

  /** How a submission becomes accepted. */
  public enum Review {
    CURATORS,
    AUTOMATIC
  }

  public ContributionPolicy {
    Objects.requireNonNull(admission, "admission");
    Objects.requireNonNull(review, "review");
    Objects.requireNonNull(stake, "stake");
    Fields.range(
        autoApproveMinScorePpm, "auto-approve score (ppm)", 0, SubmitContribution.SCORE_SCALE);
    if (review == Review.CURATORS && autoApproveMinScorePpm != 0) {
      throw new IllegalArgumentException("an auto-approve score needs review AUTOMATIC");
    }
    if (Amount.MAX_SUPPLY.isLessThan(stake)) {
      throw new IllegalArgumentException("stake " + stake + " exceeds the total supply");
    }
  }

  /** Anyone contributes, the owner or a curator reviews, no stake. */
  public static ContributionPolicy open() {
    return new ContributionPolicy(Admission.OPEN, Review.CURATORS, 0, Amount.ZERO);
  }

  void encode(CanonicalWriter w) {
    w.u8(admission.ordinal()).u8(review.ordinal()).u32(autoApproveMinScorePpm).amount(stake);
  }

  static ContributionPolicy decode(CanonicalReader r) throws DecodeException {
    Admission a = Fields.enumAt(r, "admission", Admission.values());
    Review v = Fields.enumAt(r, "review", Review.values());
    return new ContributionPolicy(
        a,
        v,
        (int) Math.min(r.u32("autoApproveMinScorePpm"), Integer.MAX_VALUE),
        r.amount("stake"));
  }
}
