package dev.openledger.node.api.view;

import dev.openledger.core.Hex;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.cluster.SignedEvidence;
import dev.openledger.ledger.cluster.SlashReport;
import dev.openledger.ledger.membership.ValidatorSet;
import java.util.Optional;

/**
 * One piece of evidence in {@code GET /api/cluster/evidence}.
 *
 * @param hash the evidence's identity
 * @param kind state_divergence, invalid_proposal or double_attestation
 * @param height the block height concerned
 * @param offender the validator's id, when it is (still) in the set, else empty
 * @param offenderKey its key
 * @param offenderAccount its key's address, which holds its validator stake
 * @param reporter the validator that recorded it
 * @param slashing what this validator did towards the chain's slashing: waiting, submitted, slashed,
 *     unprovable, own, failed or disabled (empty when recorded before this node started)
 * @param slashingDetail why, or the slash transaction's hash
 * @param encoded the signed evidence's canonical bytes, hex
 */
public record EvidenceView(
    Hash hash,
    String kind,
    long height,
    String offender,
    PublicKey offenderKey,
    Address offenderAccount,
    PublicKey reporter,
    Optional<String> slashing,
    Optional<String> slashingDetail,
    String encoded) {
  public static EvidenceView of(SignedEvidence e, ValidatorSet set, Optional<SlashReport> report) {
    return new EvidenceView(
        e.hash(), e.evidence().kind(), e.evidence().height(), set.byKey(e.evidence().offender()).map(v -> v.id()).orElse(""), e.evidence().offender(),
        e.evidence().offender().address(), e.reporter(), report.map(SlashReport::status), report.map(SlashReport::detail), Hex.encode(e.encode()));
  }
}
