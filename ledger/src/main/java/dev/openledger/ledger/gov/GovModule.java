package dev.openledger.ledger.gov;

import dev.openledger.core.Result;
import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.economy.Counter;
import dev.openledger.ledger.economy.EconomyMetrics;
import dev.openledger.ledger.exec.Authority;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.LedgerModule;
import dev.openledger.ledger.exec.MessageHandler;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.genesis.Genesis;
import dev.openledger.ledger.msg.Cancel;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.UpdateGovParams;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.ledger.staking.VotingPower;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateOverlay;
import dev.openledger.ledger.state.StateReader;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Governance after OpenZeppelin's Governor (Settings, CountingSimple, Votes, QuorumFraction,
 * TimelockControl) on a block-time clock, as OpenLedger's {@code OpenLedgerGovernor}: voting power
 * is staked OPEN read at the proposal's snapshot; For/Against/Abstain; quorum counts For + Abstain;
 * For must exceed Against; a passed proposal is queued, then executed after the timelock. Execution
 * runs the proposal's messages with the governance authority ({@link Authority#GOVERNANCE}) as
 * sender, all or nothing.
 *
 * <pre>
 * gov/x                     GovParams
 * gov/n                     varint next proposal id
 * gov/p &lt;id 8&gt;              Proposal
 * gov/r &lt;id 8&gt;&lt;voter&gt;       u8 support | varint weight
 * </pre>
 */
public final class GovModule implements LedgerModule {
  public static final Namespace NAMESPACE = new Namespace("gov");
  private static final StateKey PARAMS = NAMESPACE.key(new byte[] {'x'});
  private static final StateKey NEXT_ID = NAMESPACE.key(new byte[] {'n'});
  private static final int MAX_FAILURE_MESSAGE = 1000;

  private final BankModule bank;
  private final VotingPower votingPower;
  private final EconomyMetrics metrics = new EconomyMetrics();

  public GovModule(BankModule bank, VotingPower votingPower) {
    this.bank = Objects.requireNonNull(bank, "bank");
    this.votingPower = Objects.requireNonNull(votingPower, "votingPower");
  }

  @Override
  public Namespace namespace() {
    return NAMESPACE;
  }

  @Override
  public List<MessageHandler<?>> handlers() {
    return List.of(
        new MessageHandler<>(Propose.TYPE, this::propose),
        new MessageHandler<>(Vote.TYPE, this::vote),
        new MessageHandler<>(Queue.TYPE, this::queue),
        new MessageHandler<>(Execute.TYPE, this::execute),
        new MessageHandler<>(Cancel.TYPE, this::cancel),
        new MessageHandler<>(UpdateGovParams.TYPE, this::updateParams));
  }

  /**
   * The genesis section {@code "gov"}: {@code {"params": {...}}}; absent means OpenLedger's
   * settings.
   *
   * @param params the settings
   */
  public record GenesisSection(GovParams params) {
    public GenesisSection {
      Objects.requireNonNull(params, "params");
    }
  }

  @Override
  public void initGenesis(Genesis genesis, State state) {
    putParams(
        state,
        genesis
            .moduleSection(NAMESPACE.name(), GenesisSection.class)
            .map(GenesisSection::params)
            .orElse(GovParams.defaults()));
    state.put(NEXT_ID, new CanonicalWriter(2).varint(1).toByteArray());
    bank.registerModuleAccount(state, Authority.GOVERNANCE_NAME);
  }

  // ---- lifecycle ----

