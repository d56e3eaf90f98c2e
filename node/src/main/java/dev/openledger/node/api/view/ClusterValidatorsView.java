package dev.openledger.node.api.view;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.money.Amount;
import java.util.List;
import java.util.Optional;

/**
 * {@code GET /api/cluster/validators}: the validator set in the chain's state, with each validator's stake.
 *
 * @param height the block the answer is read at
 * @param version the set's version (+1 per governance change)
 * @param validators the members, in the order they were added
 */
public record ClusterValidatorsView(long height, long version, List<Member> validators) {
  public ClusterValidatorsView {
    validators = List.copyOf(validators);
  }

  /**
   * One validator.
   *
   * @param id Raft peer id
   * @param publicKey the key signing its blocks and votes
   * @param account that key's address, which owns its validator stake
   * @param raft its Raft address (empty for genesis validators: their nodes' configuration supplies it)
   * @param stake its validator stake (zero while jailed)
   * @param jailedUntil when its validator role may be unjailed, if it is jailed
   * @param tombstoned jailed for good (a double sign)
   */
  public record Member(String id, PublicKey publicKey, Address account, String raft, Amount stake, Optional<Long> jailedUntil, boolean tombstoned) {}
}
