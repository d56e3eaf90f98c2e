package dev.openledger.modelfactory;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.ExportRow;
import dev.openledger.ml.format.ModelDirectory;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.modelfactory.artifact.ArtifactFile;
import dev.openledger.modelfactory.artifact.ArtifactManifest;
import dev.openledger.modelfactory.artifact.RunSummary;
import dev.openledger.modelfactory.eval.EvaluationReport;
import dev.openledger.modelfactory.job.JobRecord;
import dev.openledger.modelfactory.job.JobState;
import dev.openledger.modelfactory.job.Submission;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.registry.ModelRegistration;
import dev.openledger.modelfactory.run.LossPoint;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One job on two datanets, end to end: the artifact set is complete and verifies, the gradient
 * store holds one record per training row keyed by the datanet row ids (so scores map back to
 * owners), the adapter hash is PEFT's content hash, the registration carries the lineage, and a
 * tampered file is detected.
 */
class ArtifactsTest {
  @TempDir static Path tmp;
  static World world;
  static Hash news;
  static Hash religion;
  static JobRecord job;

  @BeforeAll
  static void runOneJob() throws Exception {
    world = new World(tmp.resolve("node"));
    var brown = TestData.brown();
    news = world.datanet("news", TestData.paragraphs(brown.genre('a').subList(0, 2)));
    religion = world.datanet("religion", TestData.paragraphs(brown.genre('d').subList(0, 2)));
    Path base = TestBases.random(tmp.resolve("base"));
    Submission s = world.factory.submit(World.quick("two-genres", base, news, religion).build());
    assertThat(s).isInstanceOf(Submission.Accepted.class);
    assertThat(world.factory.runPending()).isEqualTo(1);
    job = world.factory.job(((Submission.Accepted) s).job().id()).orElseThrow();
  }

  @Test
  void jobSucceedsAndRegistersItsLineage() throws Exception {
    assertThat(job.state()).as("%s", job.failure()).isEqualTo(JobState.SUCCEEDED);
    ModelRecord model = world.factory.model("two-genres").orElseThrow();
    ModelRegistration reg = model.registration();
    assertThat(reg.version()).isEqualTo(1);
    assertThat(reg.developer()).isEqualTo(World.DEV);
    assertThat(reg.datanets()).extracting(d -> d.datanetId()).containsExactly(news, religion);
    assertThat(reg.datanets().get(0).root())
        .isEqualTo(world.datanets.version(news, 1).orElseThrow().root());
    assertThat(reg.config()).isEqualTo(job.spec().configHash());
    assertThat(reg.baseModel()).isEqualTo(job.spec().baseModel());
    assertThat(reg.metrics()).hasSize(2);
    assertThat(job.result().orElseThrow().artifacts()).isEqualTo(reg.artifacts());
    assertThat(ModelRegistration.decode(reg.encode())).isEqualTo(reg);
  }

  @Test
  void artifactSetVerifiesAndNamesEveryFile() throws Exception {
    ModelRecord model = world.factory.model("two-genres").orElseThrow();
    Path dir = world.factory.artifacts(model).orElseThrow();
    ArtifactManifest m =
        Json.mapper()
            .readValue(dir.resolve(ArtifactManifest.FILE).toFile(), ArtifactManifest.class);
    assertThat(m.files())
        .extracting(ArtifactFile::path)
        .containsExactly(
            "adapter/adapter_config.json",
            "adapter/adapter_model.safetensors",
            "evaluation.json",
            "gradients.olgs",
            "spec.json",
            "training_log.jsonl");
    assertThat(Hash.sha256(Files.readAllBytes(dir.resolve(ArtifactManifest.FILE))))
        .isEqualTo(model.registration().artifacts());
    // the adapter hash is PEFT's content hash of the adapter directory
    var baseConfig =
        ModelDirectory.readConfig(
                world.factory.bases().directory(model.registration().baseModel()).orElseThrow())
            .config();
    assertThat(PeftAdapterDirectory.contentHash(dir.resolve("adapter"), baseConfig))
        .isEqualTo(model.registration().adapter());
    assertThat(m.adapter()).isEqualTo(model.registration().adapter());
    // the training log is the loss curve, one line per step
    RunSummary run =
        Json.mapper().readValue(dir.resolve(ArtifactManifest.SPEC).toFile(), RunSummary.class);
    List<LossPoint> curve = world.factory.lossCurve(job.id());
    assertThat(curve).hasSize(run.steps());
    assertThat(curve).extracting(LossPoint::step).startsWith(1, 2, 3);
    assertThat(Files.readAllLines(dir.resolve(ArtifactManifest.TRAINING_LOG))).hasSize(run.steps());
  }

