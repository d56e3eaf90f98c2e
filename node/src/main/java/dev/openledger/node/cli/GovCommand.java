package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.ledger.gov.VoteSupport;
import dev.openledger.ledger.msg.Cancel;
import dev.openledger.ledger.msg.Execute;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.Queue;
import dev.openledger.ledger.msg.Vote;
import dev.openledger.node.api.economy.GovViews.FailureView;
import dev.openledger.node.api.economy.GovViews.ProposalAtView;
import dev.openledger.node.api.economy.GovViews.ProposalView;
import dev.openledger.node.api.economy.GovViews.ProposalsView;
import dev.openledger.node.api.economy.GovViews.VoteView;
import dev.openledger.node.api.view.EventView;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.EconomyClient;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openledger gov params|list|show|propose|vote|queue|execute|cancel}. */
@Command(
    name = "gov",
    mixinStandardHelpOptions = true,
    description =
        "Governance: propose parameter changes, treasury spends or any messages; vote; queue; execute.",
    subcommands = {
      GovCommand.ParamsCmd.class,
      GovCommand.ListCmd.class,
      GovCommand.ShowCmd.class,
      GovCommand.ProposeCmd.class,
      GovCommand.VoteCmd.class,
      GovCommand.QueueCmd.class,
      GovCommand.ExecuteCmd.class,
      GovCommand.CancelCmd.class
    })
