package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.RowDecision;
import dev.openledger.datanet.validate.Rejection;
import dev.openledger.ledger.datanet.DatanetIds;
import dev.openledger.ledger.msg.AccessTerms;
import dev.openledger.ledger.msg.ContributionPolicy;
import dev.openledger.ledger.msg.CreateDatanet;
import dev.openledger.ledger.msg.DataType;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.PayAccessFee;
import dev.openledger.ledger.msg.PublishVersion;
import dev.openledger.ledger.msg.ReviewContribution;
import dev.openledger.ledger.msg.SubmitContribution;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.datanet.ContributionView;
import dev.openledger.node.datanet.DatanetView;
import dev.openledger.node.datanet.PreviewView;
import dev.openledger.node.datanet.UploadView;
import dev.openledger.node.datanet.VersionView;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The datanet commands that sign transactions (locally; only signed bytes reach the node). */
final class DatanetTxCommands {
  private DatanetTxCommands() {}

  /** A message from command-line values; a bad value is a usage error. */
  static Message message(Supplier<Message> build) {
    try {
      return build.get();
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  static int send(CommandSpec spec, TxCommand.SendOptions opts, Message m) {
    try (TxSender s = TxSender.open(spec, opts)) {
      return s.sendForExit(m);
    }
  }

  /** {@code datanet create NAME --summary TEXT}. */
  @Command(
      name = "create",
      mixinStandardHelpOptions = true,
      description =
          "Creates a datanet owned by the signer; it pays the deployment fee (it grows with the description's size).")
  static final class Create implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME",
        description = "1-64 letters, digits, spaces or . _ - (unique on the chain).")
    String name;

    @Option(
        names = "--summary",
        required = true,
        paramLabel = "TEXT",
        description = "One line, at most 280 bytes.")
    String summary;

    @Option(
        names = "--description",
        paramLabel = "TEXT",
        description = "Markdown description (at most 8 KiB).")
    String description;

    @Option(
        names = "--description-file",
        paramLabel = "FILE",
        description = "Read the markdown description from FILE.")
    Path descriptionFile;

    @Option(
        names = "--tag",
        paramLabel = "TAG",
        description = "A tag (repeatable): lower-case letters, digits, -.")
    List<String> tags = new ArrayList<>();

    @Option(
        names = "--licence",
        paramLabel = "ID",
        defaultValue = "CC-BY-4.0",
        description = "Licence of the contributions (default ${DEFAULT-VALUE}).")
    String licence;

    @Option(
        names = "--allow-list",
        description = "Only the owner, curators and allowed accounts may contribute.")
    boolean allowList;

    @Option(
        names = "--auto-approve-score",
        paramLabel = "SCORE",
        description = "Accept contributions scoring at least SCORE (0..1) without review.")
    Double autoApprove;

    @Option(
        names = "--stake",
        paramLabel = "OPEN",
        description =
            "OPEN each contributor escrows per contribution (returned on approval, forfeited on rejection).")
    Amount stake;

    @Option(
        names = "--access",
        paramLabel = "open|grant|fee",
        defaultValue = "open",
        description = "Who may train on its versions (default ${DEFAULT-VALUE}).")
    String access;

    @Option(
        names = "--access-fee",
        paramLabel = "OPEN",
        description = "The access fee, with --access fee.")
    Amount accessFee;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            String text =
                descriptionFile != null
                    ? Files.readString(descriptionFile)
                    : description != null ? description : "";
            Message m =
                message(
                    () ->
                        new CreateDatanet(
                            name, summary, text, tags, DataType.TEXT, licence, policy(), terms()));
            try (TxSender s = TxSender.open(spec, send)) {
              Optional<TxView> v = s.send(m);
              Cli.out(spec)
                  .println("datanet " + DatanetIds.datanet(s.address(), name) + " (" + name + ")");
              return TxSender.ok(v) ? ExitCodes.OK : ExitCodes.REJECTED;
            }
          });
    }

    private ContributionPolicy policy() {
      ContributionPolicy.Admission admission =
          allowList ? ContributionPolicy.Admission.ALLOW_LIST : ContributionPolicy.Admission.OPEN;
      ContributionPolicy.Review review =
          autoApprove != null
              ? ContributionPolicy.Review.AUTOMATIC
              : ContributionPolicy.Review.CURATORS;
      int ppm = autoApprove != null ? SubmitContribution.scorePpm(autoApprove) : 0;
      return new ContributionPolicy(admission, review, ppm, stake != null ? stake : Amount.ZERO);
    }

    private AccessTerms terms() {
      AccessTerms.Mode mode;
      try {
        mode = AccessTerms.Mode.valueOf(access.toUpperCase(Locale.ROOT));
      } catch (IllegalArgumentException e) {
        throw new CliFailure(
            ExitCodes.USAGE, "--access must be open, grant or fee, got '" + access + "'");
      }
      return new AccessTerms(mode, accessFee != null ? accessFee : Amount.ZERO);
    }
  }

  /** {@code datanet contribute DATANET FILE...}. */
  @Command(
      name = "contribute",
      mixinStandardHelpOptions = true,
      description = {
        "Uploads files to the node (validated, de-duplicated, stored), then signs and submits a SubmitContribution per file.",
        "The node answers each upload with the values to sign; they are checked against the file before signing."
      })
  static final class Contribute implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Parameters(
        index = "1..*",
        arity = "1..*",
        paramLabel = "FILE",
        description = ".txt .md .jsonl .pdf .docx, at most 5 MB each.")
    List<Path> files;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = DatanetCommand.require(spec, datanet);
            DatanetClient dc = DatanetCommand.client(spec);
            PrintWriter out = Cli.out(spec);
            int exit = ExitCodes.OK;
            try (TxSender s = TxSender.open(spec, send)) {
              for (Path f : files) {
                byte[] bytes = Files.readAllBytes(f);
                UploadView up =
                    dc.upload(d.id().toHex(), s.address(), f.getFileName().toString(), bytes);
                if (up.result() instanceof IngestResult.Rejected r) {
                  printRejection(out, f, r);
                  exit = ExitCodes.REJECTED;
                  continue;
                }
                IngestResult.Staged st = (IngestResult.Staged) up.result();
                out.printf(
                    Locale.ROOT,
                    "%s: staged contribution %s, %d of %d rows accepted, score %.3f%n",
                    f.getFileName(),
                    st.contributionId(),
                    st.rowsAccepted(),
                    st.rowsTotal(),
                    st.score());
                printRefusedRows(out, st.rows());
                if (!TxSender.ok(
                    s.send(DatanetClient.checkToSign(up, d.id(), s.address(), bytes)))) {
                  exit = ExitCodes.REJECTED;
                }
              }
            }
            return exit;
          });
    }

    private static void printRejection(PrintWriter out, Path f, IngestResult.Rejected r) {
      out.println(
          f.getFileName()
              + ": rejected ("
              + r.rejection().reason().code()
              + "): "
              + r.rejection().message());
      printRefusedRows(out, r.rows());
    }

    /** The first refused rows, each with its reason and, for a copy, the original's owner. */
    private static void printRefusedRows(PrintWriter out, List<RowDecision> rows) {
      List<RowDecision> refused = rows.stream().filter(x -> !x.accepted()).toList();
      for (RowDecision x : refused.subList(0, Math.min(5, refused.size()))) {
        Rejection why = x.rejection().orElseThrow();
        out.println(
            "  row "
                + x.ordinal()
                + ": "
                + why.reason().code()
                + why.original()
                    .map(
                        o ->
                            " of row "
                                + o.rowId().shortHex()
                                + " in contribution "
                                + o.contributionId().shortHex()
                                + " by "
                                + o.owner())
                    .orElse(": " + why.message()));
      }
      if (refused.size() > 5) {
        out.println("  … and " + (refused.size() - 5) + " more refused rows");
      }
    }
  }

  /** The --reason option shared by review, approve and reject. */
  static final class ReasonOption {
    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "Why (required to reject; at most 512 bytes).")
    String reason;
  }

  /** {@code datanet review CONTRIBUTION --approve|--reject}. */
  @Command(
      name = "review",
      mixinStandardHelpOptions = true,
      description = "Approves or rejects a pending contribution (owner or curators only).")
  static final class Review implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTRIBUTION", description = "Contribution id (hex).")
    Hash contribution;

    @ArgGroup(multiplicity = "1")
    Decision decision;

    /** Exactly one of approve or reject. */
    static final class Decision {
      @Option(names = "--approve", required = true, description = "Accept it.")
      boolean approve;

      @Option(names = "--reject", required = true, description = "Reject it (give --reason).")
      boolean reject;
    }

    @Mixin ReasonOption reason;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () ->
              DatanetTxCommands.send(
                  spec,
                  send,
                  message(
                      () ->
                          new ReviewContribution(contribution, decision.approve, reason.reason))));
    }
  }

  /** {@code datanet approve CONTRIBUTION}. */
  @Command(
      name = "approve",
      mixinStandardHelpOptions = true,
      description = "Accepts a pending contribution (owner or curators only).")
  static final class Approve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTRIBUTION", description = "Contribution id (hex).")
    Hash contribution;

    @Mixin ReasonOption reason;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () ->
              DatanetTxCommands.send(
                  spec,
                  send,
                  message(() -> new ReviewContribution(contribution, true, reason.reason))));
    }
  }

  /** {@code datanet reject CONTRIBUTION --reason TEXT}. */
  @Command(
      name = "reject",
      mixinStandardHelpOptions = true,
      description =
          "Rejects a pending contribution (owner or curators only); its content is released.")
  static final class Reject implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "CONTRIBUTION", description = "Contribution id (hex).")
    Hash contribution;

    @Mixin ReasonOption reason;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () ->
              DatanetTxCommands.send(
                  spec,
                  send,
                  message(() -> new ReviewContribution(contribution, false, reason.reason))));
    }
  }

  /** {@code datanet publish DATANET}. */
  @Command(
      name = "publish",
      mixinStandardHelpOptions = true,
      description = {
        "Publishes the next version (owner only): the node computes the Merkle root over the rows of the accepted contributions,",
        "the owner signs PublishVersion with it and pays the versioning fee. Default: every accepted contribution."
      })
  static final class Publish implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Option(
        names = "--contribution",
        paramLabel = "ID",
        description = "An accepted contribution to list (repeatable; default: all accepted).")
    List<Hash> contributions = new ArrayList<>();

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = DatanetCommand.require(spec, datanet);
            DatanetClient dc = DatanetCommand.client(spec);
            List<Hash> ids = contributions.isEmpty() ? accepted(dc, d) : contributions;
            if (ids.isEmpty()) {
              throw new CliFailure(
                  ExitCodes.FAILURE,
                  "datanet '" + d.name() + "' has no accepted contributions to publish");
            }
            PreviewView p = dc.preview(d.id().toHex(), ids);
            PrintWriter out = Cli.out(spec);
            out.printf(
                Locale.ROOT,
                "version %d of %s: %d rows from %d contributions, root %s, versioning fee %s%n",
                p.version(),
                d.name(),
                p.rows(),
                ids.size(),
                p.root(),
                p.fee());
            try (TxSender s = TxSender.open(spec, send)) {
              Optional<TxView> v =
                  s.send(
                      message(
                          () -> new PublishVersion(d.id(), p.version(), p.root(), p.rows(), ids)));
              if (!TxSender.ok(v)) {
                return ExitCodes.REJECTED;
              }
              if (v.isPresent()) {
                awaitServed(dc, d, p.version(), Duration.ofSeconds(send.timeoutSeconds));
                out.println(
                    "the node serves version "
                        + p.version()
                        + ": export it with `openledger datanet export "
                        + d.id()
                        + " --out FILE`");
              }
            }
            return ExitCodes.OK;
          });
    }

    private static List<Hash> accepted(DatanetClient dc, DatanetView d) {
      List<Hash> out = new ArrayList<>();
      for (long offset = 0; ; offset += 1000) {
        List<ContributionView> page =
            dc.contributions(d.id().toHex(), Optional.of("accepted"), offset, 1000).contributions();
        page.forEach(c -> out.add(c.id()));
        if (page.size() < 1000) {
          return out;
        }
      }
    }

    private static void awaitServed(DatanetClient dc, DatanetView d, int version, Duration timeout)
        throws InterruptedException {
      long deadline = System.nanoTime() + timeout.toNanos();
      while (System.nanoTime() < deadline) {
        Optional<VersionView> v = dc.version(d.id().toHex(), version);
        if (v.isPresent() && v.get().servedHere()) {
          return;
        }
        Thread.sleep(100);
      }
      throw new CliFailure(
          ExitCodes.UNREACHABLE,
          "version "
              + version
              + " is on chain but the node did not build it within "
              + timeout.toSeconds()
              + " s");
    }
  }

  /** An owner-signed command about one account of a datanet. */
  abstract static class AccountTx implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "The account.")
    Address account;

    @Mixin TxCommand.SendOptions send;

    abstract Message message(Hash datanetId);

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () ->
              DatanetTxCommands.send(
                  spec,
                  send,
                  DatanetTxCommands.message(
                      () -> message(DatanetCommand.require(spec, datanet).id()))));
    }
  }

  /** {@code datanet add-curator DATANET ADDRESS}. */
  @Command(
      name = "add-curator",
      mixinStandardHelpOptions = true,
      description = "Lets an account review contributions (owner only).")
  static final class AddCurator extends AccountTx {
    @Override
    Message message(Hash id) {
      return new dev.openledger.ledger.msg.AddCurator(id, account);
    }
  }

  /** {@code datanet remove-curator DATANET ADDRESS}. */
  @Command(
      name = "remove-curator",
      mixinStandardHelpOptions = true,
      description = "Removes a curator (owner only).")
  static final class RemoveCurator extends AccountTx {
    @Override
    Message message(Hash id) {
      return new dev.openledger.ledger.msg.RemoveCurator(id, account);
    }
  }

  /** {@code datanet allow DATANET ADDRESS [--remove]}. */
  @Command(
      name = "allow",
      mixinStandardHelpOptions = true,
      description =
          "Puts an account on an allow-list datanet's list, or takes it off (owner or curators).")
  static final class Allow extends AccountTx {
    @Option(names = "--remove", description = "Take the account off the list.")
    boolean remove;

    @Override
    Message message(Hash id) {
      return new dev.openledger.ledger.msg.AllowContributor(id, account, !remove);
    }
  }

  /** {@code datanet grant-access DATANET ADDRESS [--revoke]}. */
  @Command(
      name = "grant-access",
      mixinStandardHelpOptions = true,
      description =
          "Grants an account access to train on the datanet, or revokes a grant (owner only).")
  static final class GrantAccess extends AccountTx {
    @Option(names = "--revoke", description = "Revoke the grant.")
    boolean revoke;

    @Override
    Message message(Hash id) {
      return new dev.openledger.ledger.msg.GrantAccess(id, account, !revoke);
    }
  }

  /** {@code datanet pay-access DATANET}. */
  @Command(
      name = "pay-access",
      mixinStandardHelpOptions = true,
      description =
          "Pays a datanet's access fee (shown by `datanet show`) for access to train on it.")
  static final class PayAccess implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = DatanetCommand.require(spec, datanet);
            if (d.access().mode() != AccessTerms.Mode.FEE) {
              throw new CliFailure(
                  ExitCodes.USAGE,
                  "datanet '"
                      + d.name()
                      + "' does not sell access (its access is "
                      + DatanetCommand.lower(d.access().mode())
                      + ")");
            }
            Cli.out(spec).println("paying " + d.access().fee() + " for access to " + d.name());
            return DatanetTxCommands.send(spec, send, new PayAccessFee(d.id(), d.access().fee()));
          });
    }
  }
}
