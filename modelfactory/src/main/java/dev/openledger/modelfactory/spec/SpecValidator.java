package dev.openledger.modelfactory.spec;

import dev.openledger.core.crypto.Hash;
import dev.openledger.datanet.DatanetService;
import dev.openledger.datanet.store.VersionRecord;
import dev.openledger.ml.lora.LoraConfig;
import dev.openledger.ml.model.LinearKind;
import dev.openledger.ml.model.LlamaConfig;
import dev.openledger.modelfactory.access.AccessDecision;
import dev.openledger.modelfactory.access.AccessPolicy;
import dev.openledger.modelfactory.base.BaseModelStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Checks a {@link FineTuneRequest} completely before any work starts and reports every problem it
 * finds: the name, the base model (a directory or a stored hash), LoRA settings against the base's
 * shape, optimiser ranges, sequence length against the base's context, each datanet reference
 * (known datanet, published version, access for the developer, enough rows to split), and
 * duplicates. Only a request with no problems costs anything beyond reading metadata: then a base
 * given as a directory is imported into the store (to learn its hash) and the spec is built.
 */
public final class SpecValidator {
  private static final Pattern DATANET_REF = Pattern.compile("([0-9a-fA-F]{64})(?:@([0-9]{1,9}))?");
  private static final Pattern HASH = Pattern.compile("[0-9a-fA-F]{64}");
  public static final int MAX_PROJECTION_DIM = 1 << 16;

  private final DatanetService datanets;
  private final AccessPolicy access;
  private final BaseModelStore bases;

  public SpecValidator(DatanetService datanets, AccessPolicy access, BaseModelStore bases) {
    this.datanets = datanets;
    this.access = access;
    this.bases = bases;
  }

  /**
   * Validates {@code r}.
   *
   * @throws IOException only when the datanet index or a model file cannot be read (not for bad
   *     input)
   */
  public SpecCheck check(FineTuneRequest r) throws IOException {
    List<SpecProblem> problems = new ArrayList<>();
    if (r.name() == null || !FineTuneSpec.NAME.matcher(r.name()).matches()) {
      problems.add(
          new SpecProblem(
              "bad_name",
              "name",
              "model name '"
                  + r.name()
                  + "' must be 1-64 characters of a-z, 0-9, '.', '_' or '-', starting with a letter or digit"));
    }
    if (r.developer() == null) {
      problems.add(
          new SpecProblem("missing_developer", "developer", "the developer account is required"));
    }
    Optional<BaseInfo> base = base(r.base(), problems);
    Optional<LoraConfig> lora = lora(r.lora(), base.map(BaseInfo::config), problems);
    Optional<Optimization> opt = optimization(r.training(), base.map(BaseInfo::config), problems);
    FineTuneRequest.TrainingRequest t = r.training();
    if (!(t.evalFraction() > 0 && t.evalFraction() <= FineTuneSpec.MAX_EVAL_FRACTION)) {
      problems.add(
          new SpecProblem(
              "bad_eval_fraction",
              "training.evalFraction",
              "evaluation fraction must be in (0, "
                  + FineTuneSpec.MAX_EVAL_FRACTION
                  + "], got "
                  + t.evalFraction()));
    }
    if (t.projectionDim() < 0 || t.projectionDim() > MAX_PROJECTION_DIM) {
      problems.add(
          new SpecProblem(
              "bad_projection",
              "training.projectionDim",
              "gradient projection must be 0 (none) or in [1, "
                  + MAX_PROJECTION_DIM
                  + "], got "
                  + t.projectionDim()));
    }
    List<DatanetVersionRef> refs = datanets(r, problems);
    if (!problems.isEmpty()) {
      return new SpecCheck.Invalid(problems);
    }
    Hash baseHash =
        base.orElseThrow().hash().isPresent()
            ? base.orElseThrow().hash().get()
            : bases.importDirectory(base.orElseThrow().dir().orElseThrow());
    return new SpecCheck.Valid(
        new FineTuneSpec(
            r.name(),
            r.developer(),
            baseHash,
            refs,
            lora.orElseThrow(),
            opt.orElseThrow(),
            t.seed(),
            t.evalFraction(),
            t.projectionDim()));
  }

