package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.ledger.economy.Concentration;
import dev.openledger.ledger.economy.Distribution;
import dev.openledger.ledger.economy.EconomyMetrics.ModelUsage;
import dev.openledger.node.api.economy.EconomyView;
import dev.openledger.node.api.economy.EconomyView.Holder;
import dev.openledger.node.api.economy.EconomyView.Holdings;
import dev.openledger.node.api.economy.EconomyView.Participation;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger query economy}: concentration, rewards, treasury, adoption and participation
 * figures.
 */
@Command(
    name = "economy",
    mixinStandardHelpOptions = true,
    description =
        "Economy health: stake and voting-power concentration, rewards, treasury, adoption, governance participation, per epoch.")
final class EconomyQueryCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--epochs",
      paramLabel = "N",
      defaultValue = "10",
      description = "How many closed epochs to show (default ${DEFAULT-VALUE}).")
  int epochs;

  @Option(names = "--json", description = "Print the node's JSON.")
  boolean json;

  @Override
  public Integer call() {
    return Cli.guard(
        spec,
        () -> {
          if (epochs < 0 || epochs > 1000) {
            throw new CliFailure(ExitCodes.USAGE, "--epochs must be within [0, 1000]");
          }
          EconomyView v = StakeCommand.client(spec).economy(epochs);
          PrintWriter out = Cli.out(spec);
          if (json) {
            out.println(Json.writePretty(v));
            return ExitCodes.OK;
          }
          print(out, v);
          return ExitCodes.OK;
        });
  }

  static String share(long ppm) {
    return String.format(Locale.ROOT, "%.1f%%", ppm / 10_000.0);
  }

  static String gini(long ppm) {
    return String.format(Locale.ROOT, "%.3f", ppm / 1e6);
  }

  static String concentration(Concentration c) {
    return String.format(
        Locale.ROOT,
        "%s OPEN over %d holders; Gini %s; Nakamoto %d (>1/3), %d (>1/2); top 1 %s, top 10 %s",
        c.total().toPlainString(),
        c.holders(),
        gini(c.giniPpm()),
        c.nakamoto33(),
        c.nakamoto50(),
        share(c.top1Ppm()),
        share(c.top10Ppm()));
  }

  static String distribution(Distribution d) {
    return d.count() == 0
        ? "none yet"
        : String.format(
            Locale.ROOT,
            "%d recipients, %s OPEN; median %s, p10 %s, p90 %s, max %s",
            d.count(),
            d.total().toPlainString(),
            d.median().toPlainString(),
            d.p10().toPlainString(),
            d.p90().toPlainString(),
            d.max().toPlainString());
  }

  static void print(PrintWriter out, EconomyView v) {
    out.printf(
        "economy at block %d, epoch %d (epochs of %d s)%n",
        v.height(), v.epoch().current(), v.epoch().lengthSeconds());
    holdings(out, "stake", v.stake());
    holdings(out, "voting power", v.votingPower());
    out.println("rewards        " + concentration(v.rewards().concentration()));
    StringBuilder kinds = new StringBuilder();
    v.rewards()
        .byKind()
        .forEach(
            (k, a) ->
                kinds
                    .append(kinds.length() == 0 ? "" : ", ")
                    .append(k.replace('_', ' '))
                    .append(' ')
                    .append(a.toPlainString()));
    out.println("  paid         " + kinds);
    out.println("contributors   " + distribution(v.rewards().contributors()));
    out.printf(
        "treasury       %s OPEN; spent %s, from fee splits %s, from slashing %s%n",
        v.treasury().balance().toPlainString(),
        v.treasury().spent().toPlainString(),
        v.treasury().settlementIncome().toPlainString(),
        v.treasury().slashIncome().toPlainString());
    out.printf(
        "adoption       models registered %d, approved %d, rejected %d; inferences %d for %s OPEN%n",
        v.adoption().modelsRegistered(),
        v.adoption().modelsApproved(),
        v.adoption().modelsRejected(),
        v.adoption().inferences(),
        v.adoption().inferenceFees().toPlainString());
    for (Map.Entry<String, ModelUsage> e : v.adoption().perModel().entrySet()) {
      out.printf(
          "  model        %s: %d inferences, %s OPEN%n",
          e.getKey(), e.getValue().inferences(), e.getValue().fees().toPlainString());
    }
    out.printf(
        "governance     %d votes cast by %d distinct voters%n",
        v.governance().votesCast(), v.governance().distinctVoters());
    for (Participation p : v.governance().proposals()) {
      out.printf(
          "  proposal #%-3d %-10s %d voters, turnout %s%n",
          p.id(), p.state(), p.voters(), p.turnoutPpm() == null ? "-" : share(p.turnoutPpm()));
    }
    if (!v.series().isEmpty()) {
      out.printf(
          "%-7s %10s %9s %10s %14s %8s %7s %16s%n",
          "epoch",
          "stake Gini",
          "Nakamoto",
          "votes Gini",
          "rewards OPEN",
          "rewarded",
          "voters",
          "treasury OPEN");
      for (EconomyView.Epoch e : v.series()) {
        out.printf(
            "%-7d %10s %9d %10s %14s %8d %7d %16s%n",
            e.epoch(),
            gini(e.stake().giniPpm()),
            e.stake().nakamoto33(),
            gini(e.votingPower().giniPpm()),
            e.rewards().total().toPlainString(),
            e.rewards().holders(),
            e.voters(),
            e.treasuryEnd().toPlainString());
      }
    }
  }

  private static void holdings(PrintWriter out, String label, Holdings h) {
    out.printf("%-14s %s%n", label, concentration(h.concentration()));
    int i = 1;
    for (Holder t : h.top()) {
      out.printf(
          "  %2d. %s %s (%s)%n", i++, t.address(), t.amount().toPlainString(), share(t.sharePpm()));
      if (i > 5) {
        break;
      }
    }
  }
}
