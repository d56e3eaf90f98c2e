package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.leaderboard.LeaderboardEntry;
import dev.openledger.ledger.datanet.DatanetTally;
import dev.openledger.node.client.DatanetClient;
import dev.openledger.node.datanet.AccessView;
import dev.openledger.node.datanet.ContributionView;
import dev.openledger.node.datanet.DatanetListView;
import dev.openledger.node.datanet.DatanetView;
import dev.openledger.node.datanet.RowProofView;
import dev.openledger.node.datanet.UsageView;
import dev.openledger.node.datanet.VersionView;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code openledger datanet ...}: datanets on the chain and their files on the node. Reads are
 * here; transactions (create, contribute, review, publish, curators, access) are in {@link
 * DatanetTxCommands}.
 */
@Command(
    name = "datanet",
    mixinStandardHelpOptions = true,
    description =
        "Datanets: create, contribute files, review, publish versions, export and prove rows.",
    subcommands = {
      DatanetCommand.ListCmd.class,
      DatanetCommand.ShowCmd.class,
      DatanetTxCommands.Create.class,
      DatanetTxCommands.Contribute.class,
      DatanetTxCommands.Review.class,
      DatanetTxCommands.Approve.class,
      DatanetTxCommands.Reject.class,
      DatanetTxCommands.Publish.class,
      DatanetCommand.ExportCmd.class,
      DatanetCommand.ProofCmd.class,
      DatanetCommand.LeaderboardCmd.class,
      DatanetTxCommands.AddCurator.class,
      DatanetTxCommands.RemoveCurator.class,
      DatanetTxCommands.Allow.class,
      DatanetTxCommands.GrantAccess.class,
      DatanetTxCommands.PayAccess.class,
      DatanetCommand.AccessCmd.class,
      DatanetCommand.UsageCmd.class
    })
