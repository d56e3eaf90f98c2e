package dev.openledger.node.cli;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.json.Json;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.eval.DatanetEvaluation;
import dev.openledger.modelfactory.eval.EvaluationReport;
import dev.openledger.modelfactory.eval.SampleGeneration;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.progress.ProgressBar;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.registry.ModelRegistration;
import dev.openledger.modelfactory.run.LossPoint;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import dev.openledger.node.api.view.FineTuneBody;
import dev.openledger.node.api.view.JobView;
import dev.openledger.node.client.ClientException;
import dev.openledger.node.client.ModelFactoryClient;
import java.io.PrintWriter;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.function.Function;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * ModelFactory's commands under {@code openledger model}, each a call to the node's {@code
 * /api/jobs} and {@code /api/models} routes: {@code finetune}, {@code jobs}, {@code job}, {@code
 * cancel}, {@code eval}, {@code list}, {@code show}.
 */
final class FineTuneCommands {
  private FineTuneCommands() {}

  static ModelFactoryClient client(CommandSpec spec) {
    try {
      return new ModelFactoryClient(Cli.root(spec).nodeUrl());
    } catch (IllegalArgumentException e) {
      throw new CliFailure(ExitCodes.USAGE, e.getMessage());
    }
  }

  /**
   * Follows a job until it ends, drawing its progress on stderr; the exit code says how it ended.
   */
  static int follow(CommandSpec spec, long id) {
    PrintWriter err = spec.commandLine().getErr();
    JobEvent.StateChanged end = client(spec).follow(id, new ProgressBar(id, err)::onEvent);
    if (end.state() == JobState.SUCCEEDED) {
      Cli.out(spec).println("job " + id + " succeeded: " + end.detail());
      return ExitCodes.OK;
    }
    if (!end.state().isFinal()) {
      throw new CliFailure(
          ExitCodes.UNREACHABLE,
          "the node closed job " + id + "'s event stream while it was " + end.state());
    }
    throw new CliFailure(
        ExitCodes.FAILURE,
        "job "
            + id
            + " "
            + end.state().name().toLowerCase(Locale.ROOT)
            + (end.detail().isEmpty() ? "" : ": " + end.detail()));
  }

  /** {@code NAME} or {@code NAME@VERSION} (version 0: the latest). */
  record ModelRef(String name, int version) {
    static ModelRef parse(String text) {
      int at = text.lastIndexOf('@');
      if (at < 0) {
        return new ModelRef(text, 0);
      }
      try {
        int v = Integer.parseInt(text.substring(at + 1));
        if (v >= 1) {
          return new ModelRef(text.substring(0, at), v);
        }
      } catch (NumberFormatException e) {
        // answered below
      }
      throw new CliFailure(
          ExitCodes.USAGE, "'" + text + "' is not NAME or NAME@VERSION (VERSION from 1)");
    }
  }

  static ModelRecord model(CommandSpec spec, ModelRef ref) {
    List<ModelRecord> versions = client(spec).versions(ref.name());
    if (ref.version() == 0) {
      return versions.get(versions.size() - 1);
    }
    return versions.stream()
        .filter(m -> m.version() == ref.version())
        .findFirst()
        .orElseThrow(
            () ->
                new CliFailure(
                    ExitCodes.FAILURE, "model " + ref.name() + " has no version " + ref.version()));
  }

