package dev.openledger.node.api.view;

import dev.openledger.core.Hex;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.cluster.SignedEvidence;
import dev.openledger.ledger.cluster.ValidatorSet;

/**
 * One piece of evidence in {@code GET /api/cluster/evidence}.
 *
 * @param hash the evidence's identity
 * @param kind state_divergence, invalid_proposal or double_attestation
 * @param height the block height concerned
 * @param offender the validator's id, when it is (still) in the set, else empty
 * @param offenderKey its key
 * @param reporter the validator that recorded it
 * @param encoded the signed evidence's canonical bytes, hex: what a slashing transaction carries
 */
public record EvidenceView(Hash hash, String kind, long height, String offender, PublicKey offenderKey, PublicKey reporter, String encoded) {
  public static EvidenceView of(SignedEvidence e, ValidatorSet set) {
    return new EvidenceView(
        e.hash(), e.evidence().kind(), e.evidence().height(), set.byKey(e.evidence().offender()).map(v -> v.id()).orElse(""), e.evidence().offender(), e.reporter(),
        Hex.encode(e.encode()));
  }
}