  private Result<Done> propose(TxContext ctx, Propose msg) {
    GovParams params = params(ctx.state());
    long now = ctx.block().timeMillis();
    // OpenZeppelin v5 reads the proposer's votes just before now, so nothing in the current block
    // counts.
    Amount power = votingPower.pastVotes(ctx.state(), ctx.sender(), now - 1);
    if (power.isLessThan(params.proposalThreshold())) {
      return Result.err(
          "below_threshold",
          ctx.sender()
              + " has "
              + power
              + " of voting power; proposing needs "
              + params.proposalThreshold());
    }
    long id = nextId(ctx.state());
    long snapshot = now + params.votingDelaySeconds() * 1000;
    long deadline = snapshot + params.votingPeriodSeconds() * 1000;
    Proposal p =
        new Proposal(
            id,
            ctx.sender(),
            msg.messages(),
            msg.description(),
            now,
            ctx.block().height(),
            snapshot,
            deadline,
            params.quorumBps(),
            Amount.ZERO,
            Amount.ZERO,
            Amount.ZERO,
            0,
            0,
            0,
            false,
            0,
            Optional.empty());
    put(ctx.state(), p);
    metrics.add(ctx.state(), ctx.block(), Counter.PROPOSALS_CREATED, 1);
    ctx.emit(
        Event.of(
            "gov.propose",
            "proposal",
            id,
            "proposer",
            ctx.sender(),
            "messages",
            msg.messages().size(),
            "snapshot",
            snapshot,
            "deadline",
            deadline));
    return Result.ok(Done.DONE);
  }

