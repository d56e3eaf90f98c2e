package dev.openledger.modelfactory.poa;

import dev.openledger.attribution.AttributionConfig;
import dev.openledger.attribution.score.ScoringPool;
import dev.openledger.attribution.service.AttributedModel;
import dev.openledger.attribution.service.ModelAttribution;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.DatanetSpec;
import dev.openledger.datanet.IngestResult;
import dev.openledger.datanet.validate.UsageSnapshot;
import dev.openledger.datanet.validate.ValidationParams;
import dev.openledger.ml.tensor.Kernels;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.ModelFactoryConfig;
import dev.openledger.modelfactory.access.DevnetAccessPolicy;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.run.RunSettings;
import dev.openledger.modelfactory.spec.FineTuneRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The eval's off-chain world in one directory: a Datanet service, ModelFactory over it,
 * contributions in a recorded submission order, and fine-tunes through ModelFactory's job path.
 */
final class EvalWorld implements AutoCloseable {
  static final Address OWNER = KeyPair.insecureFromLabel("eval-owner").address();
  static final Address DEVELOPER = KeyPair.insecureFromLabel("eval-developer").address();

  /** A file that was submitted: who, where, and the rows the Datanet accepted and refused. */
  record Submitted(Hash contribution, Address submitter, Hash datanet, int accepted, int refused) {}

  private final Path dir;
  private final Path base;
  private final EvalConfig.Training training;
  final DatanetService datanets;
  final ModelFactory factory;
  private final Map<Hash, Long> order = new HashMap<>();
  private final Map<Hash, Integer> versions = new HashMap<>();
  private final Map<String, Hash> byName = new LinkedHashMap<>();
  private final ScoringPool pool;
  private final Kernels kernels;
  private final FactoryModels models;
  private final Runnable onJob;

  /**
   * @param onJob called after each fine-tune succeeds (the eval counts them)
   */
  EvalWorld(
      Path dir,
      Path base,
      EvalConfig.Training training,
      Kernels kernels,
      ScoringPool pool,
      Runnable onJob)
      throws IOException {
    this.dir = dir;
    this.onJob = onJob;
    this.base = base;
    this.training = training;
    this.kernels = kernels;
    this.pool = pool;
    this.datanets =
        DatanetService.open(
            dir.resolve("datanets"), ValidationParams.defaults(), Clock.systemUTC());
    this.factory =
        ModelFactory.open(
            new ModelFactoryConfig(
                dir.resolve("modelfactory"),
                kernels,
                new RunSettings(1000, 3600),
                Clock.systemUTC()),
            datanets,
            DevnetAccessPolicy.allOpen());
    this.models =
        new FactoryModels(factory, datanets, id -> order.getOrDefault(id, Long.MAX_VALUE >> 1));
  }

  /** The Datanet called {@code name}, created on first use. */
  Hash datanet(String name) throws IOException {
    Hash id = byName.get(name);
    if (id == null) {
      id = Hash.sha256(("eval-datanet:" + name).getBytes(StandardCharsets.UTF_8));
      datanets
          .createDatanet(
              new DatanetSpec(id, OWNER, name, name, "Eval datanet " + name, List.of(name)))
          .orElseThrow();
      byName.put(name, id);
    }
    return id;
  }

  /**
   * Submits one file of {@code paragraphs} by {@code submitter} to Datanet {@code name} and accepts
   * it, as if its transactions had committed; its submission sequence is the next one.
   *
   * @return the contribution, or null when the Datanet refused every row
   */
  Submitted submit(String name, Address submitter, String fileName, List<String> paragraphs)
      throws IOException {
    Hash id = datanet(name);
    String file = String.join("\n\n", paragraphs) + "\n";
    IngestResult r =
        datanets.ingest(
            id, submitter, fileName, file.getBytes(StandardCharsets.UTF_8), UsageSnapshot.NONE);
    if (!(r instanceof IngestResult.Staged staged)) {
      return new Submitted(
          null, submitter, id, 0, r.rows().isEmpty() ? paragraphs.size() : r.rows().size());
    }
    datanets.register(staged.contributionId()).orElseThrow();
    datanets.accept(staged.contributionId(), "eval").orElseThrow();
    order.put(staged.contributionId(), (long) order.size());
    int refused = (int) staged.rows().stream().filter(d -> !d.accepted()).count();
    return new Submitted(staged.contributionId(), submitter, id, staged.rowsAccepted(), refused);
  }

  /**
   * Publishes the next version of a Datanet holding {@code contributions}; returns {@code
   * ID@VERSION}.
   */
  String publish(Hash datanet, List<Hash> contributions) throws IOException {
    int v = versions.merge(datanet, 1, Integer::sum);
    datanets.buildVersion(datanet, v, contributions).orElseThrow();
    return datanet.toHex() + "@" + v;
  }

  /**
   * Fine-tunes a model on Datanet versions ({@code ID@VERSION}) through ModelFactory's job path.
   */
  ModelRecord train(String name, List<String> versionRefs, int projectionDim) throws IOException {
    return train(name, versionRefs, projectionDim, training);
  }

  /** {@link #train(String, List, int)} with other settings. */
  ModelRecord train(
      String name, List<String> versionRefs, int projectionDim, EvalConfig.Training training)
      throws IOException {
    FineTuneRequest.Builder b =
        FineTuneRequest.builder(name, DEVELOPER, base.toString())
            .rank(training.rank())
            .alpha(2f * training.rank())
            .targets(training.targets())
            .epochs(training.epochs())
            .seqLen(training.seqLen())
            .learningRate(training.learningRate())
            .batchSize(training.batch())
            .evalFraction(training.evalFraction())
            .projectionDim(projectionDim)
            .seed(training.seed());
    versionRefs.forEach(b::datanet);
    Submission s = factory.submit(b.build());
    if (!(s instanceof Submission.Accepted a)) {
      throw new IllegalStateException(
          "eval fine-tune " + name + " refused: " + ((Submission.Refused) s).problems());
    }
    factory.runPending();
    JobRecord job = factory.job(a.job().id()).orElseThrow();
    if (job.state() != JobState.SUCCEEDED) {
      throw new IllegalStateException(
          "eval fine-tune " + name + " ended " + job.state() + ": " + job.failure());
    }
    onJob.run();
    return factory.model(name).orElseThrow();
  }

  /** The model's attribution inputs, loaded the way a serving node loads them. */
  AttributedModel load(ModelRecord m) throws IOException {
    Result<AttributedModel> r = models.load(m.name(), m.registration().adapter());
    return r.orElseThrow();
  }

  /** The model prepared for attribution (span index cached in this world). */
  ModelAttribution prepare(ModelRecord m, AttributionConfig config) throws IOException {
    return ModelAttribution.prepare(load(m), dir.resolve("indexes"), config, pool, kernels)
        .orElseThrow();
  }

  Kernels kernels() {
    return kernels;
  }

  List<Hash> submittedOrder() {
    List<Hash> out = new ArrayList<>(order.keySet());
    out.sort((a, c) -> Long.compare(order.get(a), order.get(c)));
    return out;
  }

  @Override
  public void close() throws IOException {
    try {
      factory.close();
    } finally {
      datanets.close();
    }
  }
}
