package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.node.api.economy.AccountRewardsView;
import dev.openledger.node.api.view.AccountView;
import dev.openledger.node.api.view.BlockView;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.SupplyView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.LedgerClient;
import dev.openledger.node.client.VerifiedAccount;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openledger query account|tx|block|supply|economy|rewards}. */
@Command(
    name = "query",
    mixinStandardHelpOptions = true,
    description = "Read the chain from a node.",
    subcommands = {
      QueryCommand.AccountCmd.class,
      QueryCommand.TxCmd.class,
      QueryCommand.BlockCmd.class,
      QueryCommand.SupplyCmd.class,
      EconomyQueryCommand.class,
      QueryCommand.RewardsCmd.class
    })
final class QueryCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  /**
   * {@code query account ADDR}: balance and nonce, verified against a state proof and a signed
   * block.
   */
  @Command(
      name = "account",
      mixinStandardHelpOptions = true,
      description =
          "Balance and nonce, verified with a state proof against a signed block's state root.")
  static final class AccountCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ADDR")
    Address address;

    @Option(
        names = "--json",
        description = "Print the node's JSON (with the proof) after verifying it.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            LedgerClient client = Cli.client(spec);
            StatusView status = client.status();
            VerifiedAccount v = client.verifiedAccount(address, status.blockSigners());
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(v.account()));
              return ExitCodes.OK;
            }
            AccountView a = v.account();
            out.println("address  " + a.address());
            out.println("balance  " + a.balance());
            out.println("nonce    " + a.nonce());
            out.println(
                "proof    verified against state root "
                    + a.stateRoot().shortHex()
                    + "… of block "
                    + a.height()
                    + " (signed by a block signer of the chain)");
            return ExitCodes.OK;
          });
    }
  }

  /** {@code query rewards ADDR}: what an account earned, by role, and the models it developed. */
  @Command(
      name = "rewards",
      mixinStandardHelpOptions = true,
      description =
          "What an account earned since genesis by role (developer, provider, contributor, staker)"
              + " and the models it developed.")
  static final class RewardsCmd implements Callable<Integer> {
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
            AccountRewardsView r = StakeCommand.client(spec).rewards(address);
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(r));
              return ExitCodes.OK;
            }
            out.println("address           " + r.address() + " (at block " + r.height() + ")");
            out.println("earned in all     " + r.total().toPlainString() + " OPEN");
            r.byKind()
                .forEach(
                    (kind, v) ->
                        out.printf(
                            Locale.ROOT,
                            "  %-16s%s OPEN%n",
                            kind.replace('_', ' '),
                            v.toPlainString()));
            for (AccountRewardsView.DevelopedModel m : r.developed()) {
              out.printf(
                  Locale.ROOT,
                  "developed         %s v%d (%s): %d paid answers, %s OPEN in fees%n",
                  m.name(),
                  m.version(),
                  m.state(),
                  m.inferences(),
                  m.fees().toPlainString());
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code query tx HASH}. */
  @Command(
      name = "tx",
      mixinStandardHelpOptions = true,
      description = "A transaction's status and receipt.")
  static final class TxCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "HASH")
    Hash hash;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            TxView v =
                Cli.client(spec)
                    .tx(hash)
                    .orElseThrow(
                        () ->
                            new CliFailure(
                                ExitCodes.FAILURE, "the node knows no transaction " + hash));
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(v));
              return ExitCodes.OK;
            }
            out.println("tx " + v.hash());
            if (v.status().equals(TxView.PENDING)) {
              out.println("pending");
              return ExitCodes.OK;
            }
            if (v.tx() != null) {
              out.println(
                  "  from "
                      + v.tx().sender()
                      + " nonce "
                      + v.tx().nonce()
                      + ": "
                      + v.tx().message());
            }
            TxCommand.printOutcome(out, v);
            return ExitCodes.OK;
          });
    }
  }

  /** {@code query block [HEIGHT|latest]}. */
  @Command(
      name = "block",
      mixinStandardHelpOptions = true,
      description = "A block's header and transactions; its hash and signature are checked.")
  static final class BlockCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "HEIGHT|latest", defaultValue = "latest", arity = "0..1")
    String height;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            LedgerClient client = Cli.client(spec);
            StatusView status = client.status();
            BlockView b;
            if (height.equals("latest")) {
              b = client.latestBlock();
            } else {
              long h;
              try {
                h = Long.parseLong(height);
              } catch (NumberFormatException e) {
                throw new CliFailure(
                    ExitCodes.USAGE, "HEIGHT must be a number or 'latest', got '" + height + "'");
              }
              b = client.block(h);
            }
            LedgerClient.verifyHeader(b, status.blockSigners());
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(b));
              return ExitCodes.OK;
            }
            out.println(
                "block " + b.height() + "  " + b.hash() + "  (hash and signature verified)");
            out.println("  time         " + b.time());
            out.println("  prev         " + b.prevHash());
            out.println("  state root   " + b.stateRoot());
            out.println("  tx root      " + b.txRoot());
            out.println("  receipt root " + b.receiptRoot());
            out.println("  txs          " + b.txCount());
            for (Hash tx : b.txs()) {
              out.println("    " + tx);
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code query supply}. */
  @Command(
      name = "supply",
      mixinStandardHelpOptions = true,
      description = "Total supply, burned, treasury, module accounts and circulating OPEN.")
  static final class SupplyCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            SupplyView s = Cli.client(spec).supply();
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(s));
              return ExitCodes.OK;
            }
            out.println("supply at block " + s.height());
            out.printf("  %-22s %s%n", "initial", s.initial());
            out.printf("  %-22s %s%n", "burned", s.burned());
            out.printf("  %-22s %s%n", "total", s.total());
            out.printf("  %-22s %s%n", "treasury", s.treasury());
            out.printf("  %-22s %s%n", "circulating", s.circulating());
            for (Map.Entry<String, dev.openledger.core.money.Amount> e :
                s.moduleAccounts().entrySet()) {
              out.printf("  %-22s %s%n", "module " + e.getKey(), e.getValue());
            }
            return ExitCodes.OK;
          });
    }
  }
}
