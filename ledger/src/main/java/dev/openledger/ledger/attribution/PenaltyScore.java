package dev.openledger.ledger.attribution;

import dev.openledger.core.crypto.Address;
import java.util.Objects;

/**
 * A contributor's penalty score against a model's Datanets (see {@code AttributionParams}).
 *
 * @param contributor who
 * @param rejectedContributions its contributions rejected in review in those Datanets
 * @param flaggedRows its distinct rows flagged by attributions (any model)
 * @param points {@code rejectedContributionPoints × rejected + flaggedRowPoints × flagged}
 * @param threshold the threshold in force
 * @param penalised whether {@code points > threshold}: its rewards are cut
 */
public record PenaltyScore(
    Address contributor,
    long rejectedContributions,
    long flaggedRows,
    long points,
    int threshold,
    boolean penalised) {
  public PenaltyScore {
    Objects.requireNonNull(contributor, "contributor");
  }
}
