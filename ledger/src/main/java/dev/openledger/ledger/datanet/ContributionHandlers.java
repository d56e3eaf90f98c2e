package dev.openledger.ledger.datanet;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.ledger.state.State;
import java.util.Locale;
import java.util.Optional;

/** {@code datanet/submit} and {@code datanet/review}. */
final class ContributionHandlers {
  private final DatanetKeeper keeper;
  private final Payments payments;

  ContributionHandlers(DatanetKeeper keeper, Payments payments) {
    this.keeper = keeper;
    this.payments = payments;
  }

  Result<Done> submit(TxContext ctx, SubmitContribution msg) {
    State s = ctx.state();
    Address sender = ctx.sender();
    Optional<Datanet> found = keeper.datanet(s, msg.datanetId());
    if (found.isEmpty()) {
      return Result.err("unknown_datanet", "no datanet " + msg.datanetId() + " on this chain");
    }
    Datanet d = found.get();
    Hash expected = DatanetIds.contribution(d.id(), sender, msg.contentHash());
    if (!expected.equals(msg.contributionId())) {
      return Result.err(
          "bad_contribution_id",
          "contribution id "
              + msg.contributionId()
              + " is not SHA-256(\"openledger/contribution/v1\\0\" || datanet || "
              + sender
              + " || content hash) = "
              + expected);
    }
    Optional<Contribution> again = keeper.contribution(s, expected);
    if (again.isPresent()) {
      return Result.err(
          "contribution_exists",
          "contribution "
              + expected
              + " was already recorded at height "
              + again.get().submittedHeight()
              + " ("
              + again.get().status().name().toLowerCase(Locale.ROOT)
              + ")");
    }
    Optional<Hash> owner = keeper.contentOwner(s, d.id(), msg.contentHash());
    if (owner.isPresent()) {
      Contribution original = keeper.contribution(s, owner.get()).orElseThrow();
      return Result.err(
          "duplicate_content",
          "this file is already in datanet '"
              + d.name()
              + "' as contribution "
              + original.id()
              + " by "
              + original.submitter()
              + " (first submitted at height "
              + original.submittedHeight()
              + ")");
    }
    ContributionPolicy policy = d.spec().policy();
    if (policy.admission() == ContributionPolicy.Admission.ALLOW_LIST
        && !mayContribute(s, d, sender)) {
      return Result.err(
          "not_allowed",
          "datanet '"
              + d.name()
              + "' takes contributions from its allow-list only; ask its owner "
              + d.owner()
              + " or a curator to allow "
              + sender);
    }
    long day = DailyUsage.dayOf(ctx.block().timeMillis());
    Result<Done> limits =
        checkLimits(
            keeper.params(s).limits(),
            msg.bytes(),
            keeper.usage(s, sender),
            keeper.tally(s, d.id()),
            day);
    if (limits instanceof Result.Err<Done> err) {
      return err;
    }
    boolean auto =
        policy.review() == ContributionPolicy.Review.AUTOMATIC
            && msg.scorePpm() >= policy.autoApproveMinScorePpm();
    Amount stake = auto ? Amount.ZERO : policy.stake();
    if (!stake.isZero()) {
      Result<Amount> escrowed = payments.escrow(ctx, sender, stake);
      if (escrowed instanceof Result.Err<Amount> err) {
        return Result.err(
            err.code(),
            "the datanet asks a stake of " + stake + " per contribution: " + err.message());
      }
    }
    record(ctx, d, msg, auto, stake, day);
    return Result.ok(Done.DONE);
  }

  private boolean mayContribute(State s, Datanet d, Address a) {
    return a.equals(d.owner()) || keeper.isCurator(s, d.id(), a) || keeper.isAllowed(s, d.id(), a);
  }

  /**
   * The chain's side of the published limits; the codes are those of the off-chain limits stage.
   */
  static Result<Done> checkLimits(
      DatanetParams.Limits l, long bytes, DailyUsage user, DatanetTally datanet, long day) {
    if (bytes > l.maxFileBytes()) {
      return Result.err(
          "file_too_large",
          "the file is " + bytes + " bytes; the limit is " + l.maxFileBytes() + " bytes per file");
    }
    if (user.filesOn(day) >= l.maxUserFilesPerDay()) {
      return Result.err(
          "user_daily_files",
          "you have already contributed "
              + user.filesOn(day)
              + " files today; the limit is "
              + l.maxUserFilesPerDay()
              + " per day");
    }
    if (user.bytesOn(day) + bytes > l.maxUserBytesPerDay()) {
      return Result.err(
          "user_daily_bytes",
          "you have contributed "
              + user.bytesOn(day)
              + " bytes today and this file adds "
              + bytes
              + "; the limit is "
              + l.maxUserBytesPerDay()
              + " bytes per user per day");
    }
    if (datanet.bytesOn(day) + bytes > l.maxDatanetBytesPerDay()) {
      return Result.err(
          "datanet_daily_bytes",
          "this datanet has received "
              + datanet.bytesOn(day)
              + " bytes today and this file adds "
              + bytes
              + "; the limit is "
              + l.maxDatanetBytesPerDay()
              + " bytes per datanet per day");
    }
    return Result.ok(Done.DONE);
  }

