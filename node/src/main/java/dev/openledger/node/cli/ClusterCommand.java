package dev.openledger.node.cli;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.crypto.PublicKey;
import dev.openledger.core.json.Json;
import dev.openledger.core.keystore.Keystore;
import dev.openledger.ledger.cluster.MembershipChange;
import dev.openledger.ledger.cluster.Validator;
import dev.openledger.node.api.view.ClusterView;
import dev.openledger.node.api.view.EvidenceView;
import dev.openledger.node.api.view.StatusView;
import dev.openledger.node.client.LedgerClient;
import java.io.PrintWriter;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code openledger cluster ...}: a validator cluster's status, evidence and membership (devnet admin). */
@Command(
    name = "cluster",
    mixinStandardHelpOptions = true,
    description = "A validator cluster: status, evidence, and adding or removing validators (signed with the cluster admin key).",
    subcommands = {ClusterCommand.Status.class, ClusterCommand.EvidenceList.class, ClusterCommand.AddValidator.class, ClusterCommand.RemoveValidator.class})
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

  /** {@code cluster evidence}. */
  @Command(name = "evidence", mixinStandardHelpOptions = true, description = "Evidence of validator misbehaviour the node recorded (for slashing).")
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
            out.printf("%s  %-18s height %-6d offender %s (%s)%n", e.hash().shortHex(), e.kind(), e.height(), e.offender().isEmpty() ? "?" : e.offender(), e.offenderKey());
          }
        }
        return ExitCodes.OK;
      });
    }
  }

  /** Signs a membership change with the admin key for the set version the node reports, and submits it. */
  static int submit(CommandSpec spec, String adminKey, PassphraseOptions passphrase, MembershipChange.Op op) {
    LedgerClient client = Cli.client(spec);
    StatusView status = client.status();
    ClusterView cluster = client.cluster();
    Keystore ks = Cli.home(spec).keystore();
    Cli.require(ks.get(adminKey), ExitCodes.USAGE);
    char[] pw = passphrase.forUnlock("key '" + adminKey + "'");
    KeyPair admin;
    try {
      admin = Cli.require(ks.unlock(adminKey, pw), ExitCodes.USAGE);
    } finally {
      Arrays.fill(pw, '\0');
    }
    MembershipChange change = MembershipChange.sign(admin, status.chainId(), cluster.validatorSetVersion(), op);
    Map<String, Object> answer = client.changeMembership(change.encode());
    Cli.out(spec).println("applied: validator set version " + answer.get("validatorSetVersion") + " (" + answer.get("message") + ")");
    return ExitCodes.OK;
  }

  /** {@code cluster add-validator}. */
  @Command(name = "add-validator", mixinStandardHelpOptions = true, description = "Add a validator (devnet: signed with the cluster admin key in --home's keystore); start its node with --joining first.")
  static final class AddValidator implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Its peer id, e.g. n4.")
    String id;

    @Option(names = "--key", required = true, paramLabel = "HEX", description = "Its validator public key (printed by init --join).")
    String key;

    @Option(names = "--raft", required = true, paramLabel = "HOST:PORT", description = "Its Raft address.")
    String raft;

    @Option(names = "--admin-key", defaultValue = ClusterInit.ADMIN_KEY, paramLabel = "NAME", description = "The admin key's name in the keystore (default ${DEFAULT-VALUE}).")
    String adminKey;

    @Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        Validator v;
        try {
          v = new Validator(id, PublicKey.fromHex(key), raft);
        } catch (IllegalArgumentException e) {
          throw new CliFailure(ExitCodes.USAGE, e.getMessage());
        }
        return submit(spec, adminKey, passphrase, new MembershipChange.Add(v));
      });
    }
  }

  /** {@code cluster remove-validator}. */
  @Command(name = "remove-validator", mixinStandardHelpOptions = true, description = "Remove a validator (devnet: signed with the cluster admin key).")
  static final class RemoveValidator implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--id", required = true, paramLabel = "ID", description = "Its peer id.")
    String id;

    @Option(names = "--admin-key", defaultValue = ClusterInit.ADMIN_KEY, paramLabel = "NAME", description = "The admin key's name in the keystore (default ${DEFAULT-VALUE}).")
    String adminKey;

    @Mixin PassphraseOptions passphrase;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> submit(spec, adminKey, passphrase, new MembershipChange.Remove(id)));
    }
  }
}
