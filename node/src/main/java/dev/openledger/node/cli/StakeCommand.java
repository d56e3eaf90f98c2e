package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Delegate;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.TopUp;
import dev.openledger.ledger.msg.Unjail;
import dev.openledger.ledger.msg.Unstake;
import dev.openledger.ledger.msg.Withdraw;
import dev.openledger.ledger.staking.PoolConfig;
import dev.openledger.ledger.staking.Purpose;
import dev.openledger.node.api.economy.StakingViews.JailView;
import dev.openledger.node.api.economy.StakingViews.PoolView;
import dev.openledger.node.api.economy.StakingViews.PoolsView;
import dev.openledger.node.api.economy.StakingViews.PositionView;
import dev.openledger.node.api.economy.StakingViews.StakingAccountView;
import dev.openledger.node.api.economy.StakingViews.UnbondingView;
import dev.openledger.node.client.EconomyClient;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openledger stake pools|show|stake|topup|unstake|withdraw|delegate|unjail}. */
@Command(
    name = "stake",
    mixinStandardHelpOptions = true,
    description = "Stake OPEN in pools, withdraw it, delegate voting power.",
    subcommands = {
      StakeCommand.PoolsCmd.class,
      StakeCommand.ShowCmd.class,
      StakeCommand.StakeCmd.class,
      StakeCommand.TopUpCmd.class,
      StakeCommand.UnstakeCmd.class,
      StakeCommand.WithdrawCmd.class,
      StakeCommand.DelegateCmd.class,
      StakeCommand.UnjailCmd.class
    })
