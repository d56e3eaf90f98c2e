package dev.openledger.node.api.economy;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.gov.Proposal;
import dev.openledger.ledger.gov.ProposalState;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.MessageJson;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** JSON shapes of {@code /api/gov/...}. */
public final class GovViews {
  private GovViews() {}

  /**
   * A proposal with its state and tally.
   *
   * @param id proposal id
   * @param proposer who proposed it
   * @param state pending, active, canceled, defeated, succeeded, queued, expired or executed
   * @param description what and why
   * @param messages what executes if it passes (type and fields)
   * @param createdHeight the block it was proposed in
   * @param createdMillis when
   * @param snapshotMillis voting power is read as of this time; voting opens after it
   * @param deadlineMillis voting closes after this time
   * @param etaMillis when a queued proposal becomes executable (absent until queued)
   * @param expiresMillis when a queued proposal expires (absent until queued)
   * @param executedMillis when it was executed (absent until then)
   * @param quorumBps the quorum fraction
   * @param totalPower the total voting power at the snapshot (absent while pending)
   * @param quorum the For + Abstain needed (absent while pending)
   * @param forVotes For
   * @param againstVotes Against
   * @param abstainVotes Abstain
   * @param voters how many accounts voted
   * @param turnoutPpm (For + Against + Abstain) / total power, parts per million (absent while
   *     pending)
   * @param lastFailure the last failed execution attempt
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record ProposalView(
      long id,
      Address proposer,
      String state,
      String description,
      List<ObjectNode> messages,
      long createdHeight,
      long createdMillis,
      long snapshotMillis,
      long deadlineMillis,
      Long etaMillis,
      Long expiresMillis,
      Long executedMillis,
      int quorumBps,
      Amount totalPower,
      Amount quorum,
      Amount forVotes,
      Amount againstVotes,
      Amount abstainVotes,
      long voters,
      Long turnoutPpm,
      FailureView lastFailure) {

    static ProposalView of(Proposal p, ProposalState state, Amount totalPower) {
      List<ObjectNode> messages = new ArrayList<>();
      for (Message m : p.messages()) {
        messages.add(MessageJson.toJson(m));
      }
      Long turnout = null;
      if (totalPower != null && !totalPower.isZero()) {
        turnout =
            p.forVotes()
                .plus(p.againstVotes())
                .plus(p.abstainVotes())
                .mulDiv(1_000_000, totalPower.nano())
                .nano();
      }
      return new ProposalView(
          p.id(),
          p.proposer(),
          state.name().toLowerCase(Locale.ROOT),
          p.description(),
          messages,
          p.createdHeight(),
          p.createdMillis(),
          p.snapshotMillis(),
          p.deadlineMillis(),
          p.etaMillis() == 0 ? null : p.etaMillis(),
          p.expiresMillis() == 0 ? null : p.expiresMillis(),
          p.executedMillis() == 0 ? null : p.executedMillis(),
          p.quorumBps(),
          totalPower,
          totalPower == null ? null : p.quorum(totalPower),
          p.forVotes(),
          p.againstVotes(),
          p.abstainVotes(),
          p.voters(),
          turnout,
          p.lastFailure()
              .map(f -> new FailureView(f.index(), f.code(), f.message(), f.atMillis()))
              .orElse(null));
    }
  }

  /**
   * A failed execution attempt (it changed nothing).
   *
   * @param index the message that failed, from 0
   * @param code its failure code
   * @param message why
   * @param atMillis when
   */
  public record FailureView(int index, String code, String message, long atMillis) {}

  /**
   * {@code GET /api/gov/proposals}.
   *
   * @param height the block read
   * @param evaluatedAtMillis the time states are evaluated at
   * @param proposals every proposal by id
   */
  public record ProposalsView(long height, long evaluatedAtMillis, List<ProposalView> proposals) {}

  /**
   * {@code GET /api/gov/proposals/{id}}.
   *
   * @param height the block read
   * @param evaluatedAtMillis the time the state is evaluated at
   * @param proposal the proposal
   */
  public record ProposalAtView(long height, long evaluatedAtMillis, ProposalView proposal) {}

  /**
   * A cast vote.
   *
   * @param voter who voted
   * @param support against, for or abstain
   * @param weight its power at the snapshot
   */
  public record VoteView(Address voter, String support, Amount weight) {}

  /**
   * {@code GET /api/gov/proposals/{id}/votes}.
   *
   * @param proposal the proposal id
   * @param votes by voter address
   */
  public record VotesView(long proposal, List<VoteView> votes) {}
}