  /** {@code model finetune}. */
  @Command(
      name = "finetune",
      mixinStandardHelpOptions = true,
      description = {
        "Fine-tunes a LoRA adapter on datanet versions on the node, then evaluates and registers the "
            + "model. The request is checked completely before anything runs; a refusal lists every reason.",
        "Follows the job with a progress bar on stderr unless --no-follow."
      })
  static final class Finetune implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--name",
        required = true,
        paramLabel = "NAME",
        description = "Model name (a-z, 0-9, . _ -).")
    String name;

    @Option(
        names = "--base",
        required = true,
        paramLabel = "DIR|HASH",
        description =
            "Base model directory (on the node's machine) or the hash of a base the node imported.")
    String base;

    @Option(
        names = "--datanet",
        required = true,
        arity = "1..*",
        paramLabel = "ID[@VERSION]",
        description = "Datanet to train on, its latest version unless @VERSION (repeatable).")
    List<String> datanets;

    @Option(
        names = "--developer",
        paramLabel = "ADDRESS|KEY|devnet:NAME",
        description =
            "The account that trains and registers the model (default: the only key in the home).")
    String developer;

    @Option(names = "--rank", paramLabel = "R", description = "LoRA rank (default 8).")
    Integer rank;

    @Option(names = "--alpha", paramLabel = "A", description = "LoRA alpha (default 16).")
    Float alpha;

    @Option(names = "--dropout", paramLabel = "P", description = "LoRA dropout (default 0.05).")
    Float dropout;

    @Option(
        names = "--targets",
        split = ",",
        paramLabel = "q,v,...",
        description = "Target modules of q,k,v,o,gate,up,down (default q,v).")
    List<String> targets;

    @Option(names = "--lr", paramLabel = "LR", description = "Peak learning rate (default 5e-3).")
    Float learningRate;

    @Option(names = "--epochs", paramLabel = "N", description = "Epochs (default 3).")
    Integer epochs;

    @Option(names = "--batch", paramLabel = "B", description = "Rows per micro-batch (default 8).")
    Integer batch;

    @Option(
        names = "--grad-accum",
        paramLabel = "N",
        description = "Micro-batches per step (default 1).")
    Integer gradAccum;

    @Option(
        names = "--seq-len",
        paramLabel = "T",
        description = "Tokens a row is cut to (default 128).")
    Integer seqLen;

    @Option(
        names = "--warmup",
        paramLabel = "RATIO",
        description = "Warm-up fraction of the steps (default 0.05).")
    Float warmup;

    @Option(
        names = "--weight-decay",
        paramLabel = "WD",
        description = "AdamW weight decay (default 0).")
    Float weightDecay;

    @Option(names = "--seed", paramLabel = "S", description = "Seed (default 42).")
    Long seed;

    @Option(
        names = "--eval-fraction",
        paramLabel = "F",
        description = "Rows of each datanet held out (default 0.1).")
    Float evalFraction;

    @Option(
        names = "--grad-proj",
        paramLabel = "K",
        description = "Gradient-store projection per tensor; 0 = none (default 0).")
    Integer gradProj;

    @Option(names = "--no-follow", description = "Return once the job is queued.")
    boolean noFollow;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            Address dev = developer(spec, developer);
            FineTuneBody body =
                new FineTuneBody(
                    name,
                    dev,
                    base,
                    datanets,
                    rank,
                    alpha,
                    dropout,
                    targets,
                    learningRate,
                    epochs,
                    batch,
                    gradAccum,
                    seqLen,
                    warmup,
                    weightDecay,
                    seed,
                    evalFraction,
                    gradProj);
            JobRecord job;
            try {
              job = client(spec).submit(body);
            } catch (ClientException.ApiError e) {
              if (e.code().equals("invalid_spec")) {
                throw new CliFailure(
                    ExitCodes.USAGE,
                    "the fine-tuning request was refused:\n  "
                        + e.getMessage().replace("\n", "\n  "));
              }
              throw e;
            }
            Cli.out(spec)
                .println(
                    "job "
                        + job.id()
                        + " queued: "
                        + job.spec().name()
                        + " on "
                        + job.spec().datanets().size()
                        + " datanet version(s), base "
                        + job.spec().baseModel().shortHex());
            Cli.out(spec).flush();
            return noFollow ? ExitCodes.OK : follow(spec, job.id());
          });
    }
  }

  /**
   * The developer's address: an address, {@code devnet:NAME}, or a key of the home's keystore (no
   * passphrase needed).
   */
  static Address developer(CommandSpec spec, String text) {
    if (text != null && text.startsWith(Address.PREFIX + "1")) {
      try {
        return Address.parse(text);
      } catch (IllegalArgumentException e) {
        throw new CliFailure(ExitCodes.USAGE, "--developer: " + e.getMessage());
      }
    }
    if (text != null && text.startsWith(Signers.DEVNET_PREFIX)) {
      return DevnetGenesis.key(text.substring(Signers.DEVNET_PREFIX.length())).address();
    }
    var keystore = Cli.home(spec).keystore();
    String name = text;
    if (name == null) {
      List<String> names =
          keystore.list().stream().filter(Result::isOk).map(r -> r.orElseThrow().name()).toList();
      if (names.size() != 1) {
        throw new CliFailure(
            ExitCodes.USAGE,
            "name the developer with --developer ADDRESS, KEY or devnet:NAME ("
                + (names.isEmpty() ? "no keys in " + keystore.dir() : "several keys: " + names)
                + ")");
      }
      name = names.get(0);
    }
    return Cli.require(keystore.get(name), ExitCodes.USAGE).keyFile().address();
  }

  /** {@code model jobs}. */
  @Command(
      name = "jobs",
      mixinStandardHelpOptions = true,
      description = "Lists the node's fine-tuning jobs.")
  static final class Jobs implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the jobs as JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            printList(
                Cli.out(spec),
                json,
                client(spec).jobs(),
                "no jobs",
                String.format(Locale.ROOT, "%-5s %-10s %-24s %s", "ID", "STATE", "NAME", "RESULT"),
                j ->
                    String.format(
                        Locale.ROOT,
                        "%-5d %-10s %-24s %s",
                        j.id(),
                        j.state().name().toLowerCase(Locale.ROOT),
                        j.spec().name(),
                        outcome(j)));
            return ExitCodes.OK;
          });
    }
  }

  /**
   * Items as JSON, or one line each under an optional header, or {@code empty} when there are none.
   */
  static <T> void printList(
      PrintWriter out,
      boolean json,
      List<T> items,
      String empty,
      String header,
      Function<T, String> line) {
    if (json) {
      out.println(Json.writePretty(items));
    } else if (items.isEmpty()) {
      out.println(empty);
    } else {
      if (header != null) {
        out.println(header);
      }
      items.forEach(i -> out.println(line.apply(i)));
    }
  }

  static String outcome(JobRecord j) {
    return j.result()
        .map(r -> "v" + r.version() + " " + r.evaluation())
        .or(() -> j.failure().map(f -> f.code() + ": " + f.message()))
        .orElse(j.cancelRequested() && !j.state().isFinal() ? "cancel requested" : "");
  }

  /** {@code model job ID}. */
  @Command(
      name = "job",
      mixinStandardHelpOptions = true,
      description = "Shows a fine-tuning job; --follow draws its progress until it ends.")
  static final class Job implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The job's number.")
    long id;

    @Option(names = "--follow", description = "Follow the job with a progress bar until it ends.")
    boolean follow;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            JobView v = client(spec).job(id);
            JobRecord j = v.job();
            PrintWriter out = Cli.out(spec);
            out.println(
                "job "
                    + j.id()
                    + ": "
                    + j.spec().name()
                    + ", "
                    + j.state().name().toLowerCase(Locale.ROOT)
                    + (j.attempts() > 1 ? " (started " + j.attempts() + " times: resumed)" : ""));
            out.println("  base " + j.spec().baseModel().toHex());
            for (DatanetVersionRef d : j.spec().datanets()) {
              out.println("  datanet " + d.label() + " root " + d.root().toHex());
            }
            out.println(
                "  lora rank "
                    + j.spec().lora().rank()
                    + " alpha "
                    + j.spec().lora().alpha()
                    + " targets "
                    + j.spec().lora().targets()
                    + ", config "
                    + j.spec().configHash().toHex());
            List<LossPoint> loss = client(spec).loss(id);
            if (!loss.isEmpty()) {
              LossPoint first = loss.get(0);
              LossPoint last = loss.get(loss.size() - 1);
              out.printf(
                  Locale.ROOT,
                  "  loss %.3f (step %d) -> %.3f (step %d)%n",
                  first.loss(),
                  first.step(),
                  last.loss(),
                  last.step());
            }
            if (v.progress() != null) {
              out.println("  " + ProgressBar.line(v.progress()).trim());
            }
            String o = outcome(j);
            if (!o.isEmpty()) {
              out.println("  " + o);
            }
            out.flush();
            return follow && !j.state().isFinal() ? follow(spec, id) : ExitCodes.OK;
          });
    }
  }

  /** {@code model cancel ID}. */
  @Command(
      name = "cancel",
      mixinStandardHelpOptions = true,
      description = "Cancels a job: a queued one at once, a running one at its next step.")
  static final class Cancel implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(index = "0", paramLabel = "ID", description = "The job's number.")
    long id;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            JobRecord j = client(spec).cancel(id);
            Cli.out(spec)
                .println(
                    j.state() == JobState.CANCELLED
                        ? "job " + id + " cancelled"
                        : "job " + id + ": cancel requested; it stops at its next step");
            return ExitCodes.OK;
          });
    }
  }

  /** {@code model eval NAME[@VERSION]}. */
  @Command(
      name = "eval",
      mixinStandardHelpOptions = true,
      description =
          "Recomputes a model's evaluation on the node (held-out perplexity of base and adapter per datanet) "
              + "and checks it against the stored report; exit 5 if they differ.")
  static final class Eval implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME[@VERSION]",
        description = "The model (default: its latest version).")
    String model;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ModelRef ref = ModelRef.parse(model);
            ModelFactory.Reevaluation r = client(spec).reevaluate(ref.name(), ref.version());
            PrintWriter out = Cli.out(spec);
            printEvaluation(out, r.recomputed());
            out.println(
                r.matches()
                    ? "recomputed evaluation matches the stored report"
                    : "recomputed evaluation DIFFERS from the stored report");
            return r.matches() ? ExitCodes.OK : ExitCodes.VERIFY_FAILED;
          });
    }
  }

  static void printEvaluation(PrintWriter out, EvaluationReport report) {
    out.println(report.summary());
    for (DatanetEvaluation d : report.datanets()) {
      out.printf(
          Locale.ROOT,
          "  datanet %s@%d: %d rows, %d tokens, perplexity %.2f -> %.2f (%+.1f%%)%n",
          d.datanetId().shortHex(),
          d.version(),
          d.scores().rows(),
          d.scores().tokens(),
          d.scores().basePerplexity(),
          d.scores().adapterPerplexity(),
          -d.scores().perplexityReductionPercent());
    }
    for (SampleGeneration s : report.samples()) {
      out.println("  prompt:  " + s.prompt());
      out.println("    base:    " + s.base());
      out.println("    adapter: " + s.adapter());
    }
  }

  /**
   * {@code model trained}: the models this node's ModelFactory produced (the chain's registry is
   * {@code model list}).
   */
  @Command(
      name = "trained",
      mixinStandardHelpOptions = true,
      description =
          "Lists the models fine-tuned on this node (latest version of each), with their artifacts and evaluation.")
  static final class ListModels implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--json", description = "Print the models as JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            printList(
                Cli.out(spec),
                json,
                client(spec).models(),
                "no models",
                null,
                m ->
                    String.format(
                        Locale.ROOT,
                        "%s v%d  adapter %s  job %d  %s",
                        m.name(),
                        m.version(),
                        m.registration().adapter().shortHex(),
                        m.jobId(),
                        m.evaluation()));
            return ExitCodes.OK;
          });
    }
  }

  /**
   * {@code model artifacts NAME[@VERSION]}: a model fine-tuned on this node, as ModelFactory
   * recorded it.
   */
  @Command(
      name = "artifacts",
      mixinStandardHelpOptions = true,
      description =
          "Shows a model fine-tuned on this node: its registration (lineage: base, adapter, datanet versions and roots, config, "
              + "metrics, developer, artifacts) and its evaluation.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Parameters(
        index = "0",
        paramLabel = "NAME[@VERSION]",
        description = "The model (default: its latest version).")
    String model;

    @Option(names = "--json", description = "Print the model record as JSON.")
    boolean json;

    @Override
    public Integer call() {
      return Cli.guard(
          spec,
          () -> {
            ModelRef ref = ModelRef.parse(model);
            ModelRecord m = model(spec, ref);
            PrintWriter out = Cli.out(spec);
            if (json) {
              out.println(Json.writePretty(m));
              return ExitCodes.OK;
            }
            ModelRegistration r = m.registration();
            out.println(
                r.name()
                    + " v"
                    + r.version()
                    + " (job "
                    + m.jobId()
                    + ", registration "
                    + r.hash().toHex()
                    + ")");
            out.println("  developer " + r.developer());
            out.println("  base      " + r.baseModel().toHex());
            out.println("  adapter   " + r.adapter().toHex());
            out.println("  config    " + r.config().toHex());
            out.println("  artifacts " + r.artifacts().toHex());
            for (DatanetVersionRef d : r.datanets()) {
              out.println("  datanet   " + d.label() + " root " + d.root().toHex());
            }
            printEvaluation(out, client(spec).evaluation(r.name(), r.version()));
            return ExitCodes.OK;
          });
    }
  }
}
