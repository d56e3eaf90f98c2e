package dev.openledger.ledger.gov;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A governance proposal and its tally. Times are block times in milliseconds.
 *
 * @param id sequential from 1
 * @param proposer who proposed it
 * @param messages what executes if it passes, with the governance authority as sender
 * @param description what and why
 * @param createdMillis when it was proposed
 * @param createdHeight the block it was proposed in
 * @param snapshotMillis voting power is read as of this time; voting opens after it
 * @param deadlineMillis voting closes after this time
 * @param quorumBps the quorum fraction in force when it was proposed (OpenZeppelin checkpoints it)
 * @param forVotes power voting For
 * @param againstVotes power voting Against
 * @param abstainVotes power abstaining
 * @param voters how many accounts voted
 * @param etaMillis when a queued proposal becomes executable; 0 while not queued
 * @param expiresMillis when a queued proposal expires; 0 while not queued
 * @param canceled withdrawn by its proposer
 * @param executedMillis when it was executed; 0 while not executed
 * @param lastFailure the most recent failed execution attempt, if any
 */
public record Proposal(
    long id,
    Address proposer,
    List<Message> messages,
    String description,
    long createdMillis,
    long createdHeight,
    long snapshotMillis,
    long deadlineMillis,
    int quorumBps,
    Amount forVotes,
    Amount againstVotes,
    Amount abstainVotes,
    long voters,
    long etaMillis,
    long expiresMillis,
    boolean canceled,
    long executedMillis,
    Optional<ExecutionFailure> lastFailure) {

  public Proposal {
    Objects.requireNonNull(proposer, "proposer");
    messages = List.copyOf(messages);
    Objects.requireNonNull(description, "description");
    Objects.requireNonNull(forVotes, "forVotes");
    Objects.requireNonNull(againstVotes, "againstVotes");
    Objects.requireNonNull(abstainVotes, "abstainVotes");
    Objects.requireNonNull(lastFailure, "lastFailure");
  }

  /**
   * The state at {@code nowMillis} given the total voting power at the snapshot (OpenZeppelin
   * {@code Governor.state}, with Compound's grace period for Expired).
   */
  public ProposalState state(long nowMillis, Amount totalPowerAtSnapshot) {
    if (executedMillis > 0) {
      return ProposalState.EXECUTED;
    }
    if (canceled) {
      return ProposalState.CANCELED;
    }
    if (snapshotMillis >= nowMillis) {
      return ProposalState.PENDING;
    }
    if (deadlineMillis >= nowMillis) {
      return ProposalState.ACTIVE;
    }
    if (!quorumReached(totalPowerAtSnapshot) || !voteSucceeded()) {
      return ProposalState.DEFEATED;
    }
    if (etaMillis == 0) {
      return ProposalState.SUCCEEDED;
    }
    return nowMillis >= expiresMillis ? ProposalState.EXPIRED : ProposalState.QUEUED;
  }

  /** The quorum: {@code floor(total power at the snapshot * quorumBps / 10000)}. */
  public Amount quorum(Amount totalPowerAtSnapshot) {
    return totalPowerAtSnapshot.mulDiv(quorumBps, 10_000);
  }

  /** {@code GovernorCountingSimple}: For and Abstain count toward the quorum. */
  public boolean quorumReached(Amount totalPowerAtSnapshot) {
    return !forVotes.plus(abstainVotes).isLessThan(quorum(totalPowerAtSnapshot));
  }

  /** {@code GovernorCountingSimple}: For must strictly exceed Against (a tie is defeated). */
  public boolean voteSucceeded() {
    return againstVotes.isLessThan(forVotes);
  }

  Proposal withVote(VoteSupport support, Amount weight) {
    return new Proposal(
        id,
        proposer,
        messages,
        description,
        createdMillis,
        createdHeight,
        snapshotMillis,
        deadlineMillis,
        quorumBps,
        support == VoteSupport.FOR ? forVotes.plus(weight) : forVotes,
        support == VoteSupport.AGAINST ? againstVotes.plus(weight) : againstVotes,
        support == VoteSupport.ABSTAIN ? abstainVotes.plus(weight) : abstainVotes,
        voters + 1,
        etaMillis,
        expiresMillis,
        canceled,
        executedMillis,
        lastFailure);
  }

  Proposal queued(long eta, long expires) {
    return new Proposal(
        id,
        proposer,
        messages,
        description,
        createdMillis,
        createdHeight,
        snapshotMillis,
        deadlineMillis,
        quorumBps,
        forVotes,
        againstVotes,
        abstainVotes,
        voters,
        eta,
        expires,
        canceled,
        executedMillis,
        lastFailure);
  }

  Proposal withCanceled() {
    return new Proposal(
        id,
        proposer,
        messages,
        description,
        createdMillis,
        createdHeight,
        snapshotMillis,
        deadlineMillis,
        quorumBps,
        forVotes,
        againstVotes,
        abstainVotes,
        voters,
        etaMillis,
        expiresMillis,
        true,
        executedMillis,
        lastFailure);
  }

  Proposal executed(long at) {
    return new Proposal(
        id,
        proposer,
        messages,
        description,
        createdMillis,
        createdHeight,
        snapshotMillis,
        deadlineMillis,
        quorumBps,
        forVotes,
        againstVotes,
        abstainVotes,
        voters,
        etaMillis,
        expiresMillis,
        canceled,
        at,
        lastFailure);
  }

  Proposal failed(ExecutionFailure f) {
    return new Proposal(
        id,
        proposer,
        messages,
        description,
        createdMillis,
        createdHeight,
        snapshotMillis,
        deadlineMillis,
        quorumBps,
        forVotes,
        againstVotes,
        abstainVotes,
        voters,
        etaMillis,
        expiresMillis,
        canceled,
        executedMillis,
        Optional.of(f));
  }

  byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256).varint(id).address(proposer);
    Propose.encodeMessages(messages, w);
    w.string(description)
        .varint(createdMillis)
        .varint(createdHeight)
        .varint(snapshotMillis)
        .varint(deadlineMillis)
        .varint(quorumBps);
    w.amount(forVotes)
        .amount(againstVotes)
        .amount(abstainVotes)
        .varint(voters)
        .varint(etaMillis)
        .varint(expiresMillis)
        .bool(canceled)
        .varint(executedMillis);
    w.bool(lastFailure.isPresent());
    lastFailure.ifPresent(
        f -> w.varint(f.index()).string(f.code()).string(f.message()).varint(f.atMillis()));
    return w.toByteArray();
  }

  static Proposal decode(byte[] b) throws DecodeException {
    CanonicalReader r = new CanonicalReader(b);
    long id = r.varint("id");
    Address proposer = r.address("proposer");
    List<Message> messages = Propose.decodeMessages(r);
    String description = r.string("description", Propose.MAX_DESCRIPTION_BYTES);
    long created = r.varint("created");
    long createdHeight = r.varint("createdHeight");
    long snapshot = r.varint("snapshot");
    long deadline = r.varint("deadline");
    int quorum = (int) r.varint("quorumBps", 10_000);
    Amount f = r.amount("for");
    Amount a = r.amount("against");
    Amount ab = r.amount("abstain");
    long voters = r.varint("voters");
    long eta = r.varint("eta");
    long expires = r.varint("expires");
    boolean canceled = r.bool("canceled");
    long executed = r.varint("executed");
    Optional<ExecutionFailure> failure =
        r.bool("failure")
            ? Optional.of(
                new ExecutionFailure(
                    (int) r.varint("index", Propose.MAX_MESSAGES),
                    r.string("code", 64),
                    r.string("message", 4096),
                    r.varint("at")))
            : Optional.empty();
    r.finish();
    return new Proposal(
        id,
        proposer,
        messages,
        description,
        created,
        createdHeight,
        snapshot,
        deadline,
        quorum,
        f,
        a,
        ab,
        voters,
        eta,
        expires,
        canceled,
        executed,
        failure);
  }

  /**
   * Why an execution attempt failed; it changed nothing.
   *
   * @param index the message that failed (0-based)
   * @param code its failure code
   * @param message its failure message
   * @param atMillis when
   */
  public record ExecutionFailure(int index, String code, String message, long atMillis) {
    public ExecutionFailure {
      Objects.requireNonNull(code, "code");
      Objects.requireNonNull(message, "message");
    }
  }
}
