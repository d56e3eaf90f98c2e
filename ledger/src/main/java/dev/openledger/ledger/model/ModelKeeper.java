package dev.openledger.ledger.model;

import dev.openledger.ledger.msg.ModelParams;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateCodec;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Typed access to the registry's state. A model key is its name (ASCII, never a zero byte), a zero
 * byte, then its version as a big-endian u32, so a name's versions sort together and in order.
 *
 * <pre>
 * model/p                              → ModelParams
 * model/n&lt;name&gt;                        → ModelName (developer, latest version)
 * model/m&lt;name&gt;\0&lt;u32 version&gt;         → RegisteredModel
 * model/i&lt;u8 state&gt;&lt;name&gt;\0&lt;u32 version&gt; → marker: the index by state
 * </pre>
 */
public final class ModelKeeper {
  public static final Namespace NAMESPACE = new Namespace("model");
  private static final StateKey PARAMS = NAMESPACE.key(new byte[] {'p'});
  private static final byte[] MARKER = {1};

  public ModelParams params(StateReader s) {
    return StateCodec.get(s, PARAMS, ModelParams::decode)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "model parameters missing: state not initialised from genesis"));
  }

  void putParams(State s, ModelParams p) {
    s.put(PARAMS, p.encode());
  }

  public Optional<ModelName> name(StateReader s, String name) {
    return StateCodec.get(s, NAMESPACE.key('n', utf8(name)), ModelName::decode);
  }

  void putName(State s, String name, ModelName n) {
    s.put(NAMESPACE.key('n', utf8(name)), n.encode());
  }

  public Optional<RegisteredModel> model(StateReader s, String name, int version) {
    return StateCodec.get(s, NAMESPACE.key('m', modelKey(name, version)), RegisteredModel::decode);
  }

  /**
   * Stores a model and moves its index entry from {@code previous} (if any) to its current state.
   */
  void putModel(State s, RegisteredModel m, Optional<ModelState> previous) {
    byte[] k = modelKey(m.name(), m.version());
    s.put(NAMESPACE.key('m', k), m.encode());
    previous.ifPresent(p -> s.delete(indexKey(p, k)));
    s.put(indexKey(m.state(), k), MARKER);
  }

  /** Every version of a name, oldest first. */
  public List<RegisteredModel> versions(StateReader s, String name) {
    byte[] prefix = (name + "\0").getBytes(StandardCharsets.UTF_8);
    return scanModels(s, NAMESPACE.key('m', prefix));
  }

  /** Every model version, by name then version. */
  public List<RegisteredModel> all(StateReader s) {
    return scanModels(s, NAMESPACE.key(new byte[] {'m'}));
  }

  /** Every model version in {@code state}, by name then version. */
  public List<RegisteredModel> inState(StateReader s, ModelState state) {
    StateKey prefix = NAMESPACE.key('i', new byte[] {(byte) state.ordinal()});
    List<RegisteredModel> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = s.scan(prefix)) {
      while (it.hasNext()) {
        byte[] k = it.next().key().bytes();
        byte[] modelKey = java.util.Arrays.copyOfRange(k, prefix.length(), k.length);
        out.add(
            StateCodec.get(s, NAMESPACE.key('m', modelKey), RegisteredModel::decode)
                .orElseThrow(() -> new IllegalStateException("state index names a missing model")));
      }
    }
    return out;
  }

  /** Whether the state index lists {@code m} under {@code state}. */
  boolean indexed(StateReader s, RegisteredModel m, ModelState state) {
    return s.get(indexKey(state, modelKey(m.name(), m.version()))).isPresent();
  }

  private static List<RegisteredModel> scanModels(StateReader s, StateKey prefix) {
    List<RegisteredModel> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = s.scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        out.add(StateCodec.decode(e.key(), e.value(), RegisteredModel::decode));
      }
    }
    return out;
  }

  private static StateKey indexKey(ModelState state, byte[] modelKey) {
    byte[] k = new byte[1 + modelKey.length];
    k[0] = (byte) state.ordinal();
    System.arraycopy(modelKey, 0, k, 1, modelKey.length);
    return NAMESPACE.key('i', k);
  }

  private static byte[] modelKey(String name, int version) {
    byte[] n = utf8(name);
    return ByteBuffer.allocate(n.length + 5).put(n).put((byte) 0).putInt(version).array();
  }

  private static byte[] utf8(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
