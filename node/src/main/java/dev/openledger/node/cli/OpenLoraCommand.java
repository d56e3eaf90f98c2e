package dev.openledger.node.cli;

import dev.openledger.core.crypto.KeyPair;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.node.openai.OpenAiServer;
import dev.openledger.openlora.chain.ChainFile;
import dev.openledger.openlora.chain.InMemoryChain;
import dev.openledger.openlora.engine.EngineLimits;
import dev.openledger.openlora.service.BaseModel;
import dev.openledger.openlora.service.OnChain;
import dev.openledger.openlora.service.OpenLoraService;
import dev.openledger.openlora.service.ServeConfig;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code openledger openlora serve|adapter-hash}: serve approved LoRA models over the OpenAI API. */
@Command(name = "openlora", mixinStandardHelpOptions = true,
    description = "OpenLoRA: serve approved LoRA models over one base model through an OpenAI-compatible API.",
    subcommands = {OpenLoraCommand.Serve.class, OpenLoraCommand.AdapterHash.class})
public final class OpenLoraCommand implements Runnable {
  @Spec CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }

  /** {@code openlora serve}. */
  @Command(name = "serve", mixinStandardHelpOptions = true,
      description = {"Serves the chain file's approved models for --model's base on http://HOST:PORT/v1 until interrupted.",
          "Devnet only: models, API key hashes and escrows come from a JSON chain file (see docs/openlora.md), and the",
          "provider's key is the insecure devnet key of --provider-label."})
  static final class Serve implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The base model's Hugging Face directory.")
    Path model;

    @Option(names = "--base-id", paramLabel = "ID", description = "The base model's id in the registry (default: the directory's name).")
    String baseId;

    @Option(names = "--chain", required = true, paramLabel = "FILE", description = "Devnet chain file: models, API key hashes, escrows.")
    Path chain;

    @Option(names = "--provider-label", required = true, paramLabel = "LABEL", description = "Devnet label of the provider's key (insecure).")
    String providerLabel;

    @Option(names = "--host", defaultValue = "127.0.0.1", description = "Address to listen on. Default: ${DEFAULT-VALUE}.")
    String host;

    @Option(names = "--port", defaultValue = "8080", description = "Port (0 picks a free one). Default: ${DEFAULT-VALUE}.")
    int port;

    @Option(names = "--cache-mb", defaultValue = "256", description = "Adapter cache bound in MiB. Default: ${DEFAULT-VALUE}.")
    long cacheMb;

    @Option(names = "--max-batch", defaultValue = "16", description = "Most sequences per decode step. Default: ${DEFAULT-VALUE}.")
    int maxBatch;

    @Option(names = "--max-queued", defaultValue = "128", description = "Most waiting requests (more get 429). Default: ${DEFAULT-VALUE}.")
    int maxQueued;

    @Option(names = "--max-prompt-tokens", defaultValue = "2048", description = "Longest prompt (longer gets 413). Default: ${DEFAULT-VALUE}.")
    int maxPromptTokens;

    @Option(names = "--max-tokens", defaultValue = "1024", description = "Largest max_tokens. Default: ${DEFAULT-VALUE}.")
    int maxTokens;

    @Option(names = "--timeout-s", defaultValue = "60", description = "Request timeout in seconds (then 408). Default: ${DEFAULT-VALUE}.")
    int timeoutSeconds;

    @Override
    public Integer call() throws IOException, InterruptedException {
      PrintWriter out = spec.commandLine().getOut();
      ServeConfig config;
      try {
        config = new ServeConfig(cacheMb << 20, 1, EngineLimits.defaults().withMaxBatch(maxBatch).withMaxQueued(maxQueued), maxPromptTokens,
            maxTokens, Duration.ofSeconds(timeoutSeconds));
      } catch (IllegalArgumentException e) {
        spec.commandLine().getErr().println("openlora serve: " + e.getMessage());
        return ExitCodes.USAGE;
      }
      String id = baseId != null ? baseId : model.toAbsolutePath().normalize().getFileName().toString();
      BaseModel base = BaseModel.read(model, id);
      InMemoryChain state = ChainFile.read(chain);
      KeyPair provider = KeyPair.insecureFromLabel(providerLabel);
      CountDownLatch stopped = new CountDownLatch(1);
      try (OpenLoraService service = OpenLoraService.start(base, OnChain.of(state), provider, config);
          OpenAiServer server = OpenAiServer.start(service, host, port)) {
        out.printf("OpenLoRA: %d model(s) on base %s at http://%s:%d/v1 (metrics: /metrics), provider %s%n", service.models().size(), id, host,
            server.port(), provider.address());
        out.flush();
        Runtime.getRuntime().addShutdownHook(new Thread(stopped::countDown, "openlora-shutdown"));
        stopped.await();
      }
      return ExitCodes.OK;
    }
  }

  /** {@code openlora adapter-hash}. */
  @Command(name = "adapter-hash", mixinStandardHelpOptions = true,
      description = "Prints the content hash of PEFT adapter directories checked against a base model: the hash a registry approves.")
  static final class AdapterHash implements Callable<Integer> {
    @Spec CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "The base model's Hugging Face directory.")
    Path model;

    @Parameters(arity = "1..*", paramLabel = "ADAPTER_DIR", description = "Adapter directories.")
    List<Path> adapters;

    @Override
    public Integer call() throws IOException {
      var base = ModelDirectory.readConfig(model).config();
      for (Path a : adapters) {
        spec.commandLine().getOut().println(PeftAdapterDirectory.contentHash(a, base).toHex() + "  " + a);
      }
      return ExitCodes.OK;
    }
  }
}
