package dev.openledger.ledger.cluster;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.engine.Admission;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainReader;
import dev.openledger.ledger.engine.StateSnapshot;
import dev.openledger.ledger.engine.TxOutcome;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.membership.Validator;
import dev.openledger.ledger.membership.ValidatorSet;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.staking.StakingModule;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Turns the cluster's evidence into {@code staking/slash} transactions, signed with this validator's key
 * (its account pays the fee). Every replica derives the same evidence from the log, so every validator
 * would report each fault: to pay one fee, not n, the validators other than the offender take turns in
 * validator-set order, the k-th after {@code k * stagger}, and each first asks the chain (the staking
 * module's own check, on this replica's latest state) whether the fault is already slashed and whether the
 * chain's rule accepts the evidence. The chain decides: evidence the cluster holds but the chain refuses
 * (a divergence contradicted by a validator majority that holds no more than 2/3 of the validator stake) is
 * kept as {@code unprovable} and not submitted.
 */
final class SlashReporter implements EvidenceSink {
  private static final Logger log = LoggerFactory.getLogger(SlashReporter.class);
  private static final int MAX_TRACKED = 1000;

  /**
   * What the reporter works with.
   *
   * @param chain the chain (with the staking module)
   * @param reader this replica's committed chain
   * @param key this validator's key, whose account signs and pays
   * @param validators the current validator set
   * @param submit submits a transaction to this node's engine
   * @param scheduler runs the reports (never the applying thread)
   * @param clock the time a would-be next block has, for the chain's checks
   * @param stagger the delay between reporters' turns
   */
  record Deps(
      Chain chain,
      ChainReader reader,
      KeyPair key,
      Supplier<ValidatorSet> validators,
      Function<SignedTransaction, CompletableFuture<Admission>> submit,
      ScheduledExecutorService scheduler,
      LongSupplier clock,
      Duration stagger) {}

  private final Deps deps;
  private final StakingModule staking;
  private final String chainId;
  private final Map<Hash, SlashReport> reports = new ConcurrentHashMap<>();
  private final List<Hash> order = new ArrayList<>();

  SlashReporter(Deps deps, StakingModule staking) {
    this.deps = deps;
    this.staking = staking;
    this.chainId = deps.chain().genesis().chainId();
  }

  /** The staking module of {@code chain}, when it has one. */
  static Optional<StakingModule> stakingOf(Chain chain) {
    return chain.machine().modules().stream().filter(StakingModule.class::isInstance).map(StakingModule.class::cast).findFirst();
  }

  /** What happened to the evidence {@code hash} here, if it was handed to the reporter. */
  Optional<SlashReport> report(Hash hash) {
    return Optional.ofNullable(reports.get(hash));
  }

  /** On the applying thread: waits for this validator's turn, off that thread. */
  @Override
  public void accept(SignedEvidence e) {
    Address me = deps.key().address();
    if (e.evidence().offender().address().equals(me)) {
      track(e.hash(), new SlashReport("own", "the evidence is against this validator"));
      return;
    }
    int turn = turn(deps.validators().get(), e.evidence().offender().address(), me);
    track(e.hash(), new SlashReport("waiting", "turn " + turn));
    try {
      deps.scheduler().schedule(() -> report(e), deps.stagger().toMillis() * turn, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException stopping) {
      track(e.hash(), new SlashReport("failed", "the node stopped before its turn"));
    }
  }

  /** This validator's place among the validators other than the offender (last when not in the set). */
  static int turn(ValidatorSet set, Address offender, Address me) {
    int k = 0;
    for (Validator v : set.members()) {
      Address a = v.key().address();
      if (a.equals(offender)) {
        continue;
      }
      if (a.equals(me)) {
        return k;
      }
      k++;
    }
    return k;
  }

  private void report(SignedEvidence e) {
    try {
      dev.openledger.ledger.msg.Evidence slash = e.evidence().toSlashing(chainId);
      StateSnapshot state = deps.reader().snapshot();
      long height = state.header().header().height();
      long time = Math.max(deps.clock().getAsLong(), state.header().header().timeMillis());
      BlockContext next = new BlockContext(chainId, height + 1, time, deps.key().address());
      Result<Done> verdict = staking.slasher().check(state, next, slash);
      if (verdict instanceof Result.Err<Done> err) {
        boolean done = err.code().equals("already_slashed");
        track(e.hash(), new SlashReport(done ? "slashed" : "unprovable", err.code() + ": " + err.message()));
        if (!done) {
          log.warn("evidence {} ({} at height {}) is not provable on chain: {}: {}", e.hash().shortHex(), e.evidence().kind(), e.evidence().height(), err.code(), err.message());
        }
        return;
      }
      submit(e.hash(), slash, state);
    } catch (RuntimeException ex) {
      log.error("reporting evidence {} failed", e.hash(), ex);
      track(e.hash(), new SlashReport("failed", ex.toString()));
    }
  }

  private void submit(Hash evidence, dev.openledger.ledger.msg.Evidence slash, StateSnapshot state) {
    Account account = deps.chain().bank().account(state, deps.key().address());
    Amount fee = deps.chain().genesis().params().minFee();
    if (account.balance().isLessThan(fee)) {
      track(evidence, new SlashReport("failed", "this validator's account " + deps.key().address() + " holds " + account.balance() + ", less than the fee " + fee));
      return;
    }
    SignedTransaction tx = new Transaction(chainId, deps.key().publicKey(), account.nonce(), fee, new Slash(slash)).sign(deps.key());
    if (tx.encodedLength() > deps.chain().genesis().params().maxTxBytes()) {
      track(evidence, new SlashReport("unprovable", "the slash transaction is " + tx.encodedLength() + " bytes, more than this chain's limit"));
      return;
    }
    track(evidence, new SlashReport("submitted", tx.hash().toString()));
    log.info("submitting slash transaction {} for evidence {} against {}", tx.hash().shortHex(), evidence.shortHex(), slash.offender());
    deps.submit().apply(tx).thenCompose(admission -> {
      if (admission instanceof Admission.Refused r) {
        return CompletableFuture.completedFuture(new SlashReport("failed", "refused: " + r.code() + ": " + r.message()));
      }
      return ((Admission.Accepted) admission).outcome().thenApply(o -> outcome(tx, o));
    }).whenComplete((report, ex) -> track(evidence, ex != null ? new SlashReport("failed", ex.toString()) : report));
  }

  private static SlashReport outcome(SignedTransaction tx, TxOutcome o) {
    if (o instanceof TxOutcome.Rejected r) {
      return new SlashReport("failed", "dropped: " + r.code() + ": " + r.message());
    }
    Receipt receipt = ((TxOutcome.Committed) o).receipt();
    if (receipt.isOk()) {
      return new SlashReport("slashed", "by transaction " + tx.hash());
    }
    return new SlashReport(receipt.code().equals("already_slashed") ? "slashed" : "failed", "transaction " + tx.hash() + ": " + receipt.code() + ": " + receipt.message());
  }

  private void track(Hash hash, SlashReport report) {
    synchronized (order) {
      if (reports.put(hash, report) == null) {
        order.add(hash);
        if (order.size() > MAX_TRACKED) {
          reports.remove(order.remove(0));
        }
      }
    }
  }
}