final class GovCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  static String ppm(Long ppm) {
    return ppm == null ? "-" : String.format(Locale.ROOT, "%.1f%%", ppm / 10_000.0);
  }

  static String time(Long millis) {
    return millis == null ? "-" : Instant.ofEpochMilli(millis).toString();
  }

  /** {@code gov params [MODULE]}. */
  @Command(
      name = "params",
      mixinStandardHelpOptions = true,
      description = "Print a module's parameters as JSON (the names `gov propose --param` takes).")
  static final class ParamsCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        paramLabel = "MODULE",
        defaultValue = "gov",
        description = "bank, staking, gov, payment or attribution (default ${DEFAULT-VALUE}).")
    String module;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            if (!EconomyClient.PARAM_MODULES.contains(module)) {
              throw new CliFailure(
                  ExitCodes.USAGE,
                  "modules with parameters are bank, staking, gov, payment and attribution, not '"
                      + module
                      + "'");
            }
            Cli.out(spec).println(Json.writePretty(StakeCommand.client(spec).params(module)));
            return ExitCodes.OK;
          });
    }
  }

  /** {@code gov list [--state S]}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "List proposals with their state and tally.")
  static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description =
            "Only proposals in this state (pending, active, succeeded, queued, executed, ...).")
    String state;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ProposalsView v = StakeCommand.client(spec).proposals(state);
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(v));
              return ExitCodes.OK;
            }
            if (v.proposals().isEmpty()) {
              out.println("no proposals");
            }
            for (ProposalView p : v.proposals()) {
              out.printf(
                  "#%-4d %-10s for %s, against %s, abstain %s; turnout %s; %s%n",
                  p.id(),
                  p.state(),
                  p.forVotes().toPlainString(),
                  p.againstVotes().toPlainString(),
                  p.abstainVotes().toPlainString(),
                  ppm(p.turnoutPpm()),
                  firstLine(p.description()));
            }
            return ExitCodes.OK;
          });
    }
  }

  static String firstLine(String s) {
    String line = s.lines().findFirst().orElse("");
    return line.length() > 60 ? line.substring(0, 57) + "..." : line;
  }

  /** {@code gov show ID}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description = "A proposal: its messages, timeline, tally, quorum and votes.")
  static final class ShowCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    long id;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            EconomyClient c = StakeCommand.client(spec);
            ProposalAtView at = c.proposal(id);
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(at));
              return ExitCodes.OK;
            }
            print(out, at.proposal());
            for (VoteView v : c.votes(id).votes()) {
              out.printf("  vote  %s %-8s %s%n", v.voter(), v.support(), v.weight());
            }
            return ExitCodes.OK;
          });
    }
  }

  static void print(PrintWriter out, ProposalView p) {
    out.println("proposal   #" + p.id() + " by " + p.proposer());
    out.println("state      " + p.state());
    out.println("about      " + p.description());
    for (int i = 0; i < p.messages().size(); i++) {
      out.println("message " + i + "  " + p.messages().get(i));
    }
    out.println(
        "voting     opens after "
            + time(p.snapshotMillis())
            + ", closes after "
            + time(p.deadlineMillis()));
    out.printf(
        "tally      for %s, against %s, abstain %s (%d voters)%n",
        p.forVotes(), p.againstVotes(), p.abstainVotes(), p.voters());
    if (p.quorum() != null) {
      out.printf(
          "quorum     %s of %s voting power (%s), turnout %s%n",
          p.quorum(), p.totalPower(), StakeCommand.percent(p.quorumBps()), ppm(p.turnoutPpm()));
    }
    if (p.etaMillis() != null) {
      out.println(
          "timelock   executable from "
              + time(p.etaMillis())
              + " until "
              + time(p.expiresMillis()));
    }
    if (p.executedMillis() != null) {
      out.println("executed   " + time(p.executedMillis()));
    }
    FailureView f = p.lastFailure();
    if (f != null) {
      out.println(
          "last try   message "
              + f.index()
              + " failed ("
              + f.code()
              + "): "
              + f.message()
              + "; nothing changed");
    }
  }

  /** {@code gov propose --description TEXT (--param ... | --spend ... | --messages FILE)}. */
  @Command(
      name = "propose",
      mixinStandardHelpOptions = true,
      description =
          "Propose parameter changes, treasury spends and/or raw messages, executed together if the vote passes.")
  static final class ProposeCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--description",
        required = true,
        paramLabel = "TEXT",
        description = "What and why, for voters.")
    String description;

    @Option(
        names = "--param",
        paramLabel = "MODULE.FIELD=VALUE",
        description =
            "A parameter change, e.g. gov.votingPeriodSeconds=30, bank.inferenceFeeSplit.stakersBps=1500, staking.pool.2.annualRateBps=900, attribution.penaltyThreshold=20 (repeatable; see `gov params MODULE`).")
    List<String> params = new ArrayList<>();

    @Option(
        names = "--spend",
        paramLabel = "ACCOUNT:ADDR:AMOUNT",
        description = "A payment from a governed account, e.g. treasury:ol1…:250 (repeatable).")
    List<String> spends = new ArrayList<>();

    @Option(
        names = "--messages",
        paramLabel = "FILE",
        description = "A JSON array of messages ({\"type\": \"module/action\", ...fields}).")
    Path messagesFile;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            List<Message> messages = new ArrayList<>();
            try {
              messages.addAll(ProposalMessages.paramChanges(StakeCommand.client(spec), params));
              for (String s : spends) {
                messages.add(ProposalMessages.spend(s));
              }
              if (messagesFile != null) {
                messages.addAll(ProposalMessages.fromFile(messagesFile));
              }
            } catch (IllegalArgumentException e) {
              throw new CliFailure(ExitCodes.USAGE, e.getMessage());
            }
            if (messages.isEmpty()) {
              throw new CliFailure(
                  ExitCodes.USAGE, "a proposal needs at least one --param, --spend or --messages");
            }
            return TxCommand.send(
                spec, send, TxCommand.message(() -> new Propose(messages, description)));
          });
    }
  }

  /** {@code gov vote ID for|against|abstain}. */
  @Command(
      name = "vote",
      mixinStandardHelpOptions = true,
      description = "Vote on an active proposal with your voting power at its snapshot.")
  static final class VoteCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID")
    long id;

    @Parameters(index = "1", paramLabel = "SUPPORT", description = "for, against or abstain")
    String support;

    @Option(
        names = "--reason",
        paramLabel = "TEXT",
        defaultValue = "",
        description = "Why (recorded in the vote event).")
    String reason;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            VoteSupport s;
            try {
              s = VoteSupport.valueOf(support.toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
              throw new CliFailure(
                  ExitCodes.USAGE,
                  "SUPPORT must be for, against or abstain; got '" + support + "'");
            }
            return TxCommand.send(spec, send, TxCommand.message(() -> new Vote(id, s, reason)));
          });
    }
  }

  /** {@code gov queue ID}. */
  @Command(
      name = "queue",
      mixinStandardHelpOptions = true,
      description = "Queue a succeeded proposal; it becomes executable after the timelock.")
  static final class QueueCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    long id;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec, () -> TxCommand.send(spec, send, TxCommand.message(() -> new Queue(id))));
    }
  }

  /** {@code gov execute ID}: exit 3 when the proposal's messages failed (nothing changed). */
  @Command(
      name = "execute",
      mixinStandardHelpOptions = true,
      description = "Execute a queued proposal after its timelock (all its messages, or none).")
  static final class ExecuteCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    long id;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () ->
              TxCommand.send(
                  spec,
                  send,
                  TxCommand.message(() -> new Execute(id)),
                  v -> executionOutcome(Cli.out(spec), v)));
    }
  }

  static int executionOutcome(PrintWriter out, TxView v) {
    for (EventView e : v.events()) {
      if (e.type().equals("gov.execution_failed")) {
        out.println("the proposal's execution failed; nothing changed (see `gov show`)");
        return ExitCodes.REJECTED;
      }
    }
    return ExitCodes.OK;
  }

  /** {@code gov cancel ID}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancel your proposal while it is pending.")
  static final class CancelCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(paramLabel = "ID")
    long id;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec, () -> TxCommand.send(spec, send, TxCommand.message(() -> new Cancel(id))));
    }
  }
}