  private Result<Done> vote(TxContext ctx, Vote msg) {
    Result<Proposal> found = find(ctx.state(), msg.proposal());
    if (found instanceof Result.Err<Proposal> err) {
      return Result.err(err.code(), err.message());
    }
    Proposal p = found.orElseThrow();
    long now = ctx.block().timeMillis();
    ProposalState s = state(ctx.state(), p, now);
    if (s != ProposalState.ACTIVE) {
      return Result.err(
          "proposal_not_active",
          "proposal "
              + p.id()
              + " is "
              + label(s)
              + "; votes are accepted while it is active (after "
              + Instant.ofEpochMilli(p.snapshotMillis())
              + " until "
              + Instant.ofEpochMilli(p.deadlineMillis())
              + ")");
    }
    StateKey receiptKey = receiptKey(p.id(), ctx.sender());
    if (ctx.state().get(receiptKey).isPresent()) {
      return Result.err("already_voted", ctx.sender() + " has already voted on proposal " + p.id());
    }
    Amount weight = votingPower.pastVotes(ctx.state(), ctx.sender(), p.snapshotMillis());
    if (weight.isZero()) {
      return Result.err(
          "no_voting_power",
          ctx.sender()
              + " had no voting power at proposal "
              + p.id()
              + "'s snapshot ("
              + Instant.ofEpochMilli(p.snapshotMillis())
              + ")");
    }
    put(ctx.state(), p.withVote(msg.support(), weight));
    ctx.state()
        .put(
            receiptKey,
            new CanonicalWriter(12).u8(msg.support().ordinal()).amount(weight).toByteArray());
    metrics.recordVote(ctx.state(), ctx.block(), ctx.sender());
    ctx.emit(
        Event.of(
            "gov.vote",
            "proposal",
            p.id(),
            "voter",
            ctx.sender(),
            "support",
            label(msg.support()),
            "weight",
            weight.toPlainString(),
            "reason",
            msg.reason()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> queue(TxContext ctx, Queue msg) {
    Result<Proposal> found = find(ctx.state(), msg.proposal());
    if (found instanceof Result.Err<Proposal> err) {
      return Result.err(err.code(), err.message());
    }
    Proposal p = found.orElseThrow();
    long now = ctx.block().timeMillis();
    ProposalState s = state(ctx.state(), p, now);
    if (s != ProposalState.SUCCEEDED) {
      return Result.err(
          "proposal_not_successful",
          "proposal " + p.id() + " is " + label(s) + "; only a succeeded proposal can be queued");
    }
    GovParams params = params(ctx.state());
    long eta = now + params.timelockSeconds() * 1000;
    long expires = eta + params.gracePeriodSeconds() * 1000;
    put(ctx.state(), p.queued(eta, expires));
    ctx.emit(Event.of("gov.queue", "proposal", p.id(), "eta", eta, "expires", expires));
    return Result.ok(Done.DONE);
  }

  /**
   * Runs the messages in one overlay: all take effect or, when one fails, none does and the
   * proposal records the failure (the transaction itself succeeds so that the record is kept).
   */
  private Result<Done> execute(TxContext ctx, Execute msg) {
    Result<Proposal> found = find(ctx.state(), msg.proposal());
    if (found instanceof Result.Err<Proposal> err) {
      return Result.err(err.code(), err.message());
    }
    Proposal p = found.orElseThrow();
    long now = ctx.block().timeMillis();
    ProposalState s = state(ctx.state(), p, now);
    if (s != ProposalState.QUEUED) {
      return Result.err(
          "proposal_not_queued",
          "proposal " + p.id() + " is " + label(s) + "; only a queued proposal can be executed");
    }
    if (now < p.etaMillis()) {
      return Result.err(
          "timelock",
          "proposal "
              + p.id()
              + " is executable from "
              + Instant.ofEpochMilli(p.etaMillis())
              + " (timelock not over)");
    }
    StateOverlay all = new StateOverlay(ctx.state());
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < p.messages().size(); i++) {
      Message m = p.messages().get(i);
      Result<List<Event>> r = ctx.dispatch(Authority.GOVERNANCE, all, m);
      if (r instanceof Result.Err<List<Event>> err) {
        String why =
            err.message().length() > MAX_FAILURE_MESSAGE
                ? err.message().substring(0, MAX_FAILURE_MESSAGE)
                : err.message();
        put(ctx.state(), p.failed(new Proposal.ExecutionFailure(i, err.code(), why, now)));
        ctx.emit(
            Event.of(
                "gov.execution_failed",
                "proposal",
                p.id(),
                "index",
                i,
                "type",
                m.type().name(),
                "code",
                err.code(),
                "message",
                why));
        return Result.ok(Done.DONE);
      }
      events.addAll(r.orElseThrow());
    }
    all.commitTo(ctx.state());
    put(ctx.state(), p.executed(now));
    metrics.add(ctx.state(), ctx.block(), Counter.PROPOSALS_EXECUTED, 1);
    events.forEach(ctx::emit);
    ctx.emit(Event.of("gov.execute", "proposal", p.id(), "messages", p.messages().size()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> cancel(TxContext ctx, Cancel msg) {
    Result<Proposal> found = find(ctx.state(), msg.proposal());
    if (found instanceof Result.Err<Proposal> err) {
      return Result.err(err.code(), err.message());
    }
    Proposal p = found.orElseThrow();
    if (!p.proposer().equals(ctx.sender())) {
      return Result.err(
          "unauthorized", "only the proposer " + p.proposer() + " can cancel proposal " + p.id());
    }
    ProposalState s = state(ctx.state(), p, ctx.block().timeMillis());
    if (s != ProposalState.PENDING) {
      return Result.err(
          "proposal_not_pending",
          "proposal " + p.id() + " is " + label(s) + "; it can only be canceled while pending");
    }
    put(ctx.state(), p.withCanceled());
    ctx.emit(Event.of("gov.cancel", "proposal", p.id()));
    return Result.ok(Done.DONE);
  }

  private Result<Done> updateParams(TxContext ctx, UpdateGovParams msg) {
    Result<Done> auth = Authority.requireGovernance(ctx, "gov/update_params");
    if (!auth.isOk()) {
      return auth;
    }
    putParams(ctx.state(), msg.params());
    GovParams p = msg.params();
    ctx.emit(
        Event.of(
            "gov.params",
            "votingDelaySeconds",
            p.votingDelaySeconds(),
            "votingPeriodSeconds",
            p.votingPeriodSeconds(),
            "proposalThreshold",
            p.proposalThreshold().toPlainString(),
            "quorumBps",
            p.quorumBps(),
            "timelockSeconds",
            p.timelockSeconds(),
            "gracePeriodSeconds",
            p.gracePeriodSeconds()));
    return Result.ok(Done.DONE);
  }

  // ---- queries ----

  public GovParams params(StateReader state) {
    byte[] b =
        state
            .get(PARAMS)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "governance parameters are missing: state was not initialised from genesis"));
    try {
      CanonicalReader r = new CanonicalReader(b);
      GovParams p = GovParams.decode(r);
      r.finish();
      return p;
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored governance parameters are corrupt: " + e.getMessage(), e);
    }
  }

  public Optional<Proposal> proposal(StateReader state, long id) {
    return state.get(proposalKey(id)).map(GovModule::decode);
  }

  /** Every proposal by id. */
  public TreeMap<Long, Proposal> proposals(StateReader state) {
    TreeMap<Long, Proposal> out = new TreeMap<>();
    try (CloseableIterator<StateEntry> it = state.scan(NAMESPACE.key(new byte[] {'p'}))) {
      while (it.hasNext()) {
        Proposal p = decode(it.next().value());
        out.put(p.id(), p);
      }
    }
    return out;
  }

  /** The proposal's state at {@code nowMillis}. */
  public ProposalState state(StateReader state, Proposal p, long nowMillis) {
    Amount total =
        p.snapshotMillis() < nowMillis
            ? votingPower.pastTotal(state, p.snapshotMillis())
            : Amount.ZERO;
    return p.state(nowMillis, total);
  }

  /** The total voting power at the proposal's snapshot (what its quorum is a fraction of). */
  public Amount totalPowerAtSnapshot(StateReader state, Proposal p) {
    return votingPower.pastTotal(state, p.snapshotMillis());
  }

  /** The votes cast on a proposal, by voter. */
  public TreeMap<Address, VoteReceipt> votes(StateReader state, long proposal) {
    TreeMap<Address, VoteReceipt> out = new TreeMap<>();
    StateKey prefix = NAMESPACE.key('r', u64(proposal));
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        byte[] k = e.key().bytes();
        out.put(
            Address.wrap(java.util.Arrays.copyOfRange(k, prefix.length(), k.length)),
            decodeReceipt(e.value()));
      }
    }
    return out;
  }

  // ---- plumbing ----

  private Result<Proposal> find(StateReader state, long id) {
    return proposal(state, id)
        .<Result<Proposal>>map(Result::ok)
        .orElseGet(() -> Result.err("unknown_proposal", "no proposal " + id));
  }

  private long nextId(State state) {
    byte[] b =
        state
            .get(NEXT_ID)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "governance counter is missing: state was not initialised from genesis"));
    long id;
    try {
      CanonicalReader r = new CanonicalReader(b);
      id = r.varint("next");
      r.finish();
    } catch (DecodeException e) {
      throw new IllegalStateException("stored proposal counter is corrupt: " + e.getMessage(), e);
    }
    state.put(NEXT_ID, new CanonicalWriter(10).varint(id + 1).toByteArray());
    return id;
  }

  private static void putParams(State state, GovParams params) {
    CanonicalWriter w = new CanonicalWriter(32);
    params.encode(w);
    state.put(PARAMS, w.toByteArray());
  }

  private static void put(State state, Proposal p) {
    state.put(proposalKey(p.id()), p.encode());
  }

  private static StateKey proposalKey(long id) {
    return NAMESPACE.key('p', u64(id));
  }

  private static StateKey receiptKey(long proposal, Address voter) {
    byte[] id = new byte[8 + Address.LENGTH];
    ByteBuffer.wrap(id).putLong(proposal).put(voter.bytes());
    return NAMESPACE.key('r', id);
  }

  private static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  private static Proposal decode(byte[] b) {
    try {
      return Proposal.decode(b);
    } catch (DecodeException e) {
      throw new IllegalStateException("stored proposal is corrupt: " + e.getMessage(), e);
    }
  }

  private static VoteReceipt decodeReceipt(byte[] b) {
    try {
      CanonicalReader r = new CanonicalReader(b);
      VoteReceipt v = new VoteReceipt(VoteSupport.decode(r), r.amount("weight"));
      r.finish();
      return v;
    } catch (DecodeException e) {
      throw new IllegalStateException("stored vote is corrupt: " + e.getMessage(), e);
    }
  }

  static String label(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }
}
