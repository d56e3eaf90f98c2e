package dev.openledger.ledger.staking;

import dev.openledger.core.crypto.Address;
import dev.openledger.ledger.state.StateReader;
import java.util.Optional;
import java.util.Set;

/**
 * Which validator stakers actually validate, when another module decides it: on a replicated chain, the
 * members of the validator set in state (module {@code cluster}). Staking counts only their validator stake
 * in the validator set and in the 2/3 rule of divergence evidence, so a stake backing no running validator
 * neither dilutes nor carries a majority.
 */
@FunctionalInterface
public interface ActiveValidators {
  /** The validating accounts, or empty when every owner of validator stake counts (no validator set). */
  Optional<Set<Address>> members(StateReader state);

  /** Every owner of validator stake counts: a chain without a validator set (a single sequencer). */
  ActiveValidators ANY_STAKER = state -> Optional.empty();
}
