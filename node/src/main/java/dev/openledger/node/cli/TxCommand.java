package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.api.view.EventView;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.LedgerClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openledger tx transfer|burn}: sign a transaction, submit it, and wait for its receipt. */
@Command(
    name = "tx",
    mixinStandardHelpOptions = true,
    description = "Sign and submit transactions.",
    subcommands = {TxCommand.TransferCmd.class, TxCommand.BurnCmd.class})
final class TxCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  /** Options every transaction command shares. */
  static final class SendOptions {
    @Option(
        names = "--from",
        paramLabel = "NAME",
        description =
            "Signing key: a keystore name, or devnet:NAME for a devnet test key (default: the only key).")
    String from;

    @Option(
        names = "--fee",
        paramLabel = "OPEN",
        description = "Fee in OPEN (default: the chain's minimum fee).")
    Amount fee;

    @Option(
        names = "--nonce",
        paramLabel = "N",
        description = "Nonce (default: the account's next nonce from the node).")
    Long nonce;

    @Option(
        names = "--no-wait",
        description = "Print the hash and return without waiting for the receipt.")
    boolean noWait;

    @Option(
        names = "--timeout",
        paramLabel = "SECONDS",
        defaultValue = "60",
        description = "How long to wait for the receipt (default ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Mixin PassphraseOptions passphrase;
  }

  /** {@code tx transfer --to ADDR --amount OPEN}. */
  @Command(
      name = "transfer",
      mixinStandardHelpOptions = true,
      description = "Send OPEN to an address.")
  static final class TransferCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--to",
        required = true,
        paramLabel = "ADDR",
        description = "Recipient address (ol1...).")
    Address to;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "OPEN",
        description = "Amount in OPEN, e.g. 12.5.")
    Amount amount;

    @Mixin SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec, () -> TxCommand.send(spec, send, message(() -> new Transfer(to, amount))));
    }
  }

  /** {@code tx burn --amount OPEN}. */
  @Command(
      name = "burn",
      mixinStandardHelpOptions = true,
      description = "Destroy OPEN from the sender's balance (lowers the total supply).")
  static final class BurnCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "OPEN",
        description = "Amount in OPEN.")
    Amount amount;

    @Mixin SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> TxCommand.send(spec, send, message(() -> new Burn(amount))));
    }
  }

  static Message message(java.util.function.Supplier<Message> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  static int send(CommandSpec spec, SendOptions opts, Message message) {
    return send(spec, opts, message, v -> ExitCodes.OK);
  }

  /**
   * Signs, submits and waits like {@link #send(CommandSpec, SendOptions, Message)}; when the
   * message took effect, {@code check} gives the exit code (e.g. a governance execution whose
   * messages failed).
   */
  static int send(
      CommandSpec spec,
      SendOptions opts,
      Message message,
      java.util.function.ToIntFunction<TxView> check) {
    LedgerClient client = Cli.client(spec);
    StatusView status = client.status();
    KeyPair key = Signers.resolve(opts.from, Cli.home(spec).keystore(), opts.passphrase, status);
    SignedTransaction tx;
    try {
      long nonce = opts.nonce != null ? opts.nonce : client.account(key.address(), false).nonce();
      Amount fee = opts.fee != null ? opts.fee : status.minFee();
      tx = new Transaction(status.chainId(), key.publicKey(), nonce, fee, message).sign(key);
    } finally {
      key.destroy();
    }
    Hash hash = client.submit(tx);
    PrintWriter out = Cli.out(spec);
    out.println("tx " + hash);
    out.flush();
    if (opts.noWait) {
      return ExitCodes.OK;
    }
    TxView v = client.awaitFinal(hash, Duration.ofSeconds(opts.timeoutSeconds));
    int code = printOutcome(out, v);
    return code == ExitCodes.OK ? check.applyAsInt(v) : code;
  }

  /** Prints a final transaction status; the exit code is OK only when the message took effect. */
  static int printOutcome(PrintWriter out, TxView v) {
    if (v.isRejected()) {
      out.println("rejected (" + v.code() + "): " + v.message());
      return ExitCodes.REJECTED;
    }
    boolean ok = "ok".equals(v.code());
    out.println(
        "committed in block "
            + v.height()
            + " at index "
            + v.index()
            + (ok ? ": ok" : ", but the message failed (" + v.code() + "): " + v.message()));
    out.println("  fee charged  " + v.feeCharged());
    for (EventView e : v.events()) {
      out.println(
          "  "
              + e.type()
              + " "
              + e.attributes().stream()
                  .map(a -> a.key() + "=" + a.value())
                  .collect(Collectors.joining(" ")));
    }
    return ok ? ExitCodes.OK : ExitCodes.REJECTED;
  }
}
