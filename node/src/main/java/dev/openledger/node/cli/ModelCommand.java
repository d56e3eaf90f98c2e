package dev.openledger.node.cli;

import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.Llama2cCheckpoint;
import dev.openledger.ml.format.Llama2cTokenizer;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.generate.Completion;
import dev.openledger.ml.generate.Decoder;
import dev.openledger.ml.generate.GenerationConfig;
import dev.openledger.ml.generate.Generator;
import dev.openledger.ml.generate.Sampler;
import dev.openledger.ml.generate.ServingAdapter;
import dev.openledger.ml.pretrain.Corpus;
import dev.openledger.ml.pretrain.ModelCache;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.pretrain.PretrainSpec;
import dev.openledger.ml.pretrain.Pretrainer;
import dev.openledger.ml.runtime.LoadedModel;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tokenizer.StreamingDecoder;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code openledger model ...}: pre-train a base model, generate text, export to llama2.c (local);
 * fine-tune on datanets and manage jobs (on the node, {@link FineTuneCommands}); the on-chain
 * registry with lineage, proposals and prices ({@link ModelRegistryCommands}).
 */
@Command(
    name = "model",
    description = {
      "Base models: pre-train one on a corpus, generate text, export to llama2.c.",
      "Fine-tuning on the node: finetune, jobs, job, cancel, eval, trained, artifacts.",
      "The on-chain registry: list, show, register, propose, retire, price."
    },
    mixinStandardHelpOptions = true,
    subcommands = {
      ModelCommand.Pretrain.class,
      ModelCommand.Generate.class,
      ModelCommand.ExportLlama2c.class,
      FineTuneCommands.Finetune.class,
      FineTuneCommands.Jobs.class,
      FineTuneCommands.Job.class,
      FineTuneCommands.Cancel.class,
      FineTuneCommands.Eval.class,
      FineTuneCommands.ListModels.class,
      FineTuneCommands.Show.class,
      ModelRegistryCommands.ListCmd.class,
      ModelRegistryCommands.ShowCmd.class,
      ModelRegistryCommands.Register.class,
      ModelRegistryCommands.Propose.class,
      ModelRegistryCommands.Retire.class,
      ModelRegistryCommands.Price.class
    })