final class StakeCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  static EconomyClient client(CommandSpec spec) {
    return new EconomyClient(Cli.client(spec));
  }

  static String percent(int bps) {
    return String.format(Locale.ROOT, "%.2f%%", bps / 100.0);
  }

  static String duration(long seconds) {
    if (seconds == 0) {
      return "none";
    }
    if (seconds % 86_400 == 0) {
      return seconds / 86_400 + " d";
    }
    if (seconds % 3600 == 0) {
      return seconds / 3600 + " h";
    }
    return seconds % 60 == 0 ? seconds / 60 + " min" : seconds + " s";
  }

  /** {@code stake pools}. */
  @Command(
      name = "pools",
      mixinStandardHelpOptions = true,
      description = "List the staking pools and their terms.")
  static final class PoolsCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            PoolsView v = client(spec).pools();
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(v));
              return ExitCodes.OK;
            }
            out.printf(
                "%-4s %-14s %8s %10s %10s %14s %14s %s%n",
                "id", "name", "rate/yr", "lock", "cooldown", "min", "max", "status");
            for (PoolView p : v.pools()) {
              PoolConfig c = p.config();
              out.printf(
                  "%-4d %-14s %8s %10s %10s %14s %14s %s%n",
                  p.id(),
                  c.name(),
                  percent(c.annualRateBps()),
                  c.flexible() ? "flexible" : duration(c.lockSeconds()),
                  duration(c.cooldownSeconds()),
                  c.minStake().toPlainString(),
                  c.maxStake().toPlainString(),
                  (c.active() ? "open" : "closed") + (c.topUpEnabled() ? ", top-ups" : ""));
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code stake show ADDR}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "An account's positions, unbondings, voting power and jails.")
  static final class ShowCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ADDR")
    Address address;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            StakingAccountView v = client(spec).stakingAccount(address);
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(v));
              return ExitCodes.OK;
            }
            out.println("account       " + v.address() + " (block " + v.height() + ")");
            out.println(
                "voting units  "
                    + v.units()
                    + ", delegated to "
                    + (v.delegate().equals(v.address()) ? "itself" : v.delegate()));
            out.println("votes held    " + v.votes());
            for (PositionView p : v.positions()) {
              out.printf(
                  "position %-4d pool %d, %s: %s staked, worth %s now, %s/yr, %s%n",
                  p.id(),
                  p.pool(),
                  p.purpose(),
                  p.principal(),
                  p.value(),
                  percent(p.annualRateBps()),
                  p.locked()
                      ? "locked until " + Instant.ofEpochMilli(p.lockEndMillis())
                      : "unlocked");
            }
            for (UnbondingView u : v.unbondings()) {
              out.printf(
                  "unbonding %-3d pool %d, %s: %s, %s%n",
                  u.id(),
                  u.pool(),
                  u.purpose(),
                  u.amount(),
                  u.withdrawable()
                      ? "withdrawable now"
                      : "withdrawable from " + Instant.ofEpochMilli(u.unlockMillis()));
            }
            for (JailView j : v.jails()) {
              out.printf(
                  "jailed as %s: %s%n",
                  j.purpose(),
                  j.tombstoned()
                      ? "for good (double sign)"
                      : (j.active() ? "until " : "expired at ")
                          + Instant.ofEpochMilli(j.untilMillis()));
            }
            if (v.positions().isEmpty() && v.unbondings().isEmpty()) {
              out.println("no stake");
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code stake stake --pool N --amount OPEN [--purpose P]}. */
  @Command(
      name = "stake",
      mixinStandardHelpOptions = true,
      description = "Stake OPEN in a pool (opens a new position).")
  static final class StakeCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--pool",
        required = true,
        paramLabel = "ID",
        description = "Pool id (see `stake pools`).")
    long pool;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "OPEN",
        description = "Amount in OPEN.")
    Amount amount;

    @Option(
        names = "--purpose",
        paramLabel = "ROLE",
        defaultValue = "general",
        description =
            "general, validator, curator, contributor or provider (default ${DEFAULT-VALUE}).")
    String purpose;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () ->
              TxCommand.send(
                  spec, send, TxCommand.message(() -> new Stake(pool, purpose(purpose), amount))));
    }
  }

  static Purpose purpose(String text) {
    try {
      return Purpose.valueOf(text.toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "purpose must be general, validator, curator, contributor or provider; got '"
              + text
              + "'");
    }
  }

  /** {@code stake topup --position N --amount OPEN}. */
  @Command(
      name = "topup",
      mixinStandardHelpOptions = true,
      description =
          "Add OPEN to a position (its interest so far joins the principal; a lock restarts).")
  static final class TopUpCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--position",
        required = true,
        paramLabel = "ID",
        description = "Position id (see `stake show`).")
    long position;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "OPEN",
        description = "Amount in OPEN.")
    Amount amount;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> TxCommand.send(spec, send, TxCommand.message(() -> new TopUp(position, amount))));
    }
  }

  /** {@code stake unstake --position N}. */
  @Command(
      name = "unstake",
      mixinStandardHelpOptions = true,
      description =
          "Request the end of a position; paid by `withdraw` after the pool's cooldown (at once without one).")
  static final class UnstakeCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--position", required = true, paramLabel = "ID", description = "Position id.")
    long position;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec, () -> TxCommand.send(spec, send, TxCommand.message(() -> new Unstake(position))));
    }
  }

  /** {@code stake withdraw --position N}. */
  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description = "Withdraw an unstaked position once its cooldown is over.")
  static final class WithdrawCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--position", required = true, paramLabel = "ID", description = "Position id.")
    long position;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec, () -> TxCommand.send(spec, send, TxCommand.message(() -> new Withdraw(position))));
    }
  }

  /** {@code stake delegate --to ADDR}. */
  @Command(
      name = "delegate",
      mixinStandardHelpOptions = true,
      description = "Give your voting power to another account (your own address takes it back).")
  static final class DelegateCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "ADDR", description = "The delegate.")
    Address to;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec, () -> TxCommand.send(spec, send, TxCommand.message(() -> new Delegate(to))));
    }
  }

  /** {@code stake unjail --purpose P}. */
  @Command(
      name = "unjail",
      mixinStandardHelpOptions = true,
      description = "Lift your jail for a role once the jail time is over.")
  static final class UnjailCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--purpose",
        required = true,
        paramLabel = "ROLE",
        description = "The jailed role.")
    String purpose;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> TxCommand.send(spec, send, TxCommand.message(() -> new Unjail(purpose(purpose)))));
    }
  }
}