  /** A base model as referenced: by stored hash, or by a directory not yet imported. */
  private record BaseInfo(LlamaConfig config, Optional<Hash> hash, Optional<Path> dir) {}

  private Optional<BaseInfo> base(String ref, List<SpecProblem> problems) throws IOException {
    if (ref == null || ref.isBlank()) {
      problems.add(
          new SpecProblem(
              "missing_base_model", "base", "a base model directory or content hash is required"));
      return Optional.empty();
    }
    if (HASH.matcher(ref).matches()) {
      Hash h = Hash.fromHex(ref.toLowerCase(java.util.Locale.ROOT));
      if (bases.directory(h).isEmpty()) {
        problems.add(
            new SpecProblem(
                "unknown_base_model",
                "base",
                "no base model with hash "
                    + h.toHex()
                    + " has been imported; give its directory instead"));
        return Optional.empty();
      }
      return Optional.of(new BaseInfo(bases.config(h), Optional.of(h), Optional.empty()));
    }
    Path dir;
    try {
      dir = Path.of(ref);
    } catch (InvalidPathException e) {
      problems.add(
          new SpecProblem(
              "bad_base_model", "base", "'" + ref + "' is neither a path nor a 64-hex-digit hash"));
      return Optional.empty();
    }
    if (!Files.isDirectory(dir)) {
      problems.add(
          new SpecProblem(
              "bad_base_model", "base", "base model directory " + ref + " does not exist"));
      return Optional.empty();
    }
    try {
      return Optional.of(
          new BaseInfo(
              dev.openledger.ml.format.ModelDirectory.readConfig(dir).config(),
              Optional.empty(),
              Optional.of(dir)));
    } catch (IOException e) {
      problems.add(
          new SpecProblem(
              "bad_base_model", "base", ref + " is not a model directory: " + e.getMessage()));
      return Optional.empty();
    }
  }

  private static Optional<LoraConfig> lora(
      FineTuneRequest.LoraRequest l, Optional<LlamaConfig> base, List<SpecProblem> problems) {
    int before = problems.size();
    if (l.rank() < 1) {
      problems.add(
          new SpecProblem(
              "bad_rank", "lora.rank", "LoRA rank must be at least 1, got " + l.rank()));
    } else if (base.isPresent() && l.rank() > base.get().dim()) {
      problems.add(
          new SpecProblem(
              "bad_rank",
              "lora.rank",
              "LoRA rank "
                  + l.rank()
                  + " exceeds the base model's width "
                  + base.get().dim()
                  + " (a full-rank update needs no adapter)"));
    }
    if (!(l.alpha() > 0) || Float.isInfinite(l.alpha())) {
      problems.add(
          new SpecProblem(
              "bad_alpha", "lora.alpha", "LoRA alpha must be a positive number, got " + l.alpha()));
    }
    if (!(l.dropout() >= 0 && l.dropout() < 1)) {
      problems.add(
          new SpecProblem(
              "bad_dropout", "lora.dropout", "LoRA dropout must be in [0, 1), got " + l.dropout()));
    }
    Set<LinearKind> targets = EnumSet.noneOf(LinearKind.class);
    if (l.targets().isEmpty()) {
      problems.add(
          new SpecProblem(
              "no_targets",
              "lora.targets",
              "name at least one target module (q,k,v,o,gate,up,down)"));
    }
    for (int i = 0; i < l.targets().size(); i++) {
      try {
        targets.add(LinearKind.parse(l.targets().get(i)));
      } catch (IllegalArgumentException e) {
        problems.add(new SpecProblem("unknown_target", "lora.targets[" + i + "]", e.getMessage()));
      }
    }
    return problems.size() == before
        ? Optional.of(new LoraConfig(l.rank(), l.alpha(), l.dropout(), targets))
        : Optional.empty();
  }

