package dev.openledger.node.cli;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.attribution.PenaltyScore;
import dev.openledger.ledger.msg.SweepUnattributed;
import dev.openledger.modelfactory.poa.AttributionEval;
import dev.openledger.modelfactory.poa.EvalConfig;
import dev.openledger.modelfactory.poa.EvalReport;
import dev.openledger.node.attribution.AttributionViews.AttributionView;
import dev.openledger.node.attribution.AttributionViews.ContributorView;
import dev.openledger.node.attribution.AttributionViews.DatanetShareView;
import dev.openledger.node.attribution.AttributionViews.OnChainView;
import dev.openledger.node.attribution.AttributionViews.PayoutView;
import dev.openledger.node.attribution.AttributionViews.RecordView;
import dev.openledger.node.attribution.AttributionViews.RowView;
import dev.openledger.node.attribution.AttributionViews.Segment;
import dev.openledger.node.attribution.AttributionViews.SpanView;
import dev.openledger.node.attribution.AttributionViews.VerifyView;
import dev.openledger.node.client.AttributionClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openledger attribution}: who earned from a paid inference and why, its recomputation, and the accuracy harness. */
@Command(
    name = "attribution",
    mixinStandardHelpOptions = true,
    description = "Proof of Attribution: explain and verify a paid inference's attribution, penalties, sweeps, and the accuracy eval.",
    subcommands = {
      AttributionCommand.Show.class,
      AttributionCommand.Verify.class,
      AttributionCommand.Penalty.class,
      AttributionCommand.Sweep.class,
      AttributionCommand.Eval.class
    })
