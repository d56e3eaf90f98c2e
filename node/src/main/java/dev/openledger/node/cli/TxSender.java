package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.LedgerClient;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;

/**
 * One key, unlocked once, signing several messages in turn: each is signed locally with the next
 * nonce, submitted, and (unless {@code --no-wait}) followed to its receipt. The key never leaves
 * this process.
 */
final class TxSender implements AutoCloseable {
  private final PrintWriter out;
  private final LedgerClient client;
  private final StatusView status;
  private final KeyPair key;
  private final TxCommand.SendOptions opts;
  private long nonce;

  private TxSender(CommandSpec spec, TxCommand.SendOptions opts) {
    this.out = Cli.out(spec);
    this.client = Cli.client(spec);
    this.status = client.status();
    this.opts = opts;
    this.key = Signers.resolve(opts.from, Cli.home(spec).keystore(), opts.passphrase, status);
    this.nonce = opts.nonce != null ? opts.nonce : client.account(key.address(), false).nonce();
  }

  static TxSender open(CommandSpec spec, TxCommand.SendOptions opts) {
    return new TxSender(spec, opts);
  }

  Address address() {
    return key.address();
  }

  LedgerClient client() {
    return client;
  }

  /**
   * Signs and submits {@code m}; prints its hash and, when waiting, its outcome.
   *
   * @return the final status, or empty with {@code --no-wait}
   */
  Optional<TxView> send(Message m) {
    Amount fee = opts.fee != null ? opts.fee : status.minFee();
    SignedTransaction tx =
        new Transaction(status.chainId(), key.publicKey(), nonce, fee, m).sign(key);
    client.submit(tx);
    nonce++;
    out.println("tx " + tx.hash());
    out.flush();
    if (opts.noWait) {
      return Optional.empty();
    }
    TxView v = client.awaitFinal(tx.hash(), Duration.ofSeconds(opts.timeoutSeconds));
    TxCommand.printOutcome(out, v);
    return Optional.of(v);
  }

  /**
   * Sends and maps the outcome to an exit code (OK when the message took effect or with --no-wait).
   */
  int sendForExit(Message m) {
    return send(m)
        .map(v -> "ok".equals(v.code()) ? ExitCodes.OK : ExitCodes.REJECTED)
        .orElse(ExitCodes.OK);
  }

  /** Whether a final status (if any) is a success. */
  static boolean ok(Optional<TxView> v) {
    return v.map(x -> "ok".equals(x.code())).orElse(true);
  }

  @Override
  public void close() {
    key.destroy();
  }
}
