package dev.openledger.attribution;

import dev.openledger.core.crypto.Address;

/**
 * A contributor's share of the contributors' pool, in units of the policy's scale.
 *
 * @param contributor the contributor
 * @param gradientUnits from the gradient track
 * @param spanUnits from the span track
 */
public record ContributorShare(Address contributor, long gradientUnits, long spanUnits) {
  public long total() {
    return gradientUnits + spanUnits;
  }
}