final class AttributionCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  static AttributionClient client(CommandSpec spec) {
    return new AttributionClient(Cli.client(spec));
  }

  /** {@code attribution show REQUEST}. */
  @Command(name = "show", mixinStandardHelpOptions = true,
      description = "Contributors, Datanets, top rows with text, verbatim spans and the amounts paid for one request (its response id).")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The request id (cmpl-… or chatcmpl-…).")
    String request;

    @Option(names = "--json", description = "Print the JSON the node answers.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        AttributionView v = client(spec).show(request)
            .orElseThrow(() -> new CliFailure(ExitCodes.FAILURE, "no attribution of " + request + " is recorded on the node or on chain"));
        PrintWriter out = Cli.out(spec);
        if (json) {
          out.println(Json.writePretty(v));
        } else {
          print(out, v);
        }
        return ExitCodes.OK;
      });
    }
  }

  /** The human form of a view. */
  static void print(PrintWriter out, AttributionView v) {
    out.println("request " + v.requestId() + ": " + v.status());
    Map<Address, PayoutView> paid = new HashMap<>();
    for (OnChainView c : v.onChain()) {
      out.printf(Locale.ROOT, "on chain: block %d, batch %s, %s@%d, charge %s OPEN, contributors' part %s OPEN: %s to contributors, %s to the treasury%s%n",
          c.height(), c.root().shortHex(), c.model(), c.version(), c.charge().toPlainString(), c.pool().toPlainString(), c.toContributors().toPlainString(),
          c.treasury().toPlainString(), v.record().isPresent() ? (c.matchesRecord() ? "; result hash matches the record" : "; RESULT HASH DIFFERS") : "");
      c.payouts().forEach(p -> paid.put(p.contributor(), p));
    }
    if (v.record().isEmpty()) {
      for (OnChainView c : v.onChain()) {
        for (PayoutView p : c.payouts()) {
          out.printf(Locale.ROOT, "  %s  %s OPEN%s%n", p.contributor(), p.paid().toPlainString(),
              p.withheld().isZero() ? "" : " (" + p.withheld().toPlainString() + " withheld: penalty " + p.penaltyPoints() + " points)");
        }
      }
      return;
    }
    RecordView r = v.record().get();
    out.printf(Locale.ROOT, "model %s (adapter %s); prompt %d tokens, response %d tokens%n", r.model(), r.adapterHash().shortHex(), r.promptTokens(),
        r.responseTokens());
    out.println("prompt:   " + oneLine(r.prompt()));
    StringBuilder marked = new StringBuilder();
    for (Segment s : r.highlighted()) {
      marked.append(s.span() < 0 ? s.text() : "[[" + s.text() + "]]");
    }
    out.println("response: " + oneLine(marked.toString()) + (r.spans().isEmpty() ? "" : "   ([[…]] = verbatim from training data)"));
    out.printf(Locale.ROOT, "contributors (%s; %.1f%% through the span track, %.1f%% unallocated):%n", r.method(), 100.0 * r.spanPool() / r.scale(),
        100.0 * r.unallocated() / r.scale());
    for (ContributorView c : r.contributors()) {
      PayoutView p = paid.get(c.contributor());
      out.printf(Locale.ROOT, "  %s  %6.2f%%  (gradient %.2f%%, span %.2f%%)%s%n", c.contributor(), 100 * c.share(), 100.0 * c.gradientUnits() / r.scale(),
          100.0 * c.spanUnits() / r.scale(), p == null ? "" : "  paid " + p.paid().toPlainString() + " OPEN"
              + (p.withheld().isZero() ? "" : " (" + p.withheld().toPlainString() + " withheld: penalty " + p.penaltyPoints() + " points)"));
    }
    out.print("datanets:");
    for (DatanetShareView d : r.datanets()) {
      out.printf(Locale.ROOT, " %s %.1f%%;", d.name(), 100 * d.share());
    }
    out.println();
    out.println("top rows (score = helpfulness to this response):");
    int i = 1;
    for (RowView row : r.topRows()) {
      if (i > 5) {
        break;
      }
      out.printf(Locale.ROOT, "  %d. %+.4g  %s  row %s  \"%s\"%n", i++, row.score(), row.contributor(), row.rowId().shortHex(), clip(row.snippet(), 90));
    }
    if (!r.spans().isEmpty()) {
      out.println("verbatim spans:");
      for (SpanView s : r.spans()) {
        out.printf(Locale.ROOT, "  tokens %d-%d \"%s\" credited to %s (row %s, %d occurrence%s)%n", s.start(), s.end(), oneLine(s.text()), s.owner(),
            s.row().shortHex(), s.occurrences(), s.occurrences() == 1 ? "" : "s");
      }
    }
    out.printf(Locale.ROOT, "flagged rows (self-influence outliers, not paid): %d; copies excluded: %d; duplicates dropped: %d%n", r.outlierRows(),
        r.copiedRows(), r.duplicateRows());
    out.printf(Locale.ROOT, "result %s; query gradient %.1f ms, attribution %.1f ms%n", r.resultHash().toHex(), r.timings().queryGradientMs(),
        r.timings().attributeMs());
  }

  private static String oneLine(String s) {
    return s.replace('\n', ' ');
  }

  private static String clip(String s, int n) {
    return s.length() <= n ? s : s.substring(0, n - 1) + "…";
  }

  /** {@code attribution verify REQUEST}: exit 5 when the recomputation differs. */
  @Command(name = "verify", mixinStandardHelpOptions = true,
      description = {"Recomputes a request's attribution on the node from its recorded inputs (the tokens, the model's artifacts and the recorded "
          + "query gradient) and compares it with the record and with the result hash the chain recorded.",
          "Integer shares and inputs must match exactly; exit code 5 when they do not."})
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "REQUEST", description = "The request id.")
    String request;

    @Option(names = "--json", description = "Print the JSON the node answers.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        VerifyView v = client(spec).verify(request);
        PrintWriter out = Cli.out(spec);
        if (json) {
          out.println(Json.writePretty(v));
        } else {
          out.println((v.matches() ? "verified: " : "MISMATCH: ") + v.detail());
          out.printf(Locale.ROOT, "recorded %s%nrecomputed %s%nquery gradient %s (relative difference %.2g)%n", v.recordedHash().toHex(),
              v.recomputedHash().toHex(), v.gradientBitExact() ? "bit-identical" : "within tolerance", v.gradientRelativeError());
        }
        return v.matches() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
      });
    }
  }

  /** {@code attribution penalty ADDRESS [--model NAME@V]}. */
  @Command(name = "penalty", mixinStandardHelpOptions = true,
      description = "A contributor's penalty score: contributions rejected in review in a model's Datanets and rows flagged by attribution.")
  static final class Penalty implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ADDRESS", description = "The contributor.")
    Address contributor;

    @Option(names = "--model", paramLabel = "NAME@VERSION", description = "Count rejections in this model version's Datanets.")
    String model;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        PenaltyScore p = client(spec).penalty(contributor, Optional.ofNullable(model));
        Cli.out(spec).printf(Locale.ROOT, "%s: %d points (%d rejected contributions, %d flagged rows); threshold %d: %s%n", p.contributor(), p.points(),
            p.rejectedContributions(), p.flaggedRows(), p.threshold(), p.penalised() ? "rewards are cut" : "not penalised");
        return ExitCodes.OK;
      });
    }
  }

  /** {@code attribution sweep ROOT}. */
  @Command(name = "sweep", mixinStandardHelpOptions = true,
      description = "Moves a settled batch's unattributed contributors' part to the treasury, once the sweep timeout has passed (anyone may send it).")
  static final class Sweep implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ROOT", description = "The settled batch's receipt root.")
    Hash root;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        try (TxSender s = TxSender.open(spec, send)) {
          return s.sendForExit(DatanetTxCommands.message(() -> new SweepUnattributed(root)));
        }
      });
    }
  }

  /** {@code attribution eval [--json] [--ci]}. */
  @Command(name = "eval", mixinStandardHelpOptions = true,
      description = {"Measured accuracy of attribution on Brown-corpus Datanets with adapters fine-tuned through ModelFactory (in a temporary "
          + "directory): topic-detection AUC, contributor-level LDS, junk detection by self-influence, the anti-gaming suite and latency.",
          "The full run fine-tunes about 30 adapters (tens of minutes on 2 cores); --ci runs the small version the tests run."})
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the report as JSON.")
    boolean json;

    @Option(names = "--ci", description = "The CI-sized eval (two genres, three contributors each, 8 subsets, one attacked model).")
    boolean ci;

    @Option(names = "--base", paramLabel = "DIR", description = "Base model directory (default: the tiny preset pre-trained on Brown, cached).")
    Path base;

    @Option(names = "--threads", paramLabel = "N", description = "Worker threads (default: one per core).")
    Integer threads;

    @Option(names = "--work", paramLabel = "DIR", description = "Keep the eval's files in DIR instead of a temporary directory.")
    Path work;

    @Option(names = "--genres", paramLabel = "LETTERS", description = "Brown genre letters, one Datanet each (e.g. hend).")
    String genres;

    @Option(names = "--contributors", paramLabel = "N", description = "Contributors per genre.")
    Integer contributors;

    @Option(names = "--subsets", paramLabel = "M", description = "LDS subsets (each a retrained adapter).")
    Integer subsets;

    @Option(names = "--latency-rows", paramLabel = "N", description = "Rows of the latency model (0 skips it).")
    Integer latencyRows;

    @Override
    public Integer call() {
      System.setProperty(DemoCommand.LOG_LEVEL, System.getProperty(DemoCommand.LOG_LEVEL, "warn"));
      return Cli.guard(spec, () -> {
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        Path baseDir = base != null ? base : AttributionEval.defaultBase(Cli.repoRoot());
        EvalConfig cfg = ci ? EvalConfig.ci(Cli.repoRoot(), baseDir) : EvalConfig.full(Cli.repoRoot(), baseDir, n);
        Map<String, String> opt = new HashMap<>();
        if (genres != null) {
          opt.put("genres", genres);
        }
        if (contributors != null) {
          opt.put("contributors", contributors.toString());
        }
        if (subsets != null) {
          opt.put("subsets", subsets.toString());
        }
        if (latencyRows != null) {
          opt.put("latency-rows", latencyRows.toString());
        }
        EvalReport r = AttributionEval.run(AttributionEval.override(cfg, opt, baseDir, n), Optional.ofNullable(work),
            line -> spec.commandLine().getErr().println(line));
        Cli.out(spec).println(json ? Json.writePretty(r) : AttributionEval.summary(r));
        return ExitCodes.OK;
      });
    }
  }
}
