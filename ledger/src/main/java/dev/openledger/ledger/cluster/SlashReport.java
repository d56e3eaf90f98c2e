package dev.openledger.ledger.cluster;

import java.util.Objects;

/**
 * What this validator did with one piece of evidence towards the chain's slashing.
 *
 * @param status {@code waiting} (its turn to report has not come), {@code submitted} (its slash transaction
 *     is pending), {@code slashed} (the chain slashed the fault, by this validator's transaction or
 *     another's), {@code unprovable} (the chain's rule refuses this evidence, e.g. the validators contradicting
 *     the offender hold no more than 2/3 of the validator stake), {@code own} (the evidence is against this
 *     validator), {@code failed} (the transaction was refused or failed; the detail says why) or
 *     {@code disabled} (reporting is off, or the chain has no staking module)
 * @param detail the reason, or the transaction hash
 */
public record SlashReport(String status, String detail) {
  public SlashReport {
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(detail, "detail");
  }
}
