package dev.openledger.node.cli;

import dev.openledger.core.json.Json;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.model.Lineage;
import dev.openledger.ledger.model.ModelState;
import dev.openledger.ledger.model.Transition;
import dev.openledger.ledger.msg.ApproveModel;
import dev.openledger.ledger.msg.ProposeModel;
import dev.openledger.ledger.msg.RegisterModel;
import dev.openledger.ledger.msg.RetireModel;
import dev.openledger.ledger.msg.SetInferencePrice;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.node.api.view.TxView;
import dev.openledger.node.client.ModelClient;
import dev.openledger.node.model.ArtifactRegistration;
import dev.openledger.node.model.CatalogRegistration;
import dev.openledger.node.model.ModelListView;
import dev.openledger.node.model.ModelView;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * The {@code model} subcommands over the on-chain registry. A model is named {@code NAME} (latest)
 * or {@code NAME@VERSION}.
 */
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
        return new Ref(
            text.substring(0, at), Optional.of(Integer.parseInt(text.substring(at + 1))));
      } catch (NumberFormatException e) {
        throw new CliFailure(ExitCodes.USAGE, "expected NAME or NAME@VERSION, got '" + text + "'");
      }
    }
  }

  static ModelView require(CommandSpec spec, String ref) {
    Ref r = Ref.parse(ref);
    return new ModelClient(Cli.client(spec))
        .model(r.name(), r.version())
        .orElseThrow(() -> new CliFailure(ExitCodes.FAILURE, "no model " + ref + " is registered"));
  }

  static String lower(Enum<?> e) {
    return e.name().toLowerCase(Locale.ROOT);
  }

  /** {@code model list}. */
  @Command(
      name = "list",
      mixinStandardHelpOptions = true,
      description = "Registered model versions with state, developer and price.")
  static final class ListCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--state",
        paramLabel = "STATE",
        description = "Only this state: registered, proposed, approved, rejected, retired.")
    String state;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
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
              out.printf(
                  "%-28s %-10s developer %s  %s per 1k tokens  %d datanet version(s)%n",
                  m.name() + "@" + m.version(),
                  lower(m.state()),
                  m.developer(),
                  m.effectivePrice(),
                  m.lineage().size());
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code model show NAME[@VERSION]}. */
  @Command(
      name = "show",
      mixinStandardHelpOptions = true,
      description =
          "A model version: state and history, hashes, price, and its lineage resolved on chain.")
  static final class ShowCmd implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME[@VERSION]",
        description = "The model (default: its latest version).")
    String ref;

    @Option(names = "--json", description = "Print JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ModelView m = require(spec, ref);
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(m));
              return ExitCodes.OK;
            }
            out.println(m.name() + "@" + m.version() + "  " + lower(m.state()));
            out.println("  developer     " + m.developer());
            out.println(
                "  price         "
                    + m.pricePer1kTokens()
                    + " per 1,000 tokens (charged: "
                    + m.effectivePrice()
                    + ")");
            out.println("  base model    " + m.baseModel());
            out.println("  adapter       " + m.adapter());
            out.println("  config        " + m.config());
            out.println("  artifacts     " + m.artifacts());
            out.println("  registration  " + m.registration());
            out.println("lineage:");
            for (Lineage.Source s : m.lineage()) {
              out.printf(
                  Locale.ROOT,
                  "  %s@%d (%s, owner %s): %d rows from %d contributions, root %s%n",
                  s.datanetName(),
                  s.ref().version(),
                  s.ref().datanetId().shortHex(),
                  s.owner(),
                  s.rows(),
                  s.contributions(),
                  s.ref().root());
              out.printf(
                  Locale.ROOT,
                  "    held-out perplexity %.3f -> %.3f over %d tokens%n",
                  s.metric().basePerplexityMilli() / 1000.0,
                  s.metric().adapterPerplexityMilli() / 1000.0,
                  s.metric().tokens());
            }
            out.println("history:");
            for (Transition t : m.history()) {
              out.printf(
                  "  block %-6d %-10s by %s  %s%n", t.height(), lower(t.to()), t.by(), t.note());
            }
            return ExitCodes.OK;
          });
    }
  }

  /** {@code model register (NAME[@VERSION] | --artifacts DIR)}. */
  @Command(
      name = "register",
      mixinStandardHelpOptions = true,
      description = {
        "Registers a fine-tuned model on chain, signed locally by its developer's key (the key never goes to the node):",
        "NAME takes the registration from the node's ModelFactory catalog (`model trained`); --artifacts DIR reads an artifact set",
        "(manifest.json, spec.json, evaluation.json) after checking every file against the manifest. The signer must be the developer."
      })
  static final class Register implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        arity = "0..1",
        paramLabel = "NAME[@VERSION]",
        description = "A model fine-tuned on the node (default: its latest version there).")
    String trained;

    @Option(
        names = "--artifacts",
        paramLabel = "DIR",
        description = "The artifact set's directory.")
    Path artifacts;

    @Option(
        names = "--version",
        paramLabel = "N",
        description = "The version to register (default: the name's next on chain).")
    Integer version;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            if ((trained == null) == (artifacts == null)) {
              throw new CliFailure(
                  ExitCodes.USAGE, "name a model trained on the node, or give --artifacts DIR");
            }
            String name =
                trained != null
                    ? Ref.parse(trained).name()
                    : Cli.require(ArtifactRegistration.read(artifacts, 1), ExitCodes.FAILURE)
                        .name();
            int v =
                version != null
                    ? version
                    : new ModelClient(Cli.client(spec))
                        .model(name, Optional.empty())
                        .map(m -> m.version() + 1)
                        .orElse(1);
            RegisterModel m =
                trained != null
                    ? CatalogRegistration.of(trainedRecord(spec, Ref.parse(trained)), v)
                    : Cli.require(ArtifactRegistration.read(artifacts, v), ExitCodes.FAILURE);
            try (TxSender s = TxSender.open(spec, send)) {
              if (!s.address().equals(m.developer())) {
                throw new CliFailure(
                    ExitCodes.USAGE,
                    "the model names developer "
                        + m.developer()
                        + "; sign with that key (the signer is "
                        + s.address()
                        + ")");
              }
              Cli.out(spec)
                  .printf(
                      "registering %s@%d: adapter %s, artifacts %s, %d datanet version(s)%n",
                      m.name(), v, m.adapter(), m.artifacts(), m.datanets().size());
              return TxSender.ok(s.send(m)) ? ExitCodes.OK : ExitCodes.REJECTED;
            }
          });
    }

    private static ModelRecord trainedRecord(CommandSpec spec, Ref ref) {
      List<ModelRecord> versions = FineTuneCommands.client(spec).versions(ref.name());
      return versions.stream()
          .filter(r -> ref.version().map(v -> r.version() == v).orElse(true))
          .reduce((a, b) -> b)
          .orElseThrow(
              () ->
                  new CliFailure(
                      ExitCodes.FAILURE,
                      "the node has fine-tuned no model "
                          + ref.name()
                          + ref.version().map(v -> "@" + v).orElse("")
                          + " (see `model trained`)"));
    }
  }

  /** {@code model propose NAME[@VERSION]}. */
  @Command(
      name = "propose",
      mixinStandardHelpOptions = true,
      description = {
        "Proposes a registered model for approval (developer only), then opens the governance proposal that approves it",
        "(a model/approve message; the signer needs the proposal threshold of voting power). Stakers then vote (`gov vote`), and once",
        "it passes anyone queues and executes it (`gov queue`, `gov execute`). On a chain with autoApprove the model is approved at once."
      })
  static final class Propose implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME[@VERSION]",
        description = "The model (default: its latest version).")
    String ref;

    @Option(
        names = "--no-vote",
        description = "Only mark the model proposed; open no governance proposal.")
    boolean noVote;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ModelView m = require(spec, ref);
            PrintWriter out = Cli.out(spec);
            try (TxSender s = TxSender.open(spec, send)) {
              if (m.state() == ModelState.REGISTERED) {
                if (!TxSender.ok(
                    s.send(
                        DatanetTxCommands.message(
                            () -> new ProposeModel(m.name(), m.version()))))) {
                  return ExitCodes.REJECTED;
                }
              }
              ModelView now = require(spec, m.name() + "@" + m.version());
              if (now.state() != ModelState.PROPOSED || noVote || send.noWait) {
                out.println(now.name() + "@" + now.version() + " is " + lower(now.state()));
                return ExitCodes.OK;
              }
              Optional<TxView> v =
                  s.send(
                      new dev.openledger.ledger.msg.Propose(
                          List.of(new ApproveModel(now.name(), now.version())),
                          "Approve model "
                              + now.name()
                              + "@"
                              + now.version()
                              + " for serving (developer "
                              + now.developer()
                              + ", adapter "
                              + now.adapter()
                              + ")"));
              if (!TxSender.ok(v)) {
                out.println(
                    "the model is proposed, but the governance proposal was refused; a staker with voting power can open it with");
                out.println(
                    "  openledger gov propose --description \"approve "
                        + now.name()
                        + "\" --messages FILE   (FILE: [{\"type\": \"model/approve\", \"name\": \""
                        + now.name()
                        + "\", \"version\": "
                        + now.version()
                        + "}])");
                return ExitCodes.REJECTED;
              }
              String id =
                  v.flatMap(
                          x ->
                              x.events().stream()
                                  .filter(e -> e.type().equals("gov.propose"))
                                  .findFirst())
                      .flatMap(
                          e ->
                              e.attributes().stream()
                                  .filter(a -> a.key().equals("proposal"))
                                  .findFirst())
                      .map(a -> a.value())
                      .orElse("?");
              out.println(
                  "governance proposal "
                      + id
                      + " approves "
                      + now.name()
                      + "@"
                      + now.version()
                      + "; next: `gov vote "
                      + id
                      + " for`, then `gov queue "
                      + id
                      + "` and `gov execute "
                      + id
                      + "`");
              return ExitCodes.OK;
            }
          });
    }
  }

  /** {@code model retire NAME@VERSION --reason TEXT}. */
  @Command(
      name = "retire",
      mixinStandardHelpOptions = true,
      description = "Takes a model version out of service for good (developer or governance).")
  static final class Retire implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME[@VERSION]",
        description = "The model (default: its latest version).")
    String ref;

    @Option(names = "--reason", required = true, paramLabel = "TEXT", description = "Why.")
    String reason;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ModelView m = require(spec, ref);
            return DatanetTxCommands.send(
                spec,
                send,
                DatanetTxCommands.message(() -> new RetireModel(m.name(), m.version(), reason)));
          });
    }
  }

  /** {@code model price NAME@VERSION --price OPEN}. */
  @Command(
      name = "price",
      mixinStandardHelpOptions = true,
      description =
          "Sets a model version's inference price per 1,000 tokens, within the governance bounds (developer only).")
  static final class Price implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME[@VERSION]",
        description = "The model (default: its latest version).")
    String ref;

    @Option(
        names = "--price",
        required = true,
        paramLabel = "OPEN",
        description = "Price per 1,000 generated tokens.")
    Amount price;

    @Mixin TxCommand.SendOptions send;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ModelView m = require(spec, ref);
            return DatanetTxCommands.send(
                spec,
                send,
                DatanetTxCommands.message(
                    () -> new SetInferencePrice(m.name(), m.version(), price)));
          });
    }
  }
}
