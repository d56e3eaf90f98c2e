package dev.openledger.ledger.staking;

import static dev.openledger.ledger.staking.StakingStore.NS;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Voting power after OpenZeppelin's {@code ERC20Votes}: an owner's voting units are its staked
 * principal (active positions of every purpose); the units count for the owner's delegate (the
 * owner itself until it delegates); each delegate's votes and the total are kept as {@link
 * Checkpoints} over block time, so the governance module reads them as they were at a proposal's
 * snapshot.
 *
 * <pre>
 * staking/w &lt;owner&gt;               the owner's voting units
 * staking/d &lt;owner&gt;               its delegate when not itself
 * staking/v &lt;delegate&gt;            the delegate's current votes
 * staking/c &lt;delegate&gt;&lt;i 4&gt;       checkpoint i of its votes;  staking/k &lt;delegate&gt;  their count
 * staking/C &lt;i 4&gt;                  checkpoint i of the total;  staking/K             their count
 * </pre>
 */
public final class VotingPower {
  private static final Checkpoints TOTAL =
      new Checkpoints(NS.key(new byte[] {'C'}), NS.key(new byte[] {'K'}));

  /** The owner's voting units (its staked principal). */
  public Amount units(StateReader state, Address owner) {
    return StakingStore.amount(state, NS.key('w', owner.bytes()));
  }

  /** Who votes with the owner's units: its delegate, or itself. */
  public Address delegateOf(StateReader state, Address owner) {
    return state.get(NS.key('d', owner.bytes())).map(Address::wrap).orElse(owner);
  }

  /** The delegate's votes now. */
  public Amount votes(StateReader state, Address delegate) {
    return StakingStore.amount(state, NS.key('v', delegate.bytes()));
  }

  /** The delegate's votes at block time {@code timeMillis} (OpenZeppelin {@code getPastVotes}). */
  public Amount pastVotes(StateReader state, Address delegate, long timeMillis) {
    return of(delegate).at(state, timeMillis);
  }

  /**
   * The total voting power at block time {@code timeMillis} (OpenZeppelin {@code
   * getPastTotalSupply}).
   */
  public Amount pastTotal(StateReader state, long timeMillis) {
    return TOTAL.at(state, timeMillis);
  }

  /** The total voting power now. */
  public Amount total(StateReader state) {
    return TOTAL.latest(state);
  }

  /** Every delegate with votes now, in address order. */
  public TreeMap<Address, Amount> allVotes(StateReader state) {
    TreeMap<Address, Amount> out = new TreeMap<>();
    StateKey prefix = NS.key(new byte[] {'v'});
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        byte[] k = e.key().bytes();
        out.put(
            Address.wrap(java.util.Arrays.copyOfRange(k, prefix.length(), k.length)),
            StakingStore.amount(state, e.key()));
      }
    }
    return out;
  }

  // ---- changes (the staking module's) ----

  /** Adds staked principal to the owner's units; its delegate's votes and the total follow. */
  void addUnits(State state, Address owner, Amount delta, long timeMillis) {
    StakingStore.putAmount(state, NS.key('w', owner.bytes()), units(state, owner).plus(delta));
    move(state, Optional.empty(), Optional.of(delegateOf(state, owner)), delta, timeMillis);
  }

  /** Removes principal from the owner's units. */
  void removeUnits(State state, Address owner, Amount delta, long timeMillis) {
    StakingStore.putAmount(state, NS.key('w', owner.bytes()), units(state, owner).minus(delta));
    move(state, Optional.of(delegateOf(state, owner)), Optional.empty(), delta, timeMillis);
  }

  /** Moves all of the owner's units to a new delegate. */
  void delegate(State state, Address owner, Address to, long timeMillis) {
    Address from = delegateOf(state, owner);
    if (to.equals(owner)) {
      state.delete(NS.key('d', owner.bytes()));
    } else {
      state.put(NS.key('d', owner.bytes()), to.bytes());
    }
    if (!from.equals(to)) {
      move(state, Optional.of(from), Optional.of(to), units(state, owner), timeMillis);
    }
  }

  private void move(
      State state, Optional<Address> from, Optional<Address> to, Amount amount, long timeMillis) {
    if (amount.isZero()) {
      return;
    }
    if (from.isPresent()) {
      Amount v = votes(state, from.get()).minus(amount);
      StakingStore.putAmount(state, NS.key('v', from.get().bytes()), v);
      of(from.get()).push(state, timeMillis, v);
    } else {
      TOTAL.push(state, timeMillis, TOTAL.latest(state).plus(amount));
    }
    if (to.isPresent()) {
      Amount v = votes(state, to.get()).plus(amount);
      StakingStore.putAmount(state, NS.key('v', to.get().bytes()), v);
      of(to.get()).push(state, timeMillis, v);
    } else {
      TOTAL.push(state, timeMillis, TOTAL.latest(state).minus(amount));
    }
  }

  private static Checkpoints of(Address delegate) {
    return new Checkpoints(NS.key('c', delegate.bytes()), NS.key('k', delegate.bytes()));
  }
}
