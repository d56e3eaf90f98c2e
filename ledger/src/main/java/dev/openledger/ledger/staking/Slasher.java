package dev.openledger.ledger.staking;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.exec.Authority;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.msg.Evidence;
import dev.openledger.ledger.msg.ValidatorVote;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateReader;
import dev.openledger.ledger.tx.ChainRules;
import dev.openledger.ledger.tx.TxCodec;
import dev.openledger.ledger.tx.TxVerifier;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Checks evidence and slashes (Cosmos SDK x/slashing, adapted): the offender's positions for the
 * role that were opened at or before the infraction height lose {@code fraction} of their
 * principal, and so do its unbonding positions requested after the infraction (their OPEN was at
 * stake when it happened); the role is jailed ({@code jailSeconds}) or, for a double sign,
 * tombstoned. Slashed OPEN is burned or sent to the treasury. Each infraction is slashed at most
 * once.
 */
public final class Slasher {
  private final StakingStore store;
  private final VotingPower votingPower;
  private final BankModule bank;
  private final EconomyMetrics metrics;
  private final ActiveValidators active;

  Slasher(
      StakingStore store,
      VotingPower votingPower,
      BankModule bank,
      EconomyMetrics metrics,
      ActiveValidators active) {
    this.store = store;
    this.votingPower = votingPower;
    this.bank = bank;
    this.metrics = metrics;
    this.active = active;
  }

  /**
   * The {@code staking/slash} message: attested evidence needs the governance authority or a
   * reporter as {@code submitter}; validator evidence may come from anyone.
   */
  Result<SlashOutcome> submit(
      State state,
      BlockContext block,
      Consumer<Event> events,
      Address submitter,
      Evidence evidence) {
    if (!evidence.selfVerifying()) {
      List<Address> reporters = store.params(state).reporters();
      if (!submitter.equals(Authority.GOVERNANCE) && !reporters.contains(submitter)) {
        return Result.err(
            "unauthorized",
            "only the governance authority or a reporter named in the staking parameters may submit "
                + kind(evidence)
                + " evidence; "
                + submitter
                + " is neither");
      }
    }
    return apply(state, block, events, evidence);
  }

  /**
   * Checks and applies evidence as a keeper call from another module that has established it (e.g.
   * the datanet module when a challenge proves approved data invalid): validator evidence is still
   * verified, attested evidence is trusted. Fails without changes when the evidence is invalid, too
   * old, from the future, or was already slashed.
   */
  public Result<SlashOutcome> apply(
      State state, BlockContext block, Consumer<Event> events, Evidence evidence) {
    Result<Done> valid = check(state, block, evidence);
    if (valid instanceof Result.Err<Done> err) {
      return Result.err(err.code(), err.message());
    }
    StakingParams params = store.params(state);
    long height = evidence.infractionHeight();
    store.markInfraction(state, Hash.sha256(evidence.infractionKey()).bytes(), block.height());

    int fraction = fraction(params, evidence);
    Address offender = evidence.offender();
    Purpose purpose = evidence.purpose();
    Amount cut = Amount.ZERO;
    int touched = 0;
    for (Position p : store.positionsOf(state, offender)) {
      if (p.purpose() == purpose && p.createdHeight() <= height) {
        Amount c = p.principal().mulDiv(fraction, StakingParams.BPS);
        if (!c.isZero()) {
          cutPosition(state, block, p, c);
          cut = cut.plus(c);
          touched++;
        }
      }
    }
    for (Unbonding u : store.unbondingsOf(state, offender)) {
      if (u.purpose() == purpose
          && u.requestedHeight() > height
          && u.stakeCreatedHeight() <= height) {
        Amount c = u.amount().mulDiv(fraction, StakingParams.BPS);
        if (!c.isZero()) {
          store.putUnbonding(state, u.withAmount(u.amount().minus(c)));
          cut = cut.plus(c);
          touched++;
        }
      }
    }
    dispose(state, block, params, cut);

    boolean tombstone =
        evidence instanceof Evidence.DoubleSign
            || store.jail(state, offender, purpose).map(Jail::tombstoned).orElse(false);
    long until = block.timeMillis() + params.jailSeconds() * 1000;
    store.putJail(state, offender, purpose, new Jail(until, tombstone));
    SlashOutcome out =
        new SlashOutcome(offender, purpose, fraction, cut, touched, until, tombstone);
    events.accept(
        Event.of(
            "staking.slash",
            "offender",
            offender,
            "purpose",
            purpose.name().toLowerCase(java.util.Locale.ROOT),
            "evidence",
            kind(evidence),
            "infractionHeight",
            height,
            "fractionBps",
            fraction,
            "amount",
            cut.toPlainString(),
            "destination",
            params.slashDestination().name().toLowerCase(java.util.Locale.ROOT),
            "jailedUntil",
            tombstone ? "forever" : Long.toString(until)));
    return Result.ok(out);
  }

