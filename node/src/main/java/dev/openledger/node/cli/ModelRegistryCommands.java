package dev.openledger.node.cli;

import dev.openledger.core.Result;
import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.model.Lineage;
import dev.openledger.ledger.model.Transition;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.RetireModel;
import dev.openledger.ledger.msg.SetInferencePrice;
import dev.openledger.node.client.ModelClient;
import dev.openledger.node.model.ArtifactRegistration;
import dev.openledger.node.model.ModelListView;
import dev.openledger.node.model.ModelView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** The {@code model} subcommands over the on-chain registry. A model is named {@code NAME} (latest) or {@code NAME@VERSION}. */
final class ModelRegistryCommands {
  private ModelRegistryCommands() {}

  /** A {@code NAME[@VERSION]} argument. */
  record Ref(String name, Optional<Integer> version) {
    static Ref parse(String text) {
      int at = text.lastIndexOf('@');
      if (at < 0) {
        return new Ref(text, Optional.empty());
      }
      try {
        return new Ref(text.substring(0, at), Optional.of(Integer.parseInt(text.substring(at + 1))));
      } catch (NumberFormatException e) {
        throw new CliFailure(ExitCodes.USAGE, "expected NAME or NAME@VERSION, got '" + text + "'");
      }
    }
  }

  static ModelView require(CommandSpec spec, String ref) {
    Ref r = Ref.parse(ref);
    return new ModelClient(Cli.client(spec)).model(r.name(), r.version()).orElseThrow(() -> new CliFailure(ExitCodes.FAILURE, "no model " + ref + " is registered"));
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** {@code model list}. */
  @Command(name = "list", mixinStandardHelpOptions = true, description = "Registered model versions with state, developer and price.")
  static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--state", paramLabel = "STATE", description = "Only this state: registered, proposed, approved, rejected, retired.")
    String state;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        ModelListView all = new ModelClient(Cli.client(spec)).list(Optional.ofNullable(state));
        PrintWriter out = Cli.out(spec);
        if (json) {
          out.println(Json.writePretty(all));
          return ExitCodes.OK;
        }
        if (all.models().isEmpty()) {
          out.println("no models" + (state == null ? "" : " in state " + state));
        }
        for (ModelView m : all.models()) {
          out.printf("%-28s %-10s developer %s  %s per 1k tokens  %d datanet version(s)%n", m.name() + "@" + m.version(), lower(m.state()), m.developer(),
              m.effectivePrice(), m.lineage().size());
        }
        return ExitCodes.OK;
      });
    }
  }

  /** {@code model show NAME[@VERSION]}. */
  @Command(name = "show", mixinStandardHelpOptions = true, description = "A model version: state and history, hashes, price, and its lineage resolved on chain.")
  static final class ShowCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "The model (default: its latest version).")
    String ref;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        ModelView m = require(spec, ref);
        PrintWriter out = Cli.out(spec);
        if (json) {
          out.println(Json.writePretty(m));
          return ExitCodes.OK;
        }
        out.println(m.name() + "@" + m.version() + "  " + lower(m.state()));
        out.println("  developer     " + m.developer());
        out.println("  price         " + m.pricePer1kTokens() + " per 1,000 tokens (charged: " + m.effectivePrice() + ")");
        out.println("  base model    " + m.baseModel());
        out.println("  adapter       " + m.adapter());
        out.println("  config        " + m.config());
        out.println("  artifacts     " + m.artifacts());
        out.println("  registration  " + m.registration());
        out.println("lineage:");
        for (Lineage.Source s : m.lineage()) {
          out.printf(Locale.ROOT, "  %s@%d (%s, owner %s): %d rows from %d contributions, root %s%n", s.datanetName(), s.ref().version(),
              s.ref().datanetId().shortHex(), s.owner(), s.rows(), s.contributions(), s.ref().root());
          out.printf(Locale.ROOT, "    held-out perplexity %.3f -> %.3f over %d tokens%n", s.metric().basePerplexityMilli() / 1000.0,
              s.metric().adapterPerplexityMilli() / 1000.0, s.metric().tokens());
        }
        out.println("history:");
        for (Transition t : m.history()) {
          out.printf("  block %-6d %-10s by %s  %s%n", t.height(), lower(t.to()), t.by(), t.note());
        }
        return ExitCodes.OK;
      });
    }
  }

  /** {@code model register --artifacts DIR}. */
  @Command(name = "register", mixinStandardHelpOptions = true,
      description = {"Registers a fine-tuned model from its ModelFactory artifact set (manifest.json, spec.json, evaluation.json),",
          "after checking every file against the manifest. The signer must be the developer the set names."})
  static final class Register implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--artifacts", required = true, paramLabel = "DIR", description = "The artifact set's directory.")
    Path artifacts;

    @Option(names = "--version", paramLabel = "N", description = "The version to register (default: the name's next).")
    Integer version;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        Result<RegisterModel> probe = ArtifactRegistration.read(artifacts, 1);
        RegisterModel first = Cli.require(probe, ExitCodes.FAILURE);
        int v = version != null ? version : new ModelClient(Cli.client(spec)).model(first.name(), Optional.empty()).map(m -> m.version() + 1).orElse(1);
        RegisterModel m = Cli.require(ArtifactRegistration.read(artifacts, v), ExitCodes.FAILURE);
        try (TxSender s = TxSender.open(spec, send)) {
          if (!s.address().equals(m.developer())) {
            throw new CliFailure(ExitCodes.USAGE, "the artifacts name developer " + m.developer() + "; sign with that key (the signer is " + s.address() + ")");
          }
          Cli.out(spec).printf("registering %s@%d: artifacts %s, %d datanet version(s)%n", m.name(), v, m.artifacts(), m.datanets().size());
          return TxSender.ok(s.send(m)) ? ExitCodes.OK : ExitCodes.REJECTED;
        }
      });
    }
  }

  /** {@code model propose NAME[@VERSION]}. */
  @Command(name = "propose", mixinStandardHelpOptions = true,
      description = "Proposes a registered model for approval (developer only); on a devnet with autoApprove it is approved at once.")
  static final class Propose implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "The model (default: its latest version).")
    String ref;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        ModelView m = require(spec, ref);
        return DatanetTxCommands.send(spec, send, DatanetTxCommands.message(() -> new ProposeModel(m.name(), m.version())));
      });
    }
  }

  /** {@code model retire NAME@VERSION --reason TEXT}. */
  @Command(name = "retire", mixinStandardHelpOptions = true, description = "Takes a model version out of service for good (developer or governance).")
  static final class Retire implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "The model (default: its latest version).")
    String ref;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        ModelView m = require(spec, ref);
        return DatanetTxCommands.send(spec, send, DatanetTxCommands.message(() -> new RetireModel(m.name(), m.version(), reason)));
      });
    }
  }

  /** {@code model price NAME@VERSION --price OPEN}. */
  @Command(name = "price", mixinStandardHelpOptions = true, description = "Sets a model version's inference price per 1,000 tokens, within the governance bounds (developer only).")
  static final class Price implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "NAME[@VERSION]", description = "The model (default: its latest version).")
    String ref;

    @Option(names = "--price", required = true, paramLabel = "OPEN", description = "Price per 1,000 generated tokens.")
    Amount price;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(spec, () -> {
        ModelView m = require(spec, ref);
        return DatanetTxCommands.send(spec, send, DatanetTxCommands.message(() -> new SetInferencePrice(m.name(), m.version(), price)));
      });
    }
  }
}
