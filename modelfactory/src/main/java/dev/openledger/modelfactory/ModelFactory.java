package dev.openledger.modelfactory;

import dev.openledger.core.Result;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.DatanetService;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.tensor.VectorKernels;
import dev.openledger.ml.tensor.WorkerPool;
import dev.openledger.modelfactory.access.AccessPolicy;
import dev.openledger.modelfactory.artifact.ArtifactManifest;
import dev.openledger.modelfactory.artifact.ArtifactStore;
import dev.openledger.modelfactory.base.BaseModelStore;
import dev.openledger.modelfactory.data.DataSnapshot;
import dev.openledger.modelfactory.eval.EvaluationReport;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobListener;
import dev.openledger.modelfactory.job.JobQueue;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.job.Worker;
import dev.openledger.modelfactory.registry.ModelCatalog;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.run.LossCurve;
import dev.openledger.modelfactory.run.LossPoint;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import dev.openledger.modelfactory.spec.FineTuneRequest;
import dev.openledger.modelfactory.spec.SpecCheck;
import dev.openledger.modelfactory.spec.SpecProblem;
import dev.openledger.modelfactory.spec.SpecValidator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * ModelFactory's service API, which the node's CLI and HTTP layer call: submit fine-tuning
 * requests, watch and cancel jobs, list models, read and recompute evaluations.
 *
 * <p>Layout of its data directory: {@code jobs/} (the queue), {@code bases/} (base models by hash),
 * {@code artifacts/} (artifact sets by hash), {@code models/} (the catalog). One process at a time
 * (the queue is locked). Jobs run on one worker, started by {@link #startWorker} (background) or
 * {@link #runPending} (the caller's thread).
 */
public final class ModelFactory implements AutoCloseable {
  private final DatanetService datanets;
  private final JobQueue queue;
  private final BaseModelStore bases;
  private final ArtifactStore artifacts;
  private final ModelCatalog catalog;
  private final SpecValidator validator;
  private final JobExecutor executor;
  private final Worker worker;

  private ModelFactory(
      DatanetService datanets,
      JobQueue queue,
      BaseModelStore bases,
      ArtifactStore artifacts,
      ModelCatalog catalog,
      SpecValidator validator,
      JobExecutor executor) {
    this.datanets = datanets;
    this.queue = queue;
    this.bases = bases;
    this.artifacts = artifacts;
    this.catalog = catalog;
    this.validator = validator;
    this.executor = executor;
    this.worker = new Worker(queue, executor);
  }

  /**
   * Opens ModelFactory over {@code config.dataDir()}: jobs found RUNNING resume when the worker
   * starts; work files of jobs that already ended are removed.
   *
   * @param access decides whether a developer may train on a datanet
   */
  public static ModelFactory open(
      ModelFactoryConfig config, DatanetService datanets, AccessPolicy access) throws IOException {
    Path dir = config.dataDir();
    JobQueue queue = JobQueue.open(dir.resolve("jobs"), config.clock());
    try {
      BaseModelStore bases = BaseModelStore.open(dir.resolve("bases"));
      ArtifactStore artifacts = ArtifactStore.open(dir.resolve("artifacts"));
      ModelCatalog catalog = ModelCatalog.open(dir.resolve("models"));
      JobExecutor executor =
          new JobExecutor(
              queue, bases, artifacts, catalog, config.kernels(), config.run(), config.clock());
      for (JobRecord j : queue.list()) {
        if (j.state().isFinal()) {
          executor.cleanup(j);
        }
      }
      return new ModelFactory(
          datanets,
          queue,
          bases,
          artifacts,
          catalog,
          new SpecValidator(datanets, access, bases),
          executor);
    } catch (IOException | RuntimeException e) {
      queue.close();
      throw e;
    }
  }

  /**
   * Validates a request and, if it passes, snapshots its datanet versions and queues the job. A
   * refused request starts nothing and leaves nothing behind.
   */
  public Submission submit(FineTuneRequest request) throws IOException {
    SpecCheck check = validator.check(request);
    if (check instanceof SpecCheck.Invalid invalid) {
      return new Submission.Refused(invalid.problems());
    }
    SpecCheck.Valid valid = (SpecCheck.Valid) check;
    return queue.submit(
        valid.spec(),
        jobDir -> {
          List<SpecProblem> problems = new ArrayList<>();
          List<DatanetVersionRef> refs = valid.spec().datanets();
          for (int i = 0; i < refs.size(); i++) {
            Result<Integer> r = DataSnapshot.write(datanets, refs.get(i), jobDir.resolve("data"));
            if (r instanceof Result.Err<Integer> e) {
              problems.add(new SpecProblem(e.code(), "datanets[" + i + "]", e.message()));
            }
          }
          return problems;
        });
  }

  public List<JobRecord> jobs() {
    return queue.list();
  }

  public Optional<JobRecord> job(long id) {
    return queue.get(id);
  }

  /** The latest progress of a running job (this process only). */
  public Optional<JobEvent.Progress> progress(long id) {
    return queue.lastProgress(id);
  }

  /**
   * The phase a running job is in (preparing, training, gradients, evaluating, artifacts), if it
   * started.
   */
  public Optional<JobEvent.Phase> phase(long id) {
    return queue.lastPhase(id);
  }

  /**
   * A job's loss curve so far (empty before its first step); safe to call while the job appends to
   * it.
   */
  public List<LossPoint> lossCurve(long id) throws IOException {
    return queue.get(id).isPresent() ? LossCurve.readLive(queue.store().lossFile(id)) : List.of();
  }

  /** See {@link JobQueue#cancel}. */
  public Result<JobRecord> cancel(long id) throws IOException {
    return queue.cancel(id);
  }

  public void addListener(JobListener l) {
    queue.addListener(l);
  }

  public void removeListener(JobListener l) {
    queue.removeListener(l);
  }

  /** Runs jobs on a background thread as they are submitted. */
  public void startWorker() {
    worker.start();
  }

  /** Runs every runnable job on the caller's thread; returns how many ran. */
  public int runPending() throws IOException {
    return worker.runUntilIdle();
  }

  /** The latest version of every model. */
  public List<ModelRecord> models() throws IOException {
    return catalog.list();
  }

  /** The latest version of a model. */
  public Optional<ModelRecord> model(String name) throws IOException {
    return catalog.latest(name);
  }

  /** Every version of a model, oldest first. */
  public List<ModelRecord> versions(String name) throws IOException {
    return catalog.versions(name);
  }

  /** The artifact directory of a model version, after checking the set against its manifest. */
  public Result<Path> artifacts(ModelRecord model) throws IOException {
    return artifacts
        .verify(model.registration().artifacts())
        .flatMap(
            m -> Result.ok(artifacts.directory(model.registration().artifacts()).orElseThrow()));
  }

  /** The stored evaluation report of a model version. */
  public Result<EvaluationReport> evaluation(ModelRecord model) throws IOException {
    Result<Path> dir = artifacts(model);
    if (dir instanceof Result.Err<Path> e) {
      return Result.err(e.code(), e.message());
    }
    return Result.ok(
        Json.mapper()
            .readValue(
                dir.orElseThrow().resolve(ArtifactManifest.EVALUATION).toFile(),
                EvaluationReport.class));
  }

  /** A recomputed evaluation and whether it equals the stored one. */
  public record Reevaluation(
      EvaluationReport stored, EvaluationReport recomputed, boolean matches) {}

  /**
   * Recomputes a model version's evaluation from its base, its adapter and its job's data snapshot
   * (on a private one-thread pool, so it does not disturb a running job), and compares it with the
   * stored report.
   */
  public Result<Reevaluation> reevaluate(ModelRecord model) throws IOException {
    Result<EvaluationReport> stored = evaluation(model);
    if (stored instanceof Result.Err<EvaluationReport> e) {
      return Result.err(e.code(), e.message());
    }
    Optional<JobRecord> job = queue.get(model.jobId());
    if (job.isEmpty()) {
      return Result.err(
          "unknown_job",
          "the job of " + model.name() + " v" + model.version() + " is not on this node");
    }
    Path adapterDir =
        artifacts
            .directory(model.registration().artifacts())
            .orElseThrow()
            .resolve(ArtifactManifest.ADAPTER_DIR);
    try (WorkerPool pool = new WorkerPool(1)) {
      JobExecutor.Prepared p =
          executor.prepare(
              job.get().spec(), queue.store().dataDir(model.jobId()), new VectorKernels(pool));
      LoraParameters adapter =
          EngineTensors.loraParameters(
              p.hf().config(), PeftAdapterDirectory.read(adapterDir, p.hf().config()));
      EvaluationReport again =
          executor.evaluate(p, job.get().spec(), model.registration().adapter(), adapter);
      return Result.ok(
          new Reevaluation(stored.orElseThrow(), again, again.equals(stored.orElseThrow())));
    }
  }

  /** The base model store (base models by content hash). */
  public BaseModelStore bases() {
    return bases;
  }

  /**
   * Stops the worker (a running job checkpoints and resumes on the next open) and releases the data
   * directory.
   */
  @Override
  public void close() throws IOException {
    try {
      worker.close();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      queue.close();
    }
  }
}
