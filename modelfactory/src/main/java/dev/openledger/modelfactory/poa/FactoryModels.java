package dev.openledger.modelfactory.poa;

import dev.openledger.attribution.grad.GradientStore;
import dev.openledger.attribution.service.AttributedModel;
import dev.openledger.attribution.service.ModelSource;
import dev.openledger.attribution.service.SourceRow;
import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.json.Json;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.ExportRow;
import dev.openledger.datanet.dedup.Fingerprinter;
import dev.openledger.datanet.text.TextNormalizer;
import dev.openledger.ml.format.EngineTensors;
import dev.openledger.ml.format.HfModel;
import dev.openledger.ml.format.PeftAdapterDirectory;
import dev.openledger.ml.lora.LoraParameters;
import dev.openledger.modelfactory.ModelFactory;
import dev.openledger.modelfactory.artifact.ArtifactManifest;
import dev.openledger.modelfactory.artifact.RunSummary;
import dev.openledger.modelfactory.registry.ModelRecord;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The attribution inputs of models this node fine-tuned: for a receipt's model label and adapter
 * hash, the catalogued version with that adapter, its verified artifact set (adapter, gradient
 * store, spec), its base model, and every row of the Datanet versions in its spec with owner,
 * contribution, submission order and dedup hash.
 */
public final class FactoryModels implements ModelSource {
  private final ModelFactory factory;
  private final DatanetService datanets;
  private final SubmissionOrder order;

  public FactoryModels(ModelFactory factory, DatanetService datanets, SubmissionOrder order) {
    this.factory = factory;
    this.datanets = datanets;
    this.order = order;
  }

  /**
   * @param model {@code name} or {@code name@version}
   * @return the version of {@code name} whose adapter is {@code adapterHash}; {@code unknown_model}
   *     when none
   */
  @Override
  public Result<AttributedModel> load(String model, Hash adapterHash) throws IOException {
    Optional<ModelRecord> rec = find(model, adapterHash);
    if (rec.isEmpty()) {
      return Result.err(
          "unknown_model",
          "no model "
              + model
              + " with adapter "
              + adapterHash.shortHex()
              + " was fine-tuned on this node");
    }
    Result<Path> dir = factory.artifacts(rec.get());
    if (dir instanceof Result.Err<Path> e) {
      return Result.err(e.code(), e.message());
    }
    Path set = dir.orElseThrow();
    RunSummary run =
        Json.mapper().readValue(set.resolve(ArtifactManifest.SPEC).toFile(), RunSummary.class);
    FineTuneSpec spec = run.spec();
    HfModel base = factory.bases().load(spec.baseModel());
    LoraParameters adapter =
        EngineTensors.loraParameters(
            base.config(),
            PeftAdapterDirectory.read(set.resolve(ArtifactManifest.ADAPTER_DIR), base.config()));
    Result<GradientStore> store = GradientStore.open(set.resolve(ArtifactManifest.GRADIENTS));
    if (store instanceof Result.Err<GradientStore> e) {
      return Result.err(e.code(), e.message());
    }
    Result<List<SourceRow>> rows = rows(spec.datanets());
    if (rows instanceof Result.Err<List<SourceRow>> e) {
      return Result.err(e.code(), e.message());
    }
    return Result.ok(
        new AttributedModel(
            model,
            rec.get().registration().adapter(),
            base,
            adapter,
            store.orElseThrow(),
            rows.orElseThrow(),
            spec.optimization().seqLen()));
  }

  private Optional<ModelRecord> find(String model, Hash adapterHash) throws IOException {
    String name = model;
    int version = 0;
    int at = model.lastIndexOf('@');
    if (at > 0) {
      name = model.substring(0, at);
      try {
        version = Integer.parseInt(model.substring(at + 1));
      } catch (NumberFormatException e) {
        return Optional.empty();
      }
    }
    for (ModelRecord r : factory.versions(name)) {
      if ((version == 0 || r.version() == version)
          && r.registration().adapter().equals(adapterHash)) {
        return Optional.of(r);
      }
    }
    return Optional.empty();
  }

  /** Every row of the versions, read from the Datanet service's exports. */
  public Result<List<SourceRow>> rows(List<DatanetVersionRef> versions) throws IOException {
    List<SourceRow> out = new ArrayList<>();
    for (DatanetVersionRef ref : versions) {
      ByteArrayOutputStream buf = new ByteArrayOutputStream();
      Result<Long> n = datanets.export(ref.datanetId(), ref.version(), buf);
      if (n instanceof Result.Err<Long> e) {
        return Result.err(e.code(), e.message());
      }
      for (String line : buf.toString(StandardCharsets.UTF_8).split("\n")) {
        if (line.isEmpty()) {
          continue;
        }
        ExportRow r = Json.mapper().readValue(line, ExportRow.class);
        Hash content = Fingerprinter.dedupHash(TextNormalizer.dedupKey(r.text()));
        out.add(
            new SourceRow(
                r.rowId(),
                content,
                r.owner(),
                ref.datanetId(),
                r.contributionId(),
                order.sequence(r.contributionId()),
                r.text()));
      }
    }
    return Result.ok(out);
  }
}
