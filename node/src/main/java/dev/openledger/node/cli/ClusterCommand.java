package dev.openledger.node.cli;

import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.msg.AddValidator;
import dev.openledger.ledger.msg.Message;
import dev.openledger.ledger.msg.Propose;
import dev.openledger.ledger.msg.RemoveValidator;
import dev.openledger.node.api.view.ClusterValidatorsView;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.EvidenceView;
import java.io.PrintWriter;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger cluster ...}: a validator cluster's status, its validator set and evidence, and
 * proposals that change the set (governance decides; {@code gov vote/queue/execute} take it from there).
 */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "A validator cluster: status, validators, evidence, and governance proposals adding or removing a validator.",
    subcommands = {
      ClusterCommand.Status.class,
      ClusterCommand.Validators.class,
      ClusterCommand.EvidenceList.class,
      ClusterCommand.AddValidatorCmd.class,
      ClusterCommand.RemoveValidatorCmd.class
    })
final class ClusterCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(Cli.out(spec));
  }

  /** {@code cluster status}. */
  @Command(name = "status", mixinStandardHelpOptions = true, description = "Role, leader, term, log indices, attested height and peers, as the node sees them.")
  static final class Status implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        ClusterView c = Cli.client(spec).cluster();
        PrintWriter out = Cli.out(spec);
        if (json) {
          out.println(Json.writePretty(c));
          return ExitCodes.OK;
        }
        out.printf("%s  %s  term %d  leader %s%n", c.self(), c.role(), c.term(), c.leader().orElse("(none)"));
        out.printf("height %d  attested %d  applied %d  committed %d  snapshot %d  log from %d%n", c.height(), c.attestedHeight(), c.appliedIndex(), c.commitIndex(), c.snapshotIndex(), c.logStartIndex());
        out.printf("validator set version %d, evidence %d%s%n", c.validatorSetVersion(), c.evidence(), c.halted().map(h -> ", HALTED: " + h).orElse(""));
        for (ClusterView.PeerView p : c.peers()) {
          out.printf("  %-4s %-22s %-26s %s commit %d%n", p.id(), p.raft(), p.api(), p.validator() ? "validator" : "(leaving) ", p.commitIndex());
        }
        return ExitCodes.OK;
      });
    }
  }

  /** {@code cluster validators}. */
  @Command(name = "validators", mixinStandardHelpOptions = true, description = "The validator set in the chain's state, with each validator's stake and jail.")
  static final class Validators implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the node's JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        ClusterValidatorsView v = Cli.client(spec).clusterValidators();
        PrintWriter out = Cli.out(spec);
        if (json) {
          out.println(Json.writePretty(v));
          return ExitCodes.OK;
        }
        out.printf("validator set version %d at height %d%n", v.version(), v.height());
        for (ClusterValidatorsView.Member m : v.validators()) {
          String jail = m.tombstoned() ? "  TOMBSTONED" : m.jailedUntil().map(t -> "  jailed until " + GovCommand.time(t)).orElse("");
          out.printf("  %-4s %s  stake %s OPEN  raft %s%s%n", m.id(), m.account(), m.stake().toPlainString(), m.raft().isEmpty() ? "(node config)" : m.raft(), jail);
        }
        return ExitCodes.OK;
      });
    }
  }

  /** {@code cluster evidence}. */
  @Command(name = "evidence", mixinStandardHelpOptions = true, description = "Evidence of validator misbehaviour the node recorded, and what it did towards slashing.")
  static final class EvidenceList implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the node's JSON (with the signed evidence in hex).")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        List<EvidenceView> list = Cli.client(spec).evidence();
        PrintWriter out = Cli.out(spec);
        if (json) {
          out.println(Json.writePretty(list));
        } else if (list.isEmpty()) {
          out.println("no evidence");
        } else {
          for (EvidenceView e : list) {
            out.printf("%s  %-18s height %-6d offender %s (%s)  slashing: %s%n", e.hash().shortHex(), e.kind(), e.height(), e.offender().isEmpty() ? "?" : e.offender(), e.offenderAccount(),
                e.slashing().map(s -> s + e.slashingDetail().map(d -> " (" + d + ")").orElse("")).orElse("(recorded before this node started)"));
          }
        }
        return ExitCodes.OK;
      });
    }
  }

  /** Proposes {@code change}; the proposal's id is in the printed receipt's events. */
  static int propose(CommandSpec spec, TxCommand.SendOptions send, String description, Message change) {
    int code = TxCommand.send(spec, send, TxCommand.message(() -> new Propose(List.of(change), description)));
    if (code == ExitCodes.OK && !send.noWait) {
      Cli.out(spec).println("next: openledger gov vote ID for (from the snapshot on), gov queue ID (after the voting period), gov execute ID (after the timelock)");
    }
    return code;
  }

  /** {@code cluster add-validator}. */
  @Command(
      name = "add-validator",
      mixinStandardHelpOptions = true,
      description = "Propose adding a validator (governance: cluster/add_validator). Start its node (a home from init --join) first; once the proposal executes, the leader adds it to the Raft group and it catches up.")
  static final class AddValidatorCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Its peer id, e.g. n4.")
    String id;

    @Option(names = "--key", required = true, paramLabel = "HEX", description = "Its validator public key (printed by init --join).")
    String key;

    @Option(names = "--raft", required = true, paramLabel = "HOST:PORT", description = "Its Raft address.")
    String raft;

    @Option(names = "--description", paramLabel = "TEXT", description = "For voters (default: what the proposal does).")
    String description;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        AddValidator add = (AddValidator) TxCommand.message(() -> new AddValidator(id, PublicKey.fromHex(key), raft));
        return propose(spec, send, description != null ? description : "add validator " + id + " at " + raft, add);
      });
    }
  }

  /** {@code cluster remove-validator}. */
  @Command(name = "remove-validator", mixinStandardHelpOptions = true, description = "Propose removing a validator (governance: cluster/remove_validator).")
  static final class RemoveValidatorCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Its peer id.")
    String id;

    @Option(names = "--description", paramLabel = "TEXT", description = "For voters (default: what the proposal does).")
    String description;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        RemoveValidator remove = (RemoveValidator) TxCommand.message(() -> new RemoveValidator(id));
        return propose(spec, send, description != null ? description : "remove validator " + id, remove);
      });
    }
  }
}
