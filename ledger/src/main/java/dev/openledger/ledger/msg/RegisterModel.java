package dev.openledger.ledger.msg;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Registers a fine-tuned model with its lineage; the sender must be {@code developer}. The fields,
 * their checks and the body's encoding are exactly those of ModelFactory's {@code
 * ModelRegistration}, so a registration's canonical bytes are this message's body ({@link
 * #fromRegistrationBytes}):
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
 * @param name lower-case letters, digits, {@code . _ -}; 1–64 characters, starting with a letter or
 *     digit
 * @param version one more than the name's latest version on chain (the first is 1)
 * @param baseModel the base model's content hash
 * @param adapter the adapter's PEFT content hash
 * @param datanets the datanet versions trained on, with the roots the chain recorded for them;
 *     distinct datanets
 * @param config the training configuration hash
 * @param metrics held-out results, one per entry of {@code datanets} in the same order
 * @param developer the account that trained the model and owns its name
 * @param artifacts the artifacts hash (SHA-256 of the artifact set's manifest)
 */
public record RegisterModel(
    String name,
    int version,
    Hash baseModel,
    Hash adapter,
    List<DatanetVersionRef> datanets,
    Hash config,
    List<EvalMetric> metrics,
    Address developer,
    Hash artifacts)
    implements ModelMsg {
  public static final MessageType<RegisterModel> TYPE =
      new MessageType<>(0x0501, "model/register", RegisterModel.class, RegisterModel::decode);
  public static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,63}");
  static final String DOMAIN = "openledger/model-registration/v1";
  private static final int MAX_ENTRIES = 1024;

  public RegisterModel {
    Fields.matching(
        name,
        "model name",
        NAME,
        "1-64 lower-case letters, digits or . _ - (starting with a letter or digit)");
    if (version < 1) {
      throw new IllegalArgumentException("model versions start at 1, got " + version);
    }
    Objects.requireNonNull(baseModel, "baseModel");
    Objects.requireNonNull(adapter, "adapter");
    Objects.requireNonNull(config, "config");
    Objects.requireNonNull(developer, "developer");
    Objects.requireNonNull(artifacts, "artifacts");
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

  @Override
  public MessageType<RegisterModel> type() {
    return TYPE;
  }

  @Override
  public void encodeBody(CanonicalWriter w) {
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
  }

  /**
   * The registration's canonical bytes (this message's body; equal to {@code
   * ModelRegistration.encode()}).
   */
  public byte[] registrationBytes() {
    CanonicalWriter w = new CanonicalWriter(256 + 80 * datanets.size() + 64 * metrics.size());
    encodeBody(w);
    return w.toByteArray();
  }

  /** SHA-256 of {@link #registrationBytes()} (equal to {@code ModelRegistration.hash()}). */
  public Hash registrationHash() {
    return Hash.sha256(registrationBytes());
  }

  /**
   * The message carrying a registration given as its canonical bytes ({@code
   * ModelRegistration.encode()}).
   *
   * @throws DecodeException if the bytes are not exactly a canonical encoding of a valid
   *     registration
   */
  public static RegisterModel fromRegistrationBytes(byte[] bytes) throws DecodeException {
    CanonicalReader r = new CanonicalReader(bytes);
    RegisterModel m = decode(r);
    r.finish();
    return m;
  }

  private static RegisterModel decode(CanonicalReader r) throws DecodeException {
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
      datanets.add(guard(() -> new DatanetVersionRef(id, v, r.hash("root"))));
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
    return new RegisterModel(
        name, version, base, adapter, datanets, config, metrics, developer, artifacts);
  }

  /** Builds a value inside decoding, where a validation failure is a decoding failure. */
  private interface Build<T> {
    T make() throws DecodeException;
  }

  private static <T> T guard(Build<T> b) throws DecodeException {
    try {
      return b.make();
    } catch (IllegalArgumentException e) {
      throw new DecodeException("invalid registration: " + e.getMessage());
    }
  }
}
