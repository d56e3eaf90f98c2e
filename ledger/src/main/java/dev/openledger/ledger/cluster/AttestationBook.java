package dev.openledger.ledger.cluster;

import dev.openledger.core.crypto.PublicKey;
import dev.openledger.ledger.membership.ValidatorSet;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The attestations of the most recent heights, fed in log order: finds the claim a quorum agrees on for each
 * height (the height is then "attested"), and turns a validator's other claim for that height, or two
 * claims of one validator, into evidence. Divergence evidence is issued again each time more validators
 * agree with the quorum (with all of them), because the chain's slashing needs more than 2/3 of the
 * validator stake against the offender, which a bare majority may not hold. Every replica feeds the same
 * entries in the same order, so every replica finds the same evidence. Not thread-safe: the thread applying
 * the log owns it.
 */
final class AttestationBook {
  private final String chainId;
  private final int window;
  private final TreeMap<Long, Map<PublicKey, Attestation>> byHeight = new TreeMap<>();
  private final Set<String> reported = new HashSet<>();
  private long attestedHeight;
  private long ignored;

  /**
   * @param window how many heights back attestations are kept; older ones are ignored
   */
  AttestationBook(String chainId, int window) {
    this.chainId = chainId;
    this.window = window;
  }

  /** The highest height whose state root a quorum of validators signed. */
  long attestedHeight() {
    return attestedHeight;
  }

  /** Attestations dropped because their signer was no validator, the signature failed or they were too old. */
  long ignored() {
    return ignored;
  }

  /** Adds one attestation; returns the evidence it completes (usually none). */
  List<Evidence> add(Attestation a, ValidatorSet set) {
    long newest = byHeight.isEmpty() ? 0 : byHeight.lastKey();
    if (!set.contains(a.validator()) || a.height() + window <= newest || !a.verify(chainId)) {
      ignored++;
      return List.of();
    }
    Map<PublicKey, Attestation> at = byHeight.computeIfAbsent(a.height(), h -> new LinkedHashMap<>());
    Attestation previous = at.get(a.validator());
    if (previous != null) {
      if (previous.agreesWith(a)) {
        return List.of();
      }
      return once("double/" + a.height() + "/" + a.validator(), new Evidence.DoubleAttestation(previous, a));
    }
    at.put(a.validator(), a);
    while (byHeight.firstKey() + window <= byHeight.lastKey()) {
      byHeight.pollFirstEntry();
    }
    return evaluate(at, set);
  }

  /** Finds a claim held by a quorum and reports every validator that claims something else. */
  private List<Evidence> evaluate(Map<PublicKey, Attestation> at, ValidatorSet set) {
    List<Attestation> agreeing = null;
    for (Attestation candidate : at.values()) {
      List<Attestation> same = new ArrayList<>();
      for (Attestation other : at.values()) {
        if (other.agreesWith(candidate)) {
          same.add(other);
        }
      }
      if (same.size() >= set.quorum()) {
        agreeing = same;
        break;
      }
    }
    if (agreeing == null) {
      return List.of();
    }
    long height = agreeing.get(0).height();
    attestedHeight = Math.max(attestedHeight, height);
    List<Evidence> out = new ArrayList<>();
    for (Attestation a : at.values()) {
      if (!a.agreesWith(agreeing.get(0))) {
        out.addAll(once("divergence/" + height + "/" + a.validator() + "/" + agreeing.size(), new Evidence.StateDivergence(a, agreeing)));
      }
    }
    return out;
  }

  private List<Evidence> once(String key, Evidence e) {
    if (reported.size() > 100_000) {
      reported.clear();
    }
    return reported.add(key) ? List.of(e) : List.of();
  }
}