  private void cutPosition(State state, BlockContext block, Position p, Amount c) {
    Amount left = p.principal().minus(c);
    if (left.isZero()) {
      store.deletePosition(state, p);
    } else {
      store.putPosition(state, p.withPrincipal(left));
    }
    store.putPoolTotal(
        state, p.pool(), p.owner(), store.poolTotal(state, p.pool(), p.owner()).minus(c));
    votingPower.removeUnits(state, p.owner(), c, block.timeMillis());
  }

  private void dispose(State state, BlockContext block, StakingParams params, Amount cut) {
    if (cut.isZero()) {
      return;
    }
    metrics.add(state, block, Counter.SLASHED, cut.nano());
    if (params.slashDestination() == SlashDestination.BURN) {
      bank.burn(state, StakingModule.ESCROW, cut).orElseThrow();
      metrics.add(state, block, Counter.SLASHED_BURNED, cut.nano());
    } else {
      bank.accounts().transfer(state, StakingModule.ESCROW, BankModule.TREASURY, cut).orElseThrow();
      metrics.add(state, block, Counter.TREASURY_SLASH_IN, cut.nano());
    }
  }

  /**
   * Whether {@code evidence} would be slashed in {@code block} on {@code state}, without changing
   * anything: {@code invalid_evidence}, {@code insufficient_majority}, {@code
   * evidence_from_future}, {@code evidence_too_old} or {@code already_slashed} when it would not. A
   * reporter asks this before it pays for a slash transaction.
   */
  public Result<Done> check(StateReader state, BlockContext block, Evidence evidence) {
    Result<Done> valid = verify(state, block, evidence);
    if (!valid.isOk()) {
      return valid;
    }
    StakingParams params = store.params(state);
    long height = evidence.infractionHeight();
    if (height >= block.height()) {
      return Result.err(
          "evidence_from_future",
          "the infraction height " + height + " is not before the current block " + block.height());
    }
    if (block.height() - height > params.maxEvidenceAgeBlocks()) {
      return Result.err(
          "evidence_too_old",
          "the infraction at height "
              + height
              + " is more than "
              + params.maxEvidenceAgeBlocks()
              + " blocks old");
    }
    if (store.infractionSeen(state, Hash.sha256(evidence.infractionKey()).bytes())) {
      return Result.err(
          "already_slashed", "this infraction by " + evidence.offender() + " was already slashed");
    }
    return Result.ok(Done.DONE);
  }

