package dev.openledger.modelfactory;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.ml.format.DType;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.PeftAdapter;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.ml.model.Parameters;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.ml.train.TrainConfig;
import dev.openledger.ml.transformer.Transformer;
import dev.openledger.modelfactory.artifact.ArtifactManifest;
import dev.openledger.modelfactory.artifact.ArtifactStore;
import dev.openledger.modelfactory.artifact.RunSummary;
import dev.openledger.modelfactory.base.BaseModelStore;
import dev.openledger.modelfactory.data.TrainingData;
import dev.openledger.modelfactory.eval.DatanetEvaluation;
import dev.openledger.modelfactory.eval.EvaluationReport;
import dev.openledger.modelfactory.eval.Evaluator;
import dev.openledger.modelfactory.io.AtomicFiles;
import dev.openledger.modelfactory.job.JobEvent;
import dev.openledger.modelfactory.job.JobQueue;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobResult;
import dev.openledger.modelfactory.job.JobRunner;
import dev.openledger.modelfactory.job.JobStore;
import dev.openledger.modelfactory.registry.EvalMetric;
import dev.openledger.modelfactory.registry.ModelCatalog;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.registry.ModelRegistration;
import dev.openledger.modelfactory.run.FineTuneRun;
import dev.openledger.modelfactory.run.RunSettings;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a job end to end: prepare (base, snapshot, tokens), train (resumable), seal the gradient
 * store, write the adapter, evaluate, commit the artifacts, register the model. Every phase after
 * training is a pure function of the trained adapter, so a crash anywhere after the last checkpoint
 * just repeats them.
 */
final class JobExecutor implements JobRunner {
  private static final Logger LOG = LoggerFactory.getLogger(JobExecutor.class);

  /** Sample generations per datanet in an evaluation report. */
  static final int SAMPLES_PER_DATANET = 2;

  private final JobQueue queue;
  private final BaseModelStore bases;
  private final ArtifactStore artifacts;
  private final ModelCatalog catalog;
  private final Kernels kernels;
  private final RunSettings settings;
  private final Clock clock;

  JobExecutor(
      JobQueue queue,
      BaseModelStore bases,
      ArtifactStore artifacts,
      ModelCatalog catalog,
      Kernels kernels,
      RunSettings settings,
      Clock clock) {
    this.queue = queue;
    this.bases = bases;
    this.artifacts = artifacts;
    this.catalog = catalog;
    this.kernels = kernels;
    this.settings = settings;
    this.clock = clock;
  }

  /** A job's inputs, loaded: the base (checked against its hash) and the tokenised snapshot. */
  record Prepared(HfModel hf, Parameters base, Transformer model, TrainingData data) {}

  Prepared prepare(FineTuneSpec spec, Path dataDir, Kernels k) throws IOException {
    HfModel hf = bases.load(spec.baseModel());
    Parameters base = EngineTensors.parameters(hf.config(), hf.weights());
    TrainingData data =
        TrainingData.load(spec, dataDir, hf.tokenizer(), hf.bosTokenId(), hf.eosTokenId());
    return new Prepared(hf, base, new Transformer(hf.config(), k), data);
  }

