package dev.openledger.modelfactory.access;

import dev.openledger.core.crypto.Address;
import dev.openledger.modelfactory.spec.DatanetVersionRef;

/**
 * Decides whether {@code trainer} may fine-tune on a datanet version. The chain implements it from
 * the datanet's on-chain policy (open; owner-granted access; access fee paid), read at the current
 * height; {@link DevnetAccessPolicy} stands in until the ledger provides it.
 *
 * <p>Implementations must be safe for concurrent calls and must not throw for a refusal: a refusal
 * is a {@link AccessDecision.Refused} value.
 */
@FunctionalInterface
public interface AccessPolicy {
  AccessDecision check(Address trainer, DatanetVersionRef datanet);
}