final class DatanetCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  static DatanetClient client(CommandSpec spec) {
    return new DatanetClient(Cli.client(spec));
  }

  /** The datanet named by id or name, or a failure (exit 1) saying there is none. */
  static DatanetView require(CommandSpec spec, String idOrName) {
    return client(spec)
        .datanet(idOrName)
        .orElseThrow(
            () -> new CliFailure(ExitCodes.FAILURE, "no datanet '" + idOrName + "' on this chain"));
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** {@code datanet list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Every datanet on the chain, with its counts and latest version.")
  static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetListView all = client(spec).list();
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(all));
              return ExitCodes.OK;
            }
            if (all.datanets().isEmpty()) {
              out.println(
                  "no datanets yet; create one with: openledger datanet create NAME --summary TEXT");
            }
            for (DatanetView d : all.datanets()) {
              DatanetTally t = d.counts();
              out.printf(
                  Locale.ROOT,
                  "%s  %-24s owner %s  %d contributions (%d pending, %d accepted, %d rejected)  version %d%n",
                  d.id().shortHex(),
                  d.name(),
                  d.owner(),
                  t.contributions(),
                  t.pending(),
                  t.accepted(),
                  t.rejected(),
                  t.latestVersion());
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code datanet show DATANET}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "A datanet: description, policies, counts, curators, versions, latest contributions.")
  static final class ShowCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = require(spec, datanet);
            DatanetClient c = client(spec);
            List<VersionView> versions = c.versions(d.id().toHex());
            List<ContributionView> latest =
                c.contributions(
                        d.id().toHex(),
                        Optional.empty(),
                        Math.max(0, d.counts().contributions() - 20),
                        20)
                    .contributions();
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(d));
              return ExitCodes.OK;
            }
            out.println(d.name() + "  (" + d.id() + ")");
            out.println("  owner        " + d.owner());
            out.println("  summary      " + d.summary());
            out.println("  tags         " + String.join(", ", d.tags()));
            out.println("  data type    " + lower(d.dataType()) + ", licence " + d.licence());
            out.println(
                "  contributors "
                    + lower(d.policy().admission())
                    + ", review "
                    + lower(d.policy().review())
                    + (d.policy().review().name().equals("AUTOMATIC")
                        ? " at score >= " + d.policy().autoApproveMinScorePpm() / 1e6
                        : "")
                    + (d.policy().stake().isZero() ? "" : ", stake " + d.policy().stake()));
            out.println(
                "  access       "
                    + lower(d.access().mode())
                    + (d.access().fee().isZero() ? "" : " for " + d.access().fee()));
            out.println("  curators     " + (d.curators().isEmpty() ? "none" : d.curators()));
            DatanetTally t = d.counts();
            out.printf(
                Locale.ROOT,
                "  counts       %d contributions: %d pending, %d accepted, %d rejected; %d bytes accepted%n",
                t.contributions(),
                t.pending(),
                t.accepted(),
                t.rejected(),
                t.bytesAccepted());
            for (VersionView v : versions) {
              out.printf(
                  Locale.ROOT,
                  "  version %-4d root %s, %d rows from %d contributions, block %d%s%n",
                  v.version(),
                  v.root(),
                  v.rows(),
                  v.contributionIds().size(),
                  v.height(),
                  v.servedHere() ? "" : " (rows not on this node)");
            }
            if (!d.description().isBlank()) {
              out.println();
              out.println(d.description().strip());
            }
            if (!latest.isEmpty()) {
              out.println();
              out.println("latest contributions:");
              for (ContributionView cv : latest) {
                printContribution(out, cv);
              }
            }
            return ExitCodes.OK;
          });
    }
  }

  static void printContribution(PrintWriter out, ContributionView c) {
    out.printf(
        Locale.ROOT,
        "  %s  %-8s %-18s %5d rows  score %.3f  by %s%s%n",
        c.id(),
        lower(c.status()),
        c.fileName(),
        c.rows(),
        c.scorePpm() / 1e6,
        c.submitter(),
        c.review()
            .map(r -> "  (" + (r.reason().isBlank() ? "no reason given" : r.reason()) + ")")
            .orElse(""));
  }

  /** {@code datanet export DATANET --out FILE}. */
  @Command(
      name = "export",
      mixinStandardHelpOptions = true,
      description =
          "Downloads a published version as JSONL (the input ModelFactory trains on) and checks its rows against the root on chain.")
  static final class ExportCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Option(names = "--version", paramLabel = "N", description = "Version (default: the latest).")
    Integer version;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "Where to write the JSONL.")
    Path outFile;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = require(spec, datanet);
            VersionView v = version(spec, d, version);
            Path tmp = outFile.resolveSibling(outFile.getFileName() + ".part");
            try (OutputStream o = Files.newOutputStream(tmp)) {
              client(spec).export(d.id().toHex(), v.version(), o);
            }
            long rows;
            try {
              rows = DatanetClient.verifyExport(tmp, v.root());
            } catch (RuntimeException e) {
              Files.deleteIfExists(tmp);
              throw e;
            }
            Files.move(tmp, outFile, StandardCopyOption.REPLACE_EXISTING);
            Cli.out(spec)
                .printf(
                    "exported version %d of %s: %d rows to %s%n",
                    v.version(), d.name(), rows, outFile);
            Cli.out(spec).println("root recomputed from the export matches the chain: " + v.root());
            return ExitCodes.OK;
          });
    }
  }

  static VersionView version(CommandSpec spec, DatanetView d, Integer version) {
    int n = version != null ? version : d.counts().latestVersion();
    if (n < 1) {
      throw new CliFailure(
          ExitCodes.FAILURE, "datanet '" + d.name() + "' has no published version yet");
    }
    return client(spec)
        .version(d.id().toHex(), n)
        .orElseThrow(
            () ->
                new CliFailure(
                    ExitCodes.FAILURE, "datanet '" + d.name() + "' has no version " + n));
  }

  /** {@code datanet proof DATANET ROW}. */
  @Command(
      name = "proof",
      mixinStandardHelpOptions = true,
      description =
          "Proves that a row is in a published version and checks the proof against the chain's root.")
  static final class ProofCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Parameters(index = "1", paramLabel = "ROW", description = "Row id (hex), as in the export.")
    Hash row;

    @Option(names = "--version", paramLabel = "N", description = "Version (default: the latest).")
    Integer version;

    @Option(names = "--json", description = "Print the proof as JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = require(spec, datanet);
            VersionView v = version(spec, d, version);
            RowProofView p = client(spec).proof(d.id().toHex(), v.version(), row);
            DatanetClient.verifyProof(p, v.root());
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(p));
              return ExitCodes.OK;
            }
            out.printf(
                Locale.ROOT,
                "row %s is leaf %d of %d in version %d of %s%n",
                row,
                p.proof().leafIndex(),
                p.proof().leafCount(),
                v.version(),
                d.name());
            out.println("  owner      " + p.row().owner());
            out.println("  text hash  " + p.row().textHash());
            out.println("  siblings   " + p.proof().siblings().size());
            out.println("verified against the root on chain " + v.root());
            return ExitCodes.OK;
          });
    }
  }

  /** {@code datanet leaderboard DATANET}. */
  @Command(
      name = "leaderboard",
      mixinStandardHelpOptions = true,
      description =
          "Contributors ranked by accepted-row ratio (Wilson lower bound) and volume, from the chain's review outcomes.")
  static final class LeaderboardCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = require(spec, datanet);
            List<LeaderboardEntry> board = client(spec).leaderboard(d.id().toHex());
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(board));
              return ExitCodes.OK;
            }
            out.printf(
                "%-4s %-44s %9s %9s %9s %7s %7s%n",
                "rank", "contributor", "accepted", "pending", "rows ok", "ratio", "score");
            for (LeaderboardEntry e : board) {
              out.printf(
                  Locale.ROOT,
                  "%-4d %-44s %5d/%-3d %9d %4d/%-4d %7.3f %7.3f%n",
                  e.rank(),
                  e.contributor(),
                  e.acceptedContributions(),
                  e.contributions(),
                  e.pendingContributions(),
                  e.rowsAccepted(),
                  e.rowsDecided(),
                  e.acceptedRowRatio(),
                  e.score());
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code datanet access DATANET ADDRESS}. */
  @Command(
      name = "access",
      mixinStandardHelpOptions = true,
      description =
          "Whether an account may train on a published version (open, owner, grant or fee paid).")
  static final class AccessCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "The account.")
    Address account;

    @Option(names = "--version", paramLabel = "N", description = "Version (default: the latest).")
    Integer version;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = require(spec, datanet);
            AccessView a =
                client(spec).access(d.id().toHex(), account, Optional.ofNullable(version));
            Cli.out(spec)
                .println(
                    a.granted()
                        ? "granted (" + a.code() + ")"
                        : "refused (" + a.code() + "): " + a.message());
            return a.granted() ? ExitCodes.OK : ExitCodes.REJECTED;
          });
    }
  }

  /** {@code datanet usage DATANET ADDRESS}. */
  @Command(
      name = "usage",
      mixinStandardHelpOptions = true,
      description = "What an account and a datanet have received today, against the daily limits.")
  static final class UsageCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "DATANET", description = "Datanet id (hex) or name.")
    String datanet;

    @Parameters(index = "1", paramLabel = "ADDRESS", description = "The account.")
    Address account;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            DatanetView d = require(spec, datanet);
            UsageView u = client(spec).usage(d.id().toHex(), account);
            PrintWriter out = Cli.out(spec);
            out.printf(
                "%s today: %d of %d files, %d of %d bytes (all datanets)%n",
                account,
                u.usage().userFiles(),
                u.limits().maxUserFilesPerDay(),
                u.usage().userBytes(),
                u.limits().maxUserBytesPerDay());
            out.printf(
                "%s today: %d of %d bytes; at most %d bytes per file%n",
                d.name(),
                u.usage().datanetBytes(),
                u.limits().maxDatanetBytesPerDay(),
                u.limits().maxFileBytes());
            return ExitCodes.OK;
          });
    }
  }
}
