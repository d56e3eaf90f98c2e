package dev.openledger.ledger.staking;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The staking module's records in state.
 *
 * <pre>
 * staking/x                          StakingParams
 * staking/n                          varint next pool id | varint next position id
 * staking/p &lt;pool 8&gt;                 PoolConfig
 * staking/s &lt;id 8&gt;                   Position (active)
 * staking/u &lt;id 8&gt;                   Unbonding (in cooldown)
 * staking/o &lt;owner&gt;&lt;id 8&gt;            owner index of positions
 * staking/q &lt;owner&gt;&lt;id 8&gt;            owner index of unbondings
 * staking/t &lt;pool 8&gt;&lt;owner&gt;         an owner's principal in a pool (min/max bounds)
 * staking/j &lt;purpose 1&gt;&lt;owner&gt;      Jail
 * staking/e &lt;SHA-256 of infraction&gt;  height at which that infraction was slashed
 * </pre>
 *
 * Voting power keys are described in {@link VotingPower}.
 */
final class StakingStore {
  static final Namespace NS = new Namespace("staking");
  static final StateKey PARAMS = NS.key(new byte[] {'x'});
  static final StateKey COUNTERS = NS.key(new byte[] {'n'});
  private static final byte[] PRESENT = {1};

  // ---- ids ----

  long nextPoolId(State state) {
    long[] c = counters(state);
    state.put(COUNTERS, new CanonicalWriter(12).varint(c[0] + 1).varint(c[1]).toByteArray());
    return c[0];
  }

  long nextPositionId(State state) {
    long[] c = counters(state);
    state.put(COUNTERS, new CanonicalWriter(12).varint(c[0]).varint(c[1] + 1).toByteArray());
    return c[1];
  }

  void initCounters(State state) {
    state.put(COUNTERS, new CanonicalWriter(4).varint(1).varint(1).toByteArray());
  }

