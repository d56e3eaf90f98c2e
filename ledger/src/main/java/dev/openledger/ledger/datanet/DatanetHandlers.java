package dev.openledger.ledger.datanet;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.block.Event;
import dev.openledger.ledger.exec.Done;
import dev.openledger.ledger.exec.TxContext;
import dev.openledger.ledger.msg.AddCurator;
import dev.openledger.ledger.msg.AllowContributor;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DatanetParams;
import dev.openledger.ledger.msg.RemoveCurator;
import dev.openledger.ledger.msg.UpdateDatanetParams;
import dev.openledger.ledger.state.State;
import java.util.Optional;

/**
 * {@code datanet/create}, the curator and allow-list messages, and {@code datanet/update_params}.
 */
final class DatanetHandlers {
  private final DatanetKeeper keeper;
  private final Payments payments;

  DatanetHandlers(DatanetKeeper keeper, Payments payments) {
    this.keeper = keeper;
    this.payments = payments;
  }

  Result<Done> create(TxContext ctx, CreateDatanet msg) {
    State s = ctx.state();
    Optional<Hash> taken = keeper.idByName(s, msg.name());
    if (taken.isPresent()) {
      Datanet other = keeper.datanet(s, taken.get()).orElseThrow();
      return Result.err(
          "name_taken",
          "a datanet named '"
              + other.name()
              + "' already exists ("
              + other.id()
              + ", owner "
              + other.owner()
              + ")");
    }
    DatanetParams params = keeper.params(s);
    Result<Amount> fee =
        Fees.deployment(params.fees(), msg.metadataBytes())
            .flatMap(f -> payments.fee(ctx, ctx.sender(), f, "deployment"));
    if (fee instanceof Result.Err<Amount> err) {
      return Result.err(err.code(), "the deployment fee cannot be paid: " + err.message());
    }
    Hash id = DatanetIds.datanet(ctx.sender(), msg.name());
    keeper.putDatanet(
        s, new Datanet(id, ctx.sender(), msg, ctx.block().height(), ctx.block().timeMillis()));
    keeper.putTally(s, id, DatanetTally.EMPTY);
    ctx.emit(
        Event.of(
            "datanet.created",
            "datanet",
            id.toHex(),
            "owner",
            ctx.sender(),
            "name",
            msg.name(),
            "fee",
            fee.orElseThrow().toPlainString()));
    return Result.ok(Done.DONE);
  }

  Result<Done> addCurator(TxContext ctx, AddCurator msg) {
    return owned(ctx, msg.datanetId())
        .flatMap(
            d -> {
              State s = ctx.state();
              if (msg.curator().equals(d.owner()) || keeper.isCurator(s, d.id(), msg.curator())) {
                return Result.err(
                    "already_curator",
                    msg.curator() + " already reviews datanet '" + d.name() + "'");
              }
              DatanetTally t = keeper.tally(s, d.id());
              int max = keeper.params(s).limits().maxCurators();
              if (t.curators() >= max) {
                return Result.err(
                    "too_many_curators",
                    "datanet '"
                        + d.name()
                        + "' has "
                        + t.curators()
                        + " curators; the limit is "
                        + max);
              }
              keeper.setCurator(s, d.id(), msg.curator(), true);
              keeper.putTally(s, d.id(), t.withCurators(t.curators() + 1));
              ctx.emit(
                  Event.of(
                      "datanet.curator_added",
                      "datanet",
                      d.id().toHex(),
                      "curator",
                      msg.curator()));
              return Result.ok(Done.DONE);
            });
  }

  Result<Done> removeCurator(TxContext ctx, RemoveCurator msg) {
    return owned(ctx, msg.datanetId())
        .flatMap(
            d -> {
              State s = ctx.state();
              if (!keeper.isCurator(s, d.id(), msg.curator())) {
                return Result.err(
                    "not_curator",
                    msg.curator() + " is not a curator of datanet '" + d.name() + "'");
              }
              DatanetTally t = keeper.tally(s, d.id());
              keeper.setCurator(s, d.id(), msg.curator(), false);
              keeper.putTally(s, d.id(), t.withCurators(t.curators() - 1));
              ctx.emit(
                  Event.of(
                      "datanet.curator_removed",
                      "datanet",
                      d.id().toHex(),
                      "curator",
                      msg.curator()));
              return Result.ok(Done.DONE);
            });
  }

  Result<Done> allow(TxContext ctx, AllowContributor msg) {
    return existing(ctx.state(), msg.datanetId())
        .flatMap(
            d -> {
              State s = ctx.state();
              Address sender = ctx.sender();
              if (!sender.equals(d.owner()) && !keeper.isCurator(s, d.id(), sender)) {
                return Result.err(
                    "unauthorized",
                    "only the owner or a curator of datanet '"
                        + d.name()
                        + "' may change its allow-list");
              }
              if (keeper.isAllowed(s, d.id(), msg.contributor()) == msg.allowed()) {
                return Result.err(
                    "no_change",
                    msg.contributor()
                        + " is already "
                        + (msg.allowed() ? "on" : "off")
                        + " the allow-list of '"
                        + d.name()
                        + "'");
              }
              keeper.setAllowed(s, d.id(), msg.contributor(), msg.allowed());
              ctx.emit(
                  Event.of(
                      "datanet.allow_list",
                      "datanet",
                      d.id().toHex(),
                      "contributor",
                      msg.contributor(),
                      "allowed",
                      msg.allowed()));
              return Result.ok(Done.DONE);
            });
  }

  Result<Done> updateParams(TxContext ctx, UpdateDatanetParams msg) {
    Address authority = keeper.params(ctx.state()).authority();
    if (!ctx.sender().equals(authority)) {
      return Result.err(
          "unauthorized",
          "only the governance authority " + authority + " may change the datanet parameters");
    }
    keeper.putParams(ctx.state(), msg.params());
    ctx.emit(Event.of("datanet.params", "authority", msg.params().authority()));
    return Result.ok(Done.DONE);
  }

  /** The datanet, or {@code unknown_datanet}. */
  Result<Datanet> existing(State s, Hash id) {
    return keeper
        .datanet(s, id)
        .<Result<Datanet>>map(Result::ok)
        .orElseGet(() -> Result.err("unknown_datanet", "no datanet " + id + " on this chain"));
  }

  /** The datanet if the sender owns it, else {@code unknown_datanet} or {@code unauthorized}. */
  Result<Datanet> owned(TxContext ctx, Hash id) {
    return existing(ctx.state(), id)
        .flatMap(
            d ->
                d.owner().equals(ctx.sender())
                    ? Result.ok(d)
                    : Result.err(
                        "unauthorized",
                        "only the owner "
                            + d.owner()
                            + " of datanet '"
                            + d.name()
                            + "' may do this; the sender is "
                            + ctx.sender()));
  }
}