  @Test
  void gradientStoreHasOneRecordPerTrainingRowKeyedByRowId() throws Exception {
    ModelRecord model = world.factory.model("two-genres").orElseThrow();
    Path dir = world.factory.artifacts(model).orElseThrow();
    RunSummary run =
        Json.mapper().readValue(dir.resolve(ArtifactManifest.SPEC).toFile(), RunSummary.class);
    Map<Hash, ExportRow> exported = new HashMap<>();
    for (Hash d : List.of(news, religion)) {
      ByteArrayOutputStream out = new ByteArrayOutputStream();
      world.datanets.export(d, 1, out).orElseThrow();
      for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
        ExportRow r = Json.mapper().readValue(line, ExportRow.class);
        exported.put(r.rowId(), r);
      }
    }
    try (GradientStore store =
        GradientStore.open(dir.resolve(ArtifactManifest.GRADIENTS)).orElseThrow()) {
      assertThat(store.rowCount()).isEqualTo(run.trainRows());
      assertThat(store.rowCount() + run.heldOutRows().stream().mapToInt(Integer::intValue).sum())
          .isEqualTo(exported.size());
      assertThat(store.rowIds()).doesNotHaveDuplicates();
      assertThat(exported.keySet()).containsAll(store.rowIds());
      assertThat(store.checkpointCount()).isEqualTo(1);
      assertThat(store.sourceLayout().dim()).isEqualTo(run.adapterParameters());
      assertThat(store.contentHash())
          .isEqualTo(
              Json.mapper()
                  .readValue(dir.resolve(ArtifactManifest.FILE).toFile(), ArtifactManifest.class)
                  .gradientStore());
    }
  }

  @Test
  void evaluationReportCoversEachDatanet() throws Exception {
    ModelRecord model = world.factory.model("two-genres").orElseThrow();
    EvaluationReport report = world.factory.evaluation(model).orElseThrow();
    assertThat(report.datanets()).extracting(d -> d.datanetId()).containsExactly(news, religion);
    assertThat(report.samples()).hasSize(4);
    assertThat(report.overall().tokens())
        .isEqualTo(report.datanets().stream().mapToLong(d -> d.scores().tokens()).sum());
    var again = world.factory.reevaluate(model).orElseThrow();
    assertThat(again.matches()).as("recomputed evaluation equals the stored one").isTrue();
  }

  @Test
  void tamperedArtifactIsDetected() throws Exception {
    ModelRecord model = world.factory.model("two-genres").orElseThrow();
    Path dir = world.factory.artifacts(model).orElseThrow();
    Path log = dir.resolve(ArtifactManifest.TRAINING_LOG);
    byte[] original = Files.readAllBytes(log);
    try {
      Files.writeString(log, "{}\n", java.nio.file.StandardOpenOption.APPEND);
      Result<Path> r = world.factory.artifacts(model);
      assertThat(r).isInstanceOf(Result.Err.class);
      assertThat(((Result.Err<Path>) r).code()).isEqualTo("artifacts_tampered");
    } finally {
      Files.write(log, original);
    }
    assertThat(world.factory.artifacts(model).isOk()).isTrue();
  }
}
