package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.FeeSplit.FeeShares;
import dev.openledger.ledger.msg.BindApiKey;
import dev.openledger.ledger.msg.CloseChannel;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.OpenPaymentChannel;
import dev.openledger.ledger.msg.TopUpChannel;
import dev.openledger.ledger.msg.UnbindApiKey;
import dev.openledger.ledger.msg.WithdrawChannel;
import dev.openledger.ledger.payment.SettledBatch;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.PaymentClient;
import dev.openledger.node.payment.PaymentViews.BatchListView;
import dev.openledger.node.payment.PaymentViews.BatchView;
import dev.openledger.node.payment.PaymentViews.ChannelListView;
import dev.openledger.node.payment.PaymentViews.ChannelView;
import dev.openledger.node.payment.PaymentViews.ReceiptCheckView;
import dev.openledger.node.payment.PaymentViews.ReceiptProofView;
import dev.openledger.openlora.chain.ApiKeyDirectory;
import java.io.PrintWriter;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openledger payment}: payment channels, API keys and settled usage. */
@Command(
    name = "payment",
    mixinStandardHelpOptions = true,
    description =
        "Paid inference: escrow OPEN for a serving provider in a payment channel, bind API keys, and read settled usage.",
    subcommands = {
      PaymentCommand.Open.class,
      PaymentCommand.TopUp.class,
      PaymentCommand.Close.class,
      PaymentCommand.Withdraw.class,
      PaymentCommand.BindKey.class,
      PaymentCommand.UnbindKey.class,
      PaymentCommand.Channels.class,
      PaymentCommand.Batches.class,
      PaymentCommand.ReceiptCmd.class
    })