  /** Signature, inclusion and stake checks of validator evidence; attested evidence passes. */
  private Result<Done> verify(StateReader state, BlockContext block, Evidence evidence) {
    if (evidence instanceof Evidence.DoubleSign d) {
      return checkVotes(block, List.of(d.first(), d.second()));
    }
    if (evidence instanceof Evidence.InvalidBlock b) {
      return checkInvalidBlock(block, b);
    }
    if (evidence instanceof Evidence.Divergence d) {
      List<ValidatorVote> all = new ArrayList<>(d.majority());
      all.add(d.offending());
      Result<Done> sigs = checkVotes(block, all);
      if (!sigs.isOk()) {
        return sigs;
      }
      // The majority must hold more than 2/3 of the validator stake (the offender's included).
      Map<Address, Amount> validators =
          StakingModule.validatorStakes(store, active, state, block.timeMillis());
      Amount total = Amount.ZERO;
      for (Amount a : validators.values()) {
        total = total.plus(a);
      }
      Amount majority = Amount.ZERO;
      for (ValidatorVote v : d.majority()) {
        majority = majority.plus(validators.getOrDefault(v.validator().address(), Amount.ZERO));
      }
      if (total.isZero()
          || java.math.BigInteger.valueOf(majority.nano())
                  .multiply(java.math.BigInteger.valueOf(3))
                  .compareTo(java.math.BigInteger.valueOf(total.nano()).shiftLeft(1))
              <= 0) {
        return Result.err(
            "insufficient_majority",
            "the contradicting validators hold "
                + majority
                + " of "
                + total
                + " validator stake; more than 2/3 is needed");
      }
    }
    return Result.ok(Done.DONE);
  }

  /**
   * The header is this chain's and signed by its proposer, the transaction sits at the index under
   * the header's transaction root, and it fails a check no honest proposer skips: its chain id or
   * its signature.
   */
  private static Result<Done> checkInvalidBlock(BlockContext block, Evidence.InvalidBlock b) {
    if (!b.header().chainId().equals(block.chainId())) {
      return Result.err(
          "invalid_evidence",
          "the block is for chain '"
              + b.header().chainId()
              + "', not this chain '"
              + block.chainId()
              + "'");
    }
    if (!b.header().verifySignature(b.signature())) {
      return Result.err("invalid_evidence", "the block header's signature is not its proposer's");
    }
    if (!b.included()) {
      return Result.err(
          "invalid_evidence",
          "the audit path does not prove transaction "
              + b.index()
              + " under the header's transaction root");
    }
    // Size and fee floor are the chain's parameters, not the slashing module's: only the chain id
    // and the signature are judged here, with no size or fee limit.
    TxVerifier stateless =
        new TxVerifier(new ChainRules(block.chainId(), TxCodec.HARD_MAX_TX_BYTES, Amount.ZERO));
    if (stateless.verify(b.tx()).isOk()) {
      return Result.err(
          "invalid_evidence",
          "transaction "
              + b.index()
              + " of block "
              + b.header().height()
              + " has a valid signature for this chain");
    }
    return Result.ok(Done.DONE);
  }

  private static Result<Done> checkVotes(BlockContext block, List<ValidatorVote> votes) {
    for (ValidatorVote v : votes) {
      if (!v.chainId().equals(block.chainId())) {
        return Result.err(
            "invalid_evidence",
            "a vote is for chain '" + v.chainId() + "', not this chain '" + block.chainId() + "'");
      }
      if (!v.verify()) {
        return Result.err(
            "invalid_evidence",
            "the vote by "
                + v.validator().address()
                + " at height "
                + v.height()
                + " has a bad signature");
      }
    }
    return Result.ok(Done.DONE);
  }

  private static int fraction(StakingParams p, Evidence e) {
    if (e instanceof Evidence.DoubleSign) {
      return p.doubleSignSlashBps();
    }
    if (e instanceof Evidence.Divergence) {
      return p.divergenceSlashBps();
    }
    if (e instanceof Evidence.InvalidBlock) {
      return p.invalidBlockSlashBps();
    }
    return e instanceof Evidence.InvalidData ? p.invalidDataSlashBps() : p.failedAuditSlashBps();
  }

  static String kind(Evidence e) {
    if (e instanceof Evidence.DoubleSign) {
      return "double_sign";
    }
    if (e instanceof Evidence.Divergence) {
      return "divergence";
    }
    if (e instanceof Evidence.InvalidBlock) {
      return "invalid_block";
    }
    return e instanceof Evidence.InvalidData ? "invalid_data" : "failed_audit";
  }
}
