package dev.openledger.modelfactory.registry;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.modelfactory.spec.DatanetVersionRef;
import dev.openledger.modelfactory.spec.FineTuneSpec;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * What the chain records when a model is registered: the payload of the ledger's {@code
 * RegisterModel} message. Everything in it is a hash, a number or an address, so the chain can
 * store and compare it without ML code, and anyone holding the artifacts can check it.
 *
 * <p>Canonical encoding ({@link CanonicalWriter}; the ledger decodes the same bytes):
 *
 * <pre>
 *   string  "openledger/model-registration/v1"
 *   string  name                 u32 version
 *   hash    baseModel            hash adapter
 *   varint  n, then n × (hash datanetId, u32 version, hash root)
 *   hash    config
 *   varint  m, then m × (hash datanetId, u32 version, i64 tokens, i64 basePerplexityMilli, i64 adapterPerplexityMilli)
 *   address developer            hash artifacts
 * </pre>
 *
 * @param name the model's name ({@link FineTuneSpec#NAME})
 * @param version 1 for a name's first model, then 2, 3, … (the chain may refuse a version out of
 *     sequence)
 * @param baseModel the base model's content hash
 * @param adapter the adapter's PEFT content hash
 * @param datanets the datanet versions trained on, with their Merkle roots, in spec order
 * @param config the training configuration hash
 * @param metrics held-out results per datanet, in the order of {@code datanets}
 * @param developer the account that trained the model and registers it
 * @param artifacts the artifacts hash (manifest SHA-256)
 */
public record ModelRegistration(
    String name,
    int version,
    Hash baseModel,
    Hash adapter,
    List<DatanetVersionRef> datanets,
    Hash config,
    List<EvalMetric> metrics,
    Address developer,
    Hash artifacts) {

  private static final String DOMAIN = "openledger/model-registration/v1";
  private static final int MAX_ENTRIES = 1024;

  public ModelRegistration {
    Objects.requireNonNull(baseModel, "baseModel");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(developer, "developer");
    Objects.requireNonNull(artifacts, "artifacts");
    if (name == null || !FineTuneSpec.NAME.matcher(name).matches()) {
      throw new IllegalArgumentException("bad model name: " + name);
    }
    if (version < 1) {
      throw new IllegalArgumentException("model versions start at 1, got " + version);
    }
    datanets = List.copyOf(datanets);
    metrics = List.copyOf(metrics);
    if (datanets.isEmpty() || datanets.size() > MAX_ENTRIES) {
      throw new IllegalArgumentException(
          "a registration names 1 to " + MAX_ENTRIES + " datanet versions");
    }
    Set<Hash> ids = new HashSet<>();
    for (DatanetVersionRef d : datanets) {
      if (!ids.add(d.datanetId())) {
        throw new IllegalArgumentException("datanet " + d.datanetId() + " is listed twice");
      }
    }
    if (metrics.size() != datanets.size()) {
      throw new IllegalArgumentException("one metric per datanet version is required");
    }
    for (int i = 0; i < metrics.size(); i++) {
      if (!metrics.get(i).datanetId().equals(datanets.get(i).datanetId())
          || metrics.get(i).version() != datanets.get(i).version()) {
        throw new IllegalArgumentException(
            "metric " + i + " is not for datanet version " + datanets.get(i).label());
      }
    }
  }

  /** The canonical bytes. */
  public byte[] encode() {
    CanonicalWriter w = new CanonicalWriter(256 + 80 * datanets.size() + 64 * metrics.size());
    w.string(DOMAIN).string(name).u32(version).hash(baseModel).hash(adapter);
    w.varint(datanets.size());
    for (DatanetVersionRef d : datanets) {
      w.hash(d.datanetId()).u32(d.version()).hash(d.root());
    }
    w.hash(config);
    w.varint(metrics.size());
    for (EvalMetric m : metrics) {
      w.hash(m.datanetId())
          .u32(m.version())
          .i64(m.tokens())
          .i64(m.basePerplexityMilli())
          .i64(m.adapterPerplexityMilli());
    }
    w.address(developer).hash(artifacts);
    return w.toByteArray();
  }

  /** SHA-256 of {@link #encode()}. */
  public Hash hash() {
    return Hash.sha256(encode());
  }

  /**
   * Decodes canonical bytes.
   *
   * @throws DecodeException if the bytes are not exactly a canonical encoding of a valid
   *     registration
   */
  public static ModelRegistration decode(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    if (!DOMAIN.equals(r.string("domain", 64))) {
      throw new DecodeException("not a model registration");
    }
    String name = r.string("name", 64);
    int version = (int) r.u32("version");
    Hash base = r.hash("baseModel");
    Hash adapter = r.hash("adapter");
    int n = (int) r.varint("datanets", MAX_ENTRIES);
    List<DatanetVersionRef> datanets = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Hash id = r.hash("datanetId");
      int v = (int) r.u32("version");
      Hash root = r.hash("root");
      datanets.add(guard(() -> new DatanetVersionRef(id, v, root)));
    }
    Hash config = r.hash("config");
    int m = (int) r.varint("metrics", MAX_ENTRIES);
    List<EvalMetric> metrics = new ArrayList<>(m);
    for (int i = 0; i < m; i++) {
      Hash id = r.hash("datanetId");
      int v = (int) r.u32("version");
      long tokens = r.i64("tokens");
      long basePpl = r.i64("basePerplexityMilli");
      long adapterPpl = r.i64("adapterPerplexityMilli");
      metrics.add(guard(() -> new EvalMetric(id, v, tokens, basePpl, adapterPpl)));
    }
    Address developer = r.address("developer");
    Hash artifacts = r.hash("artifacts");
    r.finish();
    return guard(
        () ->
            new ModelRegistration(
                name, version, base, adapter, datanets, config, metrics, developer, artifacts));
  }

  private interface Constructor<T> {
    T make();
  }

  private static <T> T guard(Constructor<T> c) throws DecodeException {
    try {
      return c.make();
    } catch (IllegalArgumentException e) {
      throw new DecodeException("invalid registration: " + e.getMessage());
    }
  }
}
