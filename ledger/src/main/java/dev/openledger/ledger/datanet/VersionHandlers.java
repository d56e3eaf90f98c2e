package dev.openledger.ledger.datanet;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.GrantAccess;
import dev.openledger.ledger.msg.PayAccessFee;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.state.State;
import java.util.Locale;
import java.util.Optional;

/** {@code datanet/publish}, {@code datanet/grant_access} and {@code datanet/pay_access}. */
final class VersionHandlers {
  private final DatanetKeeper keeper;
  private final Payments payments;
  private final DatanetHandlers datanets;

  VersionHandlers(DatanetKeeper keeper, Payments payments, DatanetHandlers datanets) {
    this.keeper = keeper;
    this.payments = payments;
    this.datanets = datanets;
  }

  Result<Done> publish(TxContext ctx, PublishVersion msg) {
    return datanets
        .owned(ctx, msg.datanetId())
        .flatMap(
            d -> {
              State s = ctx.state();
              DatanetTally tally = keeper.tally(s, d.id());
              if (msg.version() != tally.latestVersion() + 1) {
                return Result.err(
                    "bad_version",
                    "the next version of datanet '"
                        + d.name()
                        + "' is "
                        + (tally.latestVersion() + 1)
                        + ", not "
                        + msg.version());
              }
              long bytes = 0;
              long rows = 0;
              for (Hash id : msg.contributionIds()) {
                Optional<Contribution> c = keeper.contribution(s, id);
                if (c.isEmpty() || !c.get().datanetId().equals(d.id())) {
                  return Result.err(
                      "unknown_contribution",
                      "contribution "
                          + id
                          + " is not a contribution of datanet '"
                          + d.name()
                          + "'");
                }
                if (c.get().status() != ContributionStatus.ACCEPTED) {
                  return Result.err(
                      "not_accepted",
                      "contribution "
                          + id
                          + " is "
                          + c.get().status().name().toLowerCase(Locale.ROOT)
                          + "; a version lists accepted contributions only");
                }
                bytes += c.get().submission().bytes();
                rows += c.get().submission().rows();
              }
              if (msg.rows() > rows) {
                return Result.err(
                    "bad_row_count",
                    "the version claims "
                        + msg.rows()
                        + " rows but its contributions hold at most "
                        + rows);
              }
              long total = bytes;
              Result<Amount> fee =
                  Fees.versioning(keeper.params(s).fees(), total)
                      .flatMap(f -> payments.fee(ctx, ctx.sender(), f, "versioning"));
              if (fee instanceof Result.Err<Amount> err) {
                return Result.err(
                    err.code(), "the versioning fee cannot be paid: " + err.message());
              }
              keeper.putVersion(
                  s,
                  new PublishedVersion(
                      msg,
                      total,
                      fee.orElseThrow(),
                      ctx.block().height(),
                      ctx.block().timeMillis()));
              keeper.putTally(s, d.id(), tally.withVersion(msg.version()));
              ctx.emit(
                  Event.of(
                      "datanet.published",
                      "datanet",
                      d.id().toHex(),
                      "version",
                      msg.version(),
                      "root",
                      msg.root().toHex(),
                      "rows",
                      msg.rows(),
                      "contributions",
                      msg.contributionIds().size(),
                      "bytes",
                      total,
                      "fee",
                      fee.orElseThrow().toPlainString()));
              return Result.ok(Done.DONE);
            });
  }

  Result<Done> grant(TxContext ctx, GrantAccess msg) {
    return datanets
        .owned(ctx, msg.datanetId())
        .flatMap(
            d -> {
              State s = ctx.state();
              Optional<AccessGrant> existing = keeper.grant(s, d.id(), msg.grantee());
              if (msg.granted()) {
                if (existing.isPresent() || msg.grantee().equals(d.owner())) {
                  return Result.err(
                      "already_granted",
                      msg.grantee() + " already has access to datanet '" + d.name() + "'");
                }
                keeper.putGrant(
                    s,
                    d.id(),
                    msg.grantee(),
                    new AccessGrant(AccessGrant.Basis.GRANTED, Amount.ZERO, ctx.block().height()));
              } else {
                if (existing.isEmpty()) {
                  return Result.err(
                      "no_grant",
                      msg.grantee() + " holds no access grant to datanet '" + d.name() + "'");
                }
                if (existing.get().basis() == AccessGrant.Basis.FEE_PAID) {
                  return Result.err(
                      "paid_access",
                      msg.grantee()
                          + " paid the access fee of datanet '"
                          + d.name()
                          + "'; paid access cannot be revoked");
                }
                keeper.deleteGrant(s, d.id(), msg.grantee());
              }
              ctx.emit(
                  Event.of(
                      "datanet.access",
                      "datanet",
                      d.id().toHex(),
                      "account",
                      msg.grantee(),
                      "granted",
                      msg.granted(),
                      "basis",
                      "grant"));
              return Result.ok(Done.DONE);
            });
  }

  Result<Done> payAccess(TxContext ctx, PayAccessFee msg) {
    return datanets
        .existing(ctx.state(), msg.datanetId())
        .flatMap(
            d -> {
              State s = ctx.state();
              AccessTerms terms = d.spec().access();
              if (terms.mode() != AccessTerms.Mode.FEE) {
                return Result.err(
                    "no_access_fee",
                    "datanet '"
                        + d.name()
                        + "' does not sell access (its access mode is "
                        + terms.mode().name().toLowerCase(Locale.ROOT)
                        + ")");
              }
              if (!msg.amount().equals(terms.fee())) {
                return Result.err(
                    "wrong_amount",
                    "the access fee of datanet '"
                        + d.name()
                        + "' is "
                        + terms.fee()
                        + ", not "
                        + msg.amount());
              }
              if (ctx.sender().equals(d.owner())
                  || keeper.grant(s, d.id(), ctx.sender()).isPresent()) {
                return Result.err(
                    "already_granted",
                    ctx.sender() + " already has access to datanet '" + d.name() + "'");
              }
              DatanetParams.Fees fees = keeper.params(s).fees();
              Amount toTreasury = Fees.accessTreasuryShare(fees, terms.fee());
              Result<Amount> paid =
                  payments.split(ctx, ctx.sender(), terms.fee(), toTreasury, d.owner());
              if (paid instanceof Result.Err<Amount> err) {
                return Result.err(err.code(), err.message());
              }
              keeper.putGrant(
                  s,
                  d.id(),
                  ctx.sender(),
                  new AccessGrant(AccessGrant.Basis.FEE_PAID, terms.fee(), ctx.block().height()));
              ctx.emit(
                  Event.of(
                      "datanet.access",
                      "datanet",
                      d.id().toHex(),
                      "account",
                      ctx.sender(),
                      "granted",
                      true,
                      "basis",
                      "fee_paid",
                      "paid",
                      terms.fee().toPlainString(),
                      "to_owner",
                      terms.fee().minus(toTreasury).toPlainString(),
                      "to_treasury",
                      toTreasury.toPlainString()));
              return Result.ok(Done.DONE);
            });
  }
}