  private void record(
      TxContext ctx, Datanet d, SubmitContribution msg, boolean auto, Amount stake, long day) {
    State s = ctx.state();
    Address sender = ctx.sender();
    long height = ctx.block().height();
    Optional<Contribution.Review> review =
        auto
            ? Optional.of(
                new Contribution.Review(
                    Optional.empty(),
                    "score "
                        + msg.scorePpm()
                        + " ppm >= threshold "
                        + d.spec().policy().autoApproveMinScorePpm(),
                    height))
            : Optional.empty();
    ContributionStatus status = auto ? ContributionStatus.ACCEPTED : ContributionStatus.PENDING;
    keeper.putContribution(
        s, new Contribution(msg, sender, status, stake, height, ctx.block().timeMillis(), review));
    DatanetTally tally = keeper.tally(s, d.id());
    keeper.listContribution(s, d.id(), tally.contributions(), msg.contributionId());
    keeper.putTally(s, d.id(), tally.submitted(msg.bytes(), msg.rows(), auto, day));
    keeper.putContentOwner(s, d.id(), msg.contentHash(), msg.contributionId());
    keeper.putUsage(s, sender, keeper.usage(s, sender).plus(day, msg.bytes()));
    keeper.putStats(
        s,
        d.id(),
        sender,
        keeper.stats(s, d.id(), sender).submitted(msg.rows(), msg.bytes(), auto));
    ctx.emit(
        Event.of(
            "datanet.submitted",
            "datanet",
            d.id().toHex(),
            "contribution",
            msg.contributionId().toHex(),
            "submitter",
            sender,
            "content",
            msg.contentHash().toHex(),
            "bytes",
            msg.bytes(),
            "rows",
            msg.rows(),
            "score_ppm",
            msg.scorePpm(),
            "status",
            status.name().toLowerCase(Locale.ROOT)));
  }

  Result<Done> review(TxContext ctx, ReviewContribution msg) {
    State s = ctx.state();
    Optional<Contribution> found = keeper.contribution(s, msg.contributionId());
    if (found.isEmpty()) {
      return Result.err(
          "unknown_contribution", "no contribution " + msg.contributionId() + " on this chain");
    }
    Contribution c = found.get();
    Datanet d =
        keeper
            .datanet(s, c.datanetId())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "contribution of a missing datanet " + c.datanetId()));
    Address reviewer = ctx.sender();
    if (!reviewer.equals(d.owner()) && !keeper.isCurator(s, d.id(), reviewer)) {
      return Result.err(
          "unauthorized",
          "only the owner "
              + d.owner()
              + " or a curator of datanet '"
              + d.name()
              + "' may review its contributions; "
              + reviewer
              + " is neither");
    }
    if (c.status() != ContributionStatus.PENDING) {
      return Result.err(
          "not_pending",
          "contribution "
              + c.id()
              + " was already "
              + c.status().name().toLowerCase(Locale.ROOT)
              + " at height "
              + c.review().orElseThrow().height());
    }
    boolean approve = msg.approve();
    ContributionStatus outcome =
        approve ? ContributionStatus.ACCEPTED : ContributionStatus.REJECTED;
    if (!c.stake().isZero()) {
      if (approve) {
        payments.refund(ctx, c.submitter(), c.stake());
      } else {
        payments.forfeit(ctx, c.submitter(), c.stake());
      }
    }
    if (!approve) {
      keeper.releaseContent(s, d.id(), c.submission().contentHash());
    }
    keeper.putContribution(
        s,
        c.decided(
            outcome,
            new Contribution.Review(Optional.of(reviewer), msg.reason(), ctx.block().height())));
    keeper.putTally(
        s,
        d.id(),
        keeper.tally(s, d.id()).reviewed(approve, c.submission().bytes(), c.submission().rows()));
    keeper.putStats(
        s,
        d.id(),
        c.submitter(),
        keeper.stats(s, d.id(), c.submitter()).reviewed(approve, c.submission().rows()));
    ctx.emit(
        Event.of(
            "datanet.reviewed",
            "datanet",
            d.id().toHex(),
            "contribution",
            c.id().toHex(),
            "reviewer",
            reviewer,
            "decision",
            outcome.name().toLowerCase(Locale.ROOT),
            "reason",
            msg.reason()));
    return Result.ok(Done.DONE);
  }
}