  @Override
  public Outcome run(JobRecord job, BooleanSupplier stop) throws IOException {
    long id = job.id();
    FineTuneSpec spec = job.spec();
    JobStore store = queue.store();
    queue.publish(new JobEvent.Phase(id, "preparing", 0));
    Prepared p = prepare(spec, store.dataDir(id), kernels);
    FineTuneRun run =
        new FineTuneRun(
            id,
            spec,
            p.model(),
            p.base(),
            p.data(),
            store.workDir(id),
            store.lossFile(id),
            settings,
            queue::publish);
    FineTuneRun.Outcome trained = run.train(stop);
    if (trained instanceof FineTuneRun.Stopped s) {
      return new Interrupted(s.step());
    }
    FineTuneRun.Trained t = ((FineTuneRun.Completed) trained).trained();
    Path staging = store.workDir(id).resolve("artifacts");
    AtomicFiles.deleteTree(staging);
    Files.createDirectories(staging);

    queue.publish(new JobEvent.Phase(id, "gradients", 0));
    Hash gradients = run.sealGradients(t, staging.resolve(ArtifactManifest.GRADIENTS));
    PeftAdapter peft = EngineTensors.adapter(t.adapter(), Optional.of(spec.baseModel().toHex()));
    PeftAdapterDirectory.write(
        staging.resolve(ArtifactManifest.ADAPTER_DIR), peft, p.hf().config(), DType.F32);
    Hash adapter = PeftAdapterDirectory.contentHash(peft);

    queue.publish(new JobEvent.Phase(id, "evaluating", 0));
    EvaluationReport report = evaluate(p, spec, adapter, t.adapter());
    writeJson(staging.resolve(ArtifactManifest.EVALUATION), report);
    writeJson(
        staging.resolve(ArtifactManifest.SPEC), summary(spec, p.data(), t.config(), t.adapter()));
    Files.copy(store.lossFile(id), staging.resolve(ArtifactManifest.TRAINING_LOG));

    queue.publish(new JobEvent.Phase(id, "artifacts", 0));
    Hash set =
        artifacts.commit(
            staging,
            new ArtifactStore.Lineage(spec.baseModel(), adapter, gradients, spec.configHash()));
    ModelRecord rec =
        catalog.register(
            spec.name(),
            id,
            v ->
                new ModelRecord(
                    registration(spec, v, adapter, report, set),
                    id,
                    clock.millis(),
                    report.summary()));
    LOG.info(
        "job {}: {} v{} registered, artifacts {}; {}",
        id,
        rec.name(),
        rec.version(),
        set.shortHex(),
        report.summary());
    return new Succeeded(new JobResult(rec.name(), rec.version(), set, adapter, report.summary()));
  }

  /** Evaluates a trained adapter on the job's held-out rows. */
  EvaluationReport evaluate(
      Prepared p, FineTuneSpec spec, Hash adapterHash, LoraParameters adapter) {
    List<Evaluator.HeldOut> sets = new ArrayList<>();
    for (TrainingData.EvalSet e : p.data().eval()) {
      sets.add(
          new Evaluator.HeldOut(
              e.datanet().datanetId(), e.datanet().version(), e.datanet().label(), e.examples()));
    }
    Evaluator ev =
        new Evaluator(
            p.model(), p.base(), p.model().kernels(), p.hf().tokenizer(), p.hf().eosTokenId());
    return ev.evaluate(
        spec.baseModel(),
        adapterHash,
        adapter,
        sets,
        spec.optimization().batchSize(),
        spec.optimization().seqLen(),
        SAMPLES_PER_DATANET);
  }

  private static ModelRegistration registration(
      FineTuneSpec spec, int version, Hash adapter, EvaluationReport report, Hash artifacts) {
    List<EvalMetric> metrics = new ArrayList<>();
    for (DatanetEvaluation d : report.datanets()) {
      metrics.add(
          new EvalMetric(
              d.datanetId(),
              d.version(),
              d.scores().tokens(),
              EvalMetric.milli(d.scores().basePerplexity()),
              EvalMetric.milli(d.scores().adapterPerplexity())));
    }
    return new ModelRegistration(
        spec.name(),
        version,
        spec.baseModel(),
        adapter,
        spec.datanets(),
        spec.configHash(),
        metrics,
        spec.developer(),
        artifacts);
  }

  private static RunSummary summary(
      FineTuneSpec spec, TrainingData data, TrainConfig tc, LoraParameters adapter) {
    List<Integer> heldOut = data.eval().stream().map(e -> e.rows().size()).toList();
    return new RunSummary(
        RunSummary.FORMAT,
        spec,
        spec.configHash(),
        FineTuneSpec.RECIPE,
        data.trainRows().size(),
        heldOut,
        data.truncatedRows(),
        data.trainTokens(),
        tc.steps(),
        tc.warmupSteps(),
        adapter.layout().size());
  }

  private static void writeJson(Path file, Object value) throws IOException {
    Files.write(file, (Json.writePretty(value) + "\n").getBytes(StandardCharsets.UTF_8));
  }

  @Override
  public void cleanup(JobRecord job) throws IOException {
    AtomicFiles.deleteTree(queue.store().workDir(job.id()));
  }
}
