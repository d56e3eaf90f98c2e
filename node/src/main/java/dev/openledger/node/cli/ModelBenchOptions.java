package dev.openledger.node.cli;

import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.pretrain.Preset;
import dev.openledger.ml.runtime.LoadedModel;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import java.io.IOException;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Options shared by the model-engine benchmarks ({@code bench kernels|infer|train}). */
final class ModelBenchOptions {
  @Option(names = "--json", description = "Print the result as JSON.")
  boolean json;

  @Option(
      names = "--threads",
      paramLabel = "N",
      description = "Worker threads (default: one per core).")
  Integer threads;

  @Option(
      names = "--model",
      paramLabel = "DIR",
      description = "Model directory (default: random weights of the small preset's shape).")
  Path model;

  @Option(
      names = "--rank",
      defaultValue = "8",
      paramLabel = "R",
      description = "LoRA rank (default ${DEFAULT-VALUE}).")
  int rank;

  /** Worker threads to use; fails with a usage error when not positive. */
  int threads() {
    int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
    if (n < 1 || rank < 1) {
      throw new CliFailure(ExitCodes.USAGE, "--threads and --rank must be positive");
    }
    return n;
  }

  Parameters weights() throws IOException {
    if (model != null) {
      return LoadedModel.read(model).weights();
    }
    return Parameters.init(Preset.SMALL.model(Preset.SMALL.vocabSize()), 1);
  }

  /** A benchmark body on kernels over a pool of {@link #threads()} threads. */
  interface Body<T> {
    T run(Kernels k) throws IOException;
  }

  <T> T withKernels(Body<T> body) throws IOException {
    try (WorkerPool pool = new WorkerPool(threads())) {
      return body.run(new VectorKernels(pool));
    }
  }
}