public final class ModelCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code model pretrain}. */
  @Command(
      name = "pretrain",
      mixinStandardHelpOptions = true,
      description = {
        "Trains a BPE vocabulary and a Llama-style base model on a corpus and writes a Hugging Face "
            + "model directory. Models are cached under ~/.cache/openledger/models by (corpus, preset, steps, seed): "
            + "the same request again copies the cached model instead of training."
      })
  static final class Pretrain implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--corpus",
        required = true,
        arity = "1..*",
        paramLabel = "PATH",
        description = "Brown corpus directory, directory of .txt files, or text file (repeatable).")
    List<Path> corpus;

    @Option(
        names = "--preset",
        defaultValue = "tiny",
        paramLabel = "tiny|small",
        description =
            "Model size: tiny (~1M parameters) or small (~6M). Default: ${DEFAULT-VALUE}.")
    String preset;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "DIR",
        description = "Model directory to write.")
    Path out;

    @Option(
        names = "--steps",
        defaultValue = "0",
        paramLabel = "N",
        description = "Optimizer steps (default: the preset's).")
    int steps;

    @Option(
        names = "--seed",
        defaultValue = "1",
        paramLabel = "S",
        description = "Random seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
      return Cli.guard(spec, this::body);
    }

    private Integer body() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter outw = spec.commandLine().getOut();
      Preset p;
      try {
        p = Preset.parse(preset);
      } catch (IllegalArgumentException e) {
        err.println("pretrain: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      if (steps < 0) {
        err.println("pretrain: --steps must be positive");
        return ExitCodes.USAGE;
      }
      Corpus c = Corpus.read(corpus);
      PretrainSpec ps = new PretrainSpec(p, steps, seed);
      ModelCache cache = ModelCache.defaultCache();
      boolean cached = cache.contains(c, ps);
      err.println(
          (cached
                  ? "using the cached model "
                  : "pre-training "
                      + p.lowerName()
                      + " for "
                      + ps.effectiveSteps()
                      + " steps on "
                      + c.train().size()
                      + " documents; cache: ")
              + cache.path(c, ps));
      err.flush();
      Path dir = cache.getOrTrain(c, ps, new Pretrainer(Kernels.best()), new ProgressBar(err));
      copyDirectory(dir, out);
      outw.println("model written to " + out);
      Path info = out.resolve(ModelCache.TRAINING_INFO);
      if (Files.isRegularFile(info)) {
        outw.println(Files.readString(info).strip());
      }
      return ExitCodes.OK;
    }
  }

  /** {@code model generate}. */
  @Command(
      name = "generate",
      mixinStandardHelpOptions = true,
      description =
          "Continues a prompt with a model directory, optionally through a PEFT LoRA adapter.")
  static final class Generate implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--model",
        required = true,
        paramLabel = "DIR",
        description = "Hugging Face model directory.")
    Path model;

    @Option(
        names = "--adapter",
        paramLabel = "DIR",
        description = "PEFT adapter directory (optional).")
    Path adapter;

    @Option(
        names = "--prompt",
        required = true,
        paramLabel = "TEXT",
        description = "Text to continue.")
    String prompt;

    @Option(
        names = "--max-tokens",
        defaultValue = "64",
        paramLabel = "N",
        description = "Most tokens to generate. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(
        names = "--temperature",
        defaultValue = "0.8",
        paramLabel = "T",
        description = "Sampling temperature; 0 is greedy. Default: ${DEFAULT-VALUE}.")
    float temperature;

    @Option(
        names = "--top-p",
        defaultValue = "0.95",
        paramLabel = "P",
        description = "Nucleus sampling mass. Default: ${DEFAULT-VALUE}.")
    float topP;

    @Option(
        names = "--seed",
        defaultValue = "0",
        paramLabel = "S",
        description = "Sampling seed. Default: ${DEFAULT-VALUE}.")
    long seed;

    @Override
    public Integer call() {
      return Cli.guard(spec, this::body);
    }

    private Integer body() throws IOException {
      PrintWriter err = spec.commandLine().getErr();
      PrintWriter out = spec.commandLine().getOut();
      Sampler sampler;
      try {
        sampler = Sampler.of(temperature, topP);
      } catch (IllegalArgumentException e) {
        err.println("generate: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      if (maxTokens < 0) {
        err.println("generate: --max-tokens must be >= 0");
        return ExitCodes.USAGE;
      }
      LoadedModel m = LoadedModel.read(model);
      ServingAdapter a = null;
      if (adapter != null) {
        a =
            new ServingAdapter(
                adapter.getFileName().toString(),
                EngineTensors.loraParameters(
                    m.config(), PeftAdapterDirectory.read(adapter, m.config())));
      }
      int[] text = m.tokenizer().encode(prompt);
      int[] ids = new int[text.length + 1];
      ids[0] = m.bosTokenId();
      System.arraycopy(text, 0, ids, 1, text.length);
      int room = m.config().maxSeqLen() - ids.length;
      if (room <= 0) {
        err.println(
            "generate: the prompt ("
                + ids.length
                + " tokens) fills the model's context of "
                + m.config().maxSeqLen());
        return ExitCodes.USAGE;
      }
      GenerationConfig gc =
          new GenerationConfig(Math.min(maxTokens, room), sampler, Set.of(m.eosTokenId()), seed);
      StreamingDecoder stream = new StreamingDecoder(m.tokenizer(), true);
      out.print(prompt);
      Generator g = new Generator(new Decoder(m.weights(), Kernels.best()));
      Completion c =
          g.generate(
                  List.of(new Generator.Request(ids, a, gc)),
                  (r, t) -> {
                    out.print(stream.push(t));
                    out.flush();
                  })
              .get(0);
      out.println(stream.flush());
      err.println(
          "[" + c.tokens().length + " tokens, stopped: " + c.reason().name().toLowerCase() + "]");
      return ExitCodes.OK;
    }
  }

  /** {@code model export-llama2c}. */
  @Command(
      name = "export-llama2c",
      mixinStandardHelpOptions = true,
      description =
          "Writes a model directory as a llama2.c run.c checkpoint, and its tokenizer.bin beside it.")
  static final class ExportLlama2c implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(
        names = "--model",
        required = true,
        paramLabel = "DIR",
        description = "Hugging Face model directory.")
    Path model;

    @Option(
        names = "--out",
        required = true,
        paramLabel = "FILE",
        description = "Checkpoint file to write.")
    Path out;

    @Option(
        names = "--tokenizer-out",
        paramLabel = "FILE",
        description = "Where to write tokenizer.bin (default: tokenizer.bin beside --out).")
    Path tokenizerOut;

    @Override
    public Integer call() {
      return Cli.guard(spec, this::body);
    }

    private Integer body() throws IOException {
      LoadedModel m = LoadedModel.read(model);
      Llama2cCheckpoint.write(out, m.config(), EngineTensors.of(m.weights()));
      Path parent = out.toAbsolutePath().getParent();
      Path tok = tokenizerOut != null ? tokenizerOut : parent.resolve("tokenizer.bin");
      Llama2cTokenizer.write(tok, m.tokenizer(), m.config().vocabSize());
      spec.commandLine().getOut().println("wrote " + out + " and " + tok);
      return ExitCodes.OK;
    }
  }

  static void copyDirectory(Path from, Path to) throws IOException {
    Files.createDirectories(to);
    try (Stream<Path> files = Files.list(from)) {
      for (Path f : files.toList()) {
        if (Files.isRegularFile(f)) {
          Files.copy(
              f, to.resolve(f.getFileName().toString()), StandardCopyOption.REPLACE_EXISTING);
        }
      }
    }
  }
}