  private long[] counters(StateReader state) {
    byte[] b =
        state
            .get(COUNTERS)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "staking counters are missing: state was not initialised from genesis"));
    try {
      CanonicalReader r = new CanonicalReader(b);
      long[] c = {r.varint("nextPool"), r.varint("nextPosition")};
      r.finish();
      return c;
    } catch (DecodeException e) {
      throw new IllegalStateException("stored staking counters are corrupt: " + e.getMessage(), e);
    }
  }

  // ---- params, pools ----

  StakingParams params(StateReader state) {
    return read(state, PARAMS, r -> StakingParams.decode(r))
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "staking parameters are missing: state was not initialised from genesis"));
  }

  void putParams(State state, StakingParams p) {
    CanonicalWriter w = new CanonicalWriter(64);
    p.encode(w);
    state.put(PARAMS, w.toByteArray());
  }

  Optional<PoolConfig> pool(StateReader state, long id) {
    return read(state, NS.key('p', u64(id)), PoolConfig::decode);
  }

  void putPool(State state, long id, PoolConfig p) {
    CanonicalWriter w = new CanonicalWriter(64);
    p.encode(w);
    state.put(NS.key('p', u64(id)), w.toByteArray());
  }

  TreeMap<Long, PoolConfig> pools(StateReader state) {
    TreeMap<Long, PoolConfig> out = new TreeMap<>();
    StateKey prefix = NS.key(new byte[] {'p'});
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        out.put(tailLong(e.key(), prefix.length()), decode(e.value(), PoolConfig::decode, e.key()));
      }
    }
    return out;
  }

  // ---- positions, unbondings ----

  Optional<Position> position(StateReader state, long id) {
    return state
        .get(NS.key('s', u64(id)))
        .map(b -> decodeWhole(b, Position::decode, "position " + id));
  }

  void putPosition(State state, Position p) {
    state.put(NS.key('s', u64(p.id())), p.encode());
    state.put(NS.key('o', concat(p.owner().bytes(), u64(p.id()))), PRESENT);
  }

  void deletePosition(State state, Position p) {
    state.delete(NS.key('s', u64(p.id())));
    state.delete(NS.key('o', concat(p.owner().bytes(), u64(p.id()))));
  }

  Optional<Unbonding> unbonding(StateReader state, long id) {
    return state
        .get(NS.key('u', u64(id)))
        .map(b -> decodeWhole(b, Unbonding::decode, "unbonding " + id));
  }

  void putUnbonding(State state, Unbonding u) {
    state.put(NS.key('u', u64(u.id())), u.encode());
    state.put(NS.key('q', concat(u.owner().bytes(), u64(u.id()))), PRESENT);
  }

  void deleteUnbonding(State state, Unbonding u) {
    state.delete(NS.key('u', u64(u.id())));
    state.delete(NS.key('q', concat(u.owner().bytes(), u64(u.id()))));
  }

  List<Position> positionsOf(StateReader state, Address owner) {
    List<Position> out = new ArrayList<>();
    for (long id : idsUnder(state, NS.key('o', owner.bytes()))) {
      out.add(
          position(state, id)
              .orElseThrow(
                  () -> new IllegalStateException("position " + id + " is indexed but missing")));
    }
    return out;
  }

  List<Unbonding> unbondingsOf(StateReader state, Address owner) {
    List<Unbonding> out = new ArrayList<>();
    for (long id : idsUnder(state, NS.key('q', owner.bytes()))) {
      out.add(
          unbonding(state, id)
              .orElseThrow(
                  () -> new IllegalStateException("unbonding " + id + " is indexed but missing")));
    }
    return out;
  }

  /** Every active position, in id order. */
  List<Position> allPositions(StateReader state) {
    List<Position> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = state.scan(NS.key(new byte[] {'s'}))) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        out.add(decodeWhole(e.value(), Position::decode, e.key().toString()));
      }
    }
    return out;
  }

  /** Every unbonding, in id order. */
  List<Unbonding> allUnbondings(StateReader state) {
    List<Unbonding> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = state.scan(NS.key(new byte[] {'u'}))) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        out.add(decodeWhole(e.value(), Unbonding::decode, e.key().toString()));
      }
    }
    return out;
  }

  // ---- per-pool totals ----

  Amount poolTotal(StateReader state, long pool, Address owner) {
    return amount(state, NS.key('t', concat(u64(pool), owner.bytes())));
  }

  void putPoolTotal(State state, long pool, Address owner, Amount a) {
    putAmount(state, NS.key('t', concat(u64(pool), owner.bytes())), a);
  }

  // ---- jails, evidence ----

  Optional<Jail> jail(StateReader state, Address owner, Purpose purpose) {
    return state.get(jailKey(owner, purpose)).map(b -> decodeWhole(b, Jail::decode, "jail"));
  }

  void putJail(State state, Address owner, Purpose purpose, Jail j) {
    state.put(jailKey(owner, purpose), j.encode());
  }

  void deleteJail(State state, Address owner, Purpose purpose) {
    state.delete(jailKey(owner, purpose));
  }

  private static StateKey jailKey(Address owner, Purpose purpose) {
    return NS.key('j', concat(new byte[] {(byte) purpose.code()}, owner.bytes()));
  }

  boolean infractionSeen(StateReader state, byte[] infractionHash) {
    return state.get(NS.key('e', infractionHash)).isPresent();
  }

  void markInfraction(State state, byte[] infractionHash, long height) {
    state.put(NS.key('e', infractionHash), new CanonicalWriter(10).varint(height).toByteArray());
  }

  // ---- helpers ----

  static Amount amount(StateReader state, StateKey key) {
    return state
        .get(key)
        .map(b -> decodeFields(b, r -> r.amount("amount"), key.toString()))
        .orElse(Amount.ZERO);
  }

  static void putAmount(State state, StateKey key, Amount a) {
    if (a.isZero()) {
      state.delete(key);
    } else {
      state.put(key, new CanonicalWriter(10).amount(a).toByteArray());
    }
  }

  static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static byte[] concat(byte[] a, byte[] b) {
    byte[] out = new byte[a.length + b.length];
    System.arraycopy(a, 0, out, 0, a.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }

  private static long tailLong(StateKey key, int offset) {
    return ByteBuffer.wrap(key.bytes(), offset, 8).getLong();
  }

  private static List<Long> idsUnder(StateReader state, StateKey prefix) {
    List<Long> ids = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        ids.add(tailLong(it.next().key(), prefix.length()));
      }
    }
    return ids;
  }

  /** A decoder of one record from a reader. */
  @FunctionalInterface
  interface Reader<T> {
    T read(CanonicalReader r) throws DecodeException;
  }

  /** A decoder of a whole value. */
  @FunctionalInterface
  interface WholeDecoder<T> {
    T decode(byte[] b) throws DecodeException;
  }

  private static <T> Optional<T> read(StateReader state, StateKey key, Reader<T> reader) {
    return state.get(key).map(b -> decode(b, reader, key));
  }

  private static <T> T decode(byte[] b, Reader<T> reader, StateKey key) {
    return decodeFields(b, reader, key.toString());
  }

  private static <T> T decodeFields(byte[] b, Reader<T> reader, String what) {
    return decodeWhole(
        b,
        bytes -> {
          CanonicalReader r = new CanonicalReader(bytes);
          T v = reader.read(r);
          r.finish();
          return v;
        },
        what);
  }

  private static <T> T decodeWhole(byte[] b, WholeDecoder<T> decoder, String what) {
    try {
      return decoder.decode(b);
    } catch (DecodeException | IllegalArgumentException e) {
      throw new IllegalStateException("stored " + what + " is corrupt: " + e.getMessage(), e);
    }
  }
}