  private static Optional<Optimization> optimization(
      FineTuneRequest.TrainingRequest t, Optional<LlamaConfig> base, List<SpecProblem> problems) {
    List<SpecProblem> p =
        Optimization.problems(
            t.learningRate(),
            t.epochs(),
            t.batchSize(),
            t.gradAccum(),
            t.seqLen(),
            t.warmupRatio(),
            t.weightDecay());
    if (base.isPresent() && t.seqLen() > base.get().maxSeqLen()) {
      p = new ArrayList<>(p);
      p.add(
          new SpecProblem(
              "seq_len_exceeds_base",
              "training.seqLen",
              "sequence length "
                  + t.seqLen()
                  + " exceeds the base model's context of "
                  + base.get().maxSeqLen()
                  + " tokens"));
    }
    problems.addAll(p);
    return p.isEmpty()
        ? Optional.of(
            new Optimization(
                t.learningRate(),
                t.epochs(),
                t.batchSize(),
                t.gradAccum(),
                t.seqLen(),
                t.warmupRatio(),
                t.weightDecay()))
        : Optional.empty();
  }

  private List<DatanetVersionRef> datanets(FineTuneRequest r, List<SpecProblem> problems)
      throws IOException {
    if (r.datanets().isEmpty()) {
      problems.add(
          new SpecProblem(
              "no_datanets", "datanets", "name at least one datanet (ID or ID@VERSION)"));
    }
    List<DatanetVersionRef> refs = new ArrayList<>();
    Set<Hash> seen = new HashSet<>();
    for (int i = 0; i < r.datanets().size(); i++) {
      String field = "datanets[" + i + "]";
      String text = r.datanets().get(i) == null ? "" : r.datanets().get(i).trim();
      Matcher m = DATANET_REF.matcher(text);
      if (!m.matches()) {
        problems.add(
            new SpecProblem(
                "bad_datanet_ref",
                field,
                "'"
                    + text
                    + "' is not a datanet reference: expected ID or ID@VERSION, ID as 64 hex digits"));
        continue;
      }
      Hash id = Hash.fromHex(m.group(1).toLowerCase(java.util.Locale.ROOT));
      if (!seen.add(id)) {
        problems.add(
            new SpecProblem(
                "duplicate_datanet",
                field,
                "datanet " + id.toHex() + " is named twice; train on one version of each datanet"));
        continue;
      }
      resolve(id, m.group(2), field, r, problems).ifPresent(refs::add);
    }
    return refs;
  }

  private Optional<DatanetVersionRef> resolve(
      Hash id, String versionText, String field, FineTuneRequest r, List<SpecProblem> problems)
      throws IOException {
    if (datanets.datanet(id).isEmpty()) {
      problems.add(
          new SpecProblem("unknown_datanet", field, "no datanet " + id.toHex() + " on this node"));
      return Optional.empty();
    }
    List<Integer> published = datanets.versions(id);
    if (published.isEmpty()) {
      problems.add(
          new SpecProblem(
              "no_versions", field, "datanet " + id.toHex() + " has no published version yet"));
      return Optional.empty();
    }
    int version =
        versionText == null
            ? published.stream().mapToInt(Integer::intValue).max().orElseThrow()
            : Integer.parseInt(versionText);
    Optional<VersionRecord> v = datanets.version(id, version);
    if (v.isEmpty()) {
      problems.add(
          new SpecProblem(
              "unknown_version",
              field,
              "datanet "
                  + id.toHex()
                  + " has no version "
                  + version
                  + " (published: "
                  + published
                  + ")"));
      return Optional.empty();
    }
    DatanetVersionRef ref = new DatanetVersionRef(id, version, v.get().root());
    if (r.developer() != null
        && access.check(r.developer(), ref) instanceof AccessDecision.Refused no) {
      problems.add(new SpecProblem(no.code(), field, no.message()));
    }
    int rows = v.get().rowIds().size();
    if (rows < 2) {
      problems.add(
          new SpecProblem(
              "empty_data",
              field,
              "datanet "
                  + ref.label()
                  + " has "
                  + rows
                  + " row(s); at least 2 are needed to train on one and evaluate on another"));
    }
    return Optional.of(ref);
  }
}