final class PaymentCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static PaymentClient client(CommandSpec spec) {
    return new PaymentClient(Cli.client(spec));
  }

  /** {@code payment open --provider ADDR --amount OPEN}. */
  @Command(
      name = "open",
      mixinStandardHelpOptions = true,
      description =
          "Opens a payment channel: escrows OPEN from the signer for requests served by the provider.")
  static final class Open implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--provider",
        required = true,
        paramLabel = "ADDR",
        description = "The serving provider (the address a serving node prints at start).")
    Address provider;

    @Option(names = "--amount", required = true, paramLabel = "OPEN", description = "The deposit.")
    Amount amount;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            try (TxSender s = TxSender.open(spec, send)) {
              int code =
                  s.sendForExit(
                      DatanetTxCommands.message(() -> new OpenPaymentChannel(provider, amount)));
              if (code == ExitCodes.OK && !send.noWait) {
                client(spec)
                    .activeChannel(s.address(), provider)
                    .ifPresent(
                        c ->
                            Cli.out(spec)
                                .println("channel " + c.id() + ": deposit " + c.deposit()));
              }
              return code;
            }
          });
    }
  }

  /** The channel a command acts on: given by id, or the signer's channel to a provider. */
  static final class ChannelRef {
    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "CHANNEL",
        description = "The channel id (or use --provider).")
    Hash id;

    @Option(
        names = "--provider",
        paramLabel = "ADDR",
        description = "The signer's channel to this provider.")
    Address provider;

    Hash resolve(CommandSpec spec, Address payer) {
      if ((id == null) == (provider == null)) {
        throw new CliFailure(ExitCodes.USAGE, "name the channel by its id or by --provider ADDR");
      }
      if (id != null) {
        return id;
      }
      return client(spec)
          .activeChannel(payer, provider)
          .map(ChannelView::id)
          .orElseThrow(
              () ->
                  new CliFailure(
                      ExitCodes.FAILURE, payer + " has no open or closing channel to " + provider));
    }
  }

  /** Sends a message about a channel, found with the signer's address. */
  static int onChannel(
      CommandSpec spec, TxCommand.SendOptions send, ChannelRef ref, Function<Hash, Message> build) {
    try (TxSender s = TxSender.open(spec, send)) {
      Hash id = ref.resolve(spec, s.address());
      return s.sendForExit(DatanetTxCommands.message(() -> build.apply(id)));
    }
  }

  /** {@code payment topup CHANNEL|--provider ADDR --amount OPEN}. */
  @Command(
      name = "topup",
      mixinStandardHelpOptions = true,
      description = "Adds OPEN to an open channel (payer only).")
  static final class TopUp implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ChannelRef ref;

    @Option(
        names = "--amount",
        required = true,
        paramLabel = "OPEN",
        description = "How much to add.")
    Amount amount;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> onChannel(spec, send, ref, id -> new TopUpChannel(id, amount)));
    }
  }

  /** {@code payment close CHANNEL|--provider ADDR}. */
  @Command(
      name = "close",
      mixinStandardHelpOptions = true,
      description = {
        "Starts closing a channel (payer only): the provider stops serving it at once and may settle its last receipts until",
        "the close timeout (`payment channels` shows when); then withdraw what is left."
      })
  static final class Close implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ChannelRef ref;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> onChannel(spec, send, ref, CloseChannel::new));
    }
  }

  /** {@code payment withdraw CHANNEL|--provider ADDR}. */
  @Command(
      name = "withdraw",
      mixinStandardHelpOptions = true,
      description =
          "After the close timeout, takes back what settlements did not charge; the channel is then closed for good (payer only).")
  static final class Withdraw implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Mixin ChannelRef ref;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> onChannel(spec, send, ref, WithdrawChannel::new));
    }
  }

  /** {@code payment bind-key [--key KEY]}. */
  @Command(
      name = "bind-key",
      mixinStandardHelpOptions = true,
      description = {
        "Binds an API key to the signer: requests sent with `Authorization: Bearer KEY` are paid from the signer's channels.",
        "Without --key a new random key is made and printed once (keep it: only its SHA-256 goes on chain)."
      })
  static final class BindKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--key",
        paramLabel = "KEY",
        description = "The key to bind (default: a new random key).")
    String key;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            String k = key != null ? key : newKey();
            if (k.isBlank()) {
              throw new CliFailure(ExitCodes.USAGE, "an API key cannot be blank");
            }
            Hash h = ApiKeyDirectory.hashOf(k);
            PrintWriter out = Cli.out(spec);
            if (key == null) {
              out.println("api key " + k);
            }
            out.println("key sha256 " + h);
            return DatanetTxCommands.send(spec, send, new BindApiKey(h));
          });
    }

    /** 32 random bytes as {@code olk-} and 64 hex digits. */
    static String newKey() {
      byte[] b = new byte[32];
      new SecureRandom().nextBytes(b);
      return "olk-" + dev.openledger.core.Hex.encode(b);
    }
  }

  /** {@code payment unbind-key (--key KEY | --key-hash HEX)}. */
  @Command(
      name = "unbind-key",
      mixinStandardHelpOptions = true,
      description = "Removes an API key's binding (only the account it is bound to may).")
  static final class UnbindKey implements Callable<Integer> {
    @Spec CommandSpec spec;

    @ArgGroup(exclusive = true, multiplicity = "1")
    Which which;

    static final class Which {
      @Option(names = "--key", paramLabel = "KEY", description = "The key.")
      String key;

      @Option(names = "--key-hash", paramLabel = "HEX", description = "The key's SHA-256.")
      Hash hash;
    }

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () ->
              DatanetTxCommands.send(
                  spec,
                  send,
                  new UnbindApiKey(
                      which.hash != null ? which.hash : ApiKeyDirectory.hashOf(which.key))));
    }
  }

  /** {@code payment channels ADDR}. */
  @Command(
      name = "channels",
      mixinStandardHelpOptions = true,
      description = "The channels an account pays for or serves.")
  static final class Channels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDR", description = "The account.")
    Address account;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ChannelListView all = client(spec).channels(account);
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(all));
              return ExitCodes.OK;
            }
            if (all.channels().isEmpty()) {
              out.println("no channels for " + account);
            }
            for (ChannelView c : all.channels()) {
              String role =
                  c.payer().equals(account) ? "pays " + c.provider() : "serves " + c.payer();
              out.printf("%s  %-8s %s%n", c.id(), c.status(), role);
              out.printf(
                  "    deposit %s, settled %s (receipts 1..%d), left %s%s%n",
                  c.deposit(),
                  c.settledCharged(),
                  c.settledNonce(),
                  c.remaining(),
                  c.status().equals("closing")
                      ? ", withdrawable from " + Instant.ofEpochMilli(c.closesAtMillis())
                      : "");
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code payment batches [ROOT] [--limit N]}. */
  @Command(
      name = "batches",
      mixinStandardHelpOptions = true,
      description =
          "Settled batches of usage receipts, newest first, or one batch by its root: what each channel was charged and where each model's fees went.")
  static final class Batches implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "ROOT",
        description = "One batch's receipt root.")
    Hash root;

    @Option(
        names = "--limit",
        defaultValue = "20",
        paramLabel = "N",
        description = "How many (default ${DEFAULT-VALUE}).")
    int limit;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            PrintWriter out = Cli.out(spec);
            if (root != null) {
              BatchView b =
                  client(spec)
                      .batch(root)
                      .orElseThrow(
                          () ->
                              new CliFailure(
                                  ExitCodes.FAILURE, "no batch with root " + root + " is settled"));
              if (json) {
                out.println(Json.writePretty(b));
              } else {
                print(out, b);
              }
              return ExitCodes.OK;
            }
            BatchListView all = client(spec).batches(0, Math.max(1, Math.min(limit, 1000)));
            if (json) {
              out.println(Json.writePretty(all));
              return ExitCodes.OK;
            }
            out.println(all.count() + " batches settled");
            for (BatchView b : all.batches()) {
              print(out, b);
            }
            return ExitCodes.OK;
          });
    }

    static void print(PrintWriter out, BatchView b) {
      out.printf("batch %s  block %d  provider %s%n", b.root(), b.height(), b.provider());
      out.printf(
          "    %d receipts, %s OPEN; contributors' pool %s OPEN still unattributed%n",
          b.receiptCount(), b.total().toPlainString(), b.unattributed().toPlainString());
      for (SettledBatch.ChannelPart c : b.channels()) {
        out.printf(
            "    channel %s… paid by %s: receipts %d..%d, %s OPEN%n",
            c.channel().shortHex(),
            c.payer(),
            c.firstNonce(),
            c.lastNonce(),
            c.amount().toPlainString());
      }
      for (SettledBatch.ModelPart m : b.models()) {
        FeeShares s = m.shares();
        out.printf(
            "    %s@%d: %d receipts, %s OPEN -> contributors %s, developer %s, provider %s, stakers %s, treasury %s%n",
            m.model(),
            m.version(),
            m.receipts(),
            m.amount().toPlainString(),
            s.contributors().toPlainString(),
            s.developer().toPlainString(),
            s.provider().toPlainString(),
            s.stakers().toPlainString(),
            s.treasury().toPlainString());
      }
    }
  }

  /** {@code payment receipt REQUEST_ID}: exit 5 when the receipt does not verify. */
  @Command(
      name = "receipt",
      mixinStandardHelpOptions = true,
      description = {
        "A settled receipt from the serving node (--node), with its inclusion proof, checked locally (signature, proof)",
        "and against the chain (the root is settled and the receipt is one of its receipts). Exit 5 when it does not verify."
      })
  static final class ReceiptCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "REQUEST_ID",
        description = "The response id (cmpl-… or chatcmpl-…).")
    String requestId;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            PaymentClient pc = client(spec);
            Optional<ReceiptProofView> p = pc.receipt(requestId);
            if (p.isEmpty()) {
              throw new CliFailure(
                  ExitCodes.FAILURE,
                  "the node has no settled receipt for "
                      + requestId
                      + " (not settled yet, or served elsewhere)");
            }
            PrintWriter out = Cli.out(spec);
            ReceiptCheckView v;
            try {
              v = pc.verifyProof(p.get());
            } catch (ClientException.VerificationFailed e) {
              out.println("NOT VERIFIED: " + e.getMessage());
              return ExitCodes.VERIFY_FAILED;
            }
            if (json) {
              out.println(Json.writePretty(p.get()));
              return ExitCodes.OK;
            }
            var r = v.receipt();
            out.printf(
                "receipt %s: %s@%d, %d + %d tokens at %s = %s OPEN, nonce %d of channel %s…%n",
                r.requestId(),
                r.model(),
                v.version(),
                r.promptTokens(),
                r.completionTokens(),
                r.pricePerToken().toPlainString(),
                r.charge().toPlainString(),
                r.nonce(),
                r.channel().shortHex());
            out.printf(
                "verified: signed by provider %s, leaf %d of %d under root %s settled in block %d; contributors' part %s OPEN%n",
                r.provider(),
                p.get().proof().index(),
                p.get().proof().treeSize(),
                p.get().root(),
                p.get().height(),
                v.contributorsPart().toPlainString());
            return ExitCodes.OK;
          });
    }
  }
}
