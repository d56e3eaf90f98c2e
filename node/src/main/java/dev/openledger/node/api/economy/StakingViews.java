package dev.openledger.node.api.economy;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.staking.Jail;
import dev.openledger.ledger.staking.PoolConfig;
import dev.openledger.ledger.staking.Position;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.ledger.staking.Unbonding;
import java.util.List;
import java.util.Locale;

/** JSON shapes of {@code /api/staking/...}. */
public final class StakingViews {
  private StakingViews() {}

  /**
   * A pool.
   *
   * @param id pool id
   * @param config its terms
   */
  public record PoolView(long id, PoolConfig config) {}

  /**
   * {@code GET /api/staking/pools}.
   *
   * @param height the block read
   * @param pools every pool by id
   */
  public record PoolsView(long height, List<PoolView> pools) {}

  /**
   * An active position.
   *
   * @param id position id
   * @param owner its owner
   * @param pool pool id
   * @param purpose the role it backs
   * @param principal staked OPEN
   * @param value principal plus interest accrued until {@code evaluatedAtMillis} (paid as far as
   *     the reserve allows)
   * @param annualRateBps its rate
   * @param startMillis when interest started
   * @param lockEndMillis when its lock ends (its start for flexible pools)
   * @param locked whether it is still locked
   * @param createdHeight the block that opened it
   */
  public record PositionView(
      long id,
      Address owner,
      long pool,
      String purpose,
      Amount principal,
      Amount value,
      int annualRateBps,
      long startMillis,
      long lockEndMillis,
      boolean locked,
      long createdHeight) {
    static PositionView of(Position p, long now) {
      return new PositionView(
          p.id(),
          p.owner(),
          p.pool(),
          label(p.purpose()),
          p.principal(),
          p.value(now),
          p.annualRateBps(),
          p.startMillis(),
          p.lockEndMillis(),
          p.lockedAt(now),
          p.createdHeight());
    }
  }

  /**
   * A position in its cooldown.
   *
   * @param id position id
   * @param owner its owner
   * @param pool pool id
   * @param purpose the role it backed
   * @param amount what {@code withdraw} will pay
   * @param unlockMillis from when it can be withdrawn
   * @param withdrawable whether it can be withdrawn now
   */
  public record UnbondingView(
      long id,
      Address owner,
      long pool,
      String purpose,
      Amount amount,
      long unlockMillis,
      boolean withdrawable) {
    static UnbondingView of(Unbonding u, long now) {
      return new UnbondingView(
          u.id(),
          u.owner(),
          u.pool(),
          label(u.purpose()),
          u.amount(),
          u.unlockMillis(),
          now >= u.unlockMillis());
    }
  }

  /**
   * A jailed role.
   *
   * @param purpose the role
   * @param untilMillis when it may be unjailed
   * @param tombstoned jailed for good
   * @param active whether it is still in force
   */
  public record JailView(String purpose, long untilMillis, boolean tombstoned, boolean active) {
    static JailView of(Purpose p, Jail j, long now) {
      return new JailView(label(p), j.untilMillis(), j.tombstoned(), j.activeAt(now));
    }
  }

  /**
   * {@code GET /api/staking/accounts/{addr}}.
   *
   * @param address the account
   * @param height the block read
   * @param evaluatedAtMillis the time accrued values are computed at
   * @param positions active positions
   * @param unbondings positions in their cooldown
   * @param units its voting units (staked principal)
   * @param delegate who votes with them
   * @param votes the votes it holds as a delegate
   * @param jails its jailed roles
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record StakingAccountView(
      Address address,
      long height,
      long evaluatedAtMillis,
      List<PositionView> positions,
      List<UnbondingView> unbondings,
      Amount units,
      Address delegate,
      Amount votes,
      List<JailView> jails) {}

  /**
   * One validator.
   *
   * @param address the validator's address (its key's)
   * @param stake its validator stake
   */
  public record ValidatorView(Address address, Amount stake) {}

  /**
   * {@code GET /api/staking/validators}: owners with validator stake that are not jailed.
   *
   * @param height the block read
   * @param validators in address order
   */
  public record ValidatorsView(long height, List<ValidatorView> validators) {}

  static String label(Purpose p) {
    return p.name().toLowerCase(Locale.ROOT);
  }
}
