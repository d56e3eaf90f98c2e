package dev.openledger.ledger.datanet;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.msg.DatanetParams;
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
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed access to the datanet module's state. Layout (ids are raw bytes, numbers big-endian):
 *
 * <pre>
 * datanet/p                          → DatanetParams
 * datanet/d&lt;datanet&gt;                 → Datanet (metadata, owner, policies)
 * datanet/n&lt;lower-case name&gt;         → datanet id (names are unique regardless of case)
 * datanet/t&lt;datanet&gt;                 → DatanetTally (counters, latest version, bytes today)
 * datanet/c&lt;contribution&gt;            → Contribution
 * datanet/l&lt;datanet&gt;&lt;u64 sequence&gt;   → contribution id, in submission order
 * datanet/h&lt;datanet&gt;&lt;content hash&gt;   → the contribution that owns this content (pending or accepted)
 * datanet/k&lt;datanet&gt;&lt;address&gt;        → curator marker
 * datanet/w&lt;datanet&gt;&lt;address&gt;        → allow-list marker
 * datanet/v&lt;datanet&gt;&lt;u32 version&gt;    → PublishedVersion
 * datanet/s&lt;datanet&gt;&lt;address&gt;        → ContributorStats
 * datanet/u&lt;address&gt;                 → DailyUsage (over all datanets)
 * datanet/g&lt;datanet&gt;&lt;address&gt;        → AccessGrant
 * </pre>
 */
public final class DatanetKeeper {
  public static final Namespace NAMESPACE = new Namespace("datanet");
  private static final StateKey PARAMS = NAMESPACE.key(new byte[] {'p'});
  private static final byte[] MARKER = {1};

  // ---- parameters ----

  public DatanetParams params(StateReader s) {
    return StateCodec.get(s, PARAMS, DatanetParams::decode)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "datanet parameters missing: state not initialised from genesis"));
  }

  void putParams(State s, DatanetParams p) {
    s.put(PARAMS, p.encode());
  }

  // ---- datanets ----

  public Optional<Datanet> datanet(StateReader s, Hash id) {
    return StateCodec.get(s, key('d', id.bytes()), Datanet::decode);
  }

  void putDatanet(State s, Datanet d) {
    s.put(key('d', d.id().bytes()), d.encode());
    s.put(nameKey(d.name()), d.id().bytes());
  }

  /** The id of the datanet called {@code name} (case-insensitive). */
  public Optional<Hash> idByName(StateReader s, String name) {
    return s.get(nameKey(name)).map(Hash::wrap);
  }

  /** Every datanet, by id. */
  public List<Datanet> datanets(StateReader s) {
    List<Datanet> out = new ArrayList<>();
    scan(s, prefix('d'), e -> out.add(StateCodec.decode(e.key(), e.value(), Datanet::decode)));
    return out;
  }

  public DatanetTally tally(StateReader s, Hash id) {
    return StateCodec.get(s, key('t', id.bytes()), DatanetTally::decode).orElse(DatanetTally.EMPTY);
  }

  void putTally(State s, Hash id, DatanetTally t) {
    s.put(key('t', id.bytes()), t.encode());
  }

  // ---- contributions ----

  public Optional<Contribution> contribution(StateReader s, Hash id) {
    return StateCodec.get(s, key('c', id.bytes()), Contribution::decode);
  }

  void putContribution(State s, Contribution c) {
    s.put(key('c', c.id().bytes()), c.encode());
  }

  void listContribution(State s, Hash datanetId, long sequence, Hash contributionId) {
    s.put(
        key('l', concat(datanetId.bytes(), ByteBuffer.allocate(8).putLong(sequence).array())),
        contributionId.bytes());
  }

  /**
   * A datanet's contribution ids in submission order, from {@code offset}, at most {@code limit}.
   */
  public List<Hash> contributionIds(StateReader s, Hash datanetId, long offset, int limit) {
    List<Hash> out = new ArrayList<>();
    StateKey from =
        key('l', concat(datanetId.bytes(), ByteBuffer.allocate(8).putLong(offset).array()));
    StateKey prefix = key('l', datanetId.bytes());
    try (CloseableIterator<StateEntry> it = s.scan(prefix)) {
      while (it.hasNext() && out.size() < limit) {
        StateEntry e = it.next();
        if (e.key().compareTo(from) >= 0) {
          out.add(Hash.wrap(e.value()));
        }
      }
    }
    return out;
  }

  /** Calls {@code each} with every contribution on the chain, in id order. */
  public void forEachContribution(StateReader s, Consumer<Contribution> each) {
    scan(
        s,
        prefix('c'),
        e -> each.accept(StateCodec.decode(e.key(), e.value(), Contribution::decode)));
  }

  /** The pending or accepted contribution of {@code datanetId} holding this content, if any. */
  public Optional<Hash> contentOwner(StateReader s, Hash datanetId, Hash contentHash) {
    return s.get(key('h', concat(datanetId.bytes(), contentHash.bytes()))).map(Hash::wrap);
  }

  void putContentOwner(State s, Hash datanetId, Hash contentHash, Hash contributionId) {
    s.put(key('h', concat(datanetId.bytes(), contentHash.bytes())), contributionId.bytes());
  }

  void releaseContent(State s, Hash datanetId, Hash contentHash) {
    s.delete(key('h', concat(datanetId.bytes(), contentHash.bytes())));
  }

  // ---- curators and allow-lists ----

  public boolean isCurator(StateReader s, Hash datanetId, Address a) {
    return s.get(key('k', concat(datanetId.bytes(), a.bytes()))).isPresent();
  }

  void setCurator(State s, Hash datanetId, Address a, boolean curator) {
    mark(s, key('k', concat(datanetId.bytes(), a.bytes())), curator);
  }

  public List<Address> curators(StateReader s, Hash datanetId) {
    return addresses(s, key('k', datanetId.bytes()));
  }

  public boolean isAllowed(StateReader s, Hash datanetId, Address a) {
    return s.get(key('w', concat(datanetId.bytes(), a.bytes()))).isPresent();
  }

  void setAllowed(State s, Hash datanetId, Address a, boolean allowed) {
    mark(s, key('w', concat(datanetId.bytes(), a.bytes())), allowed);
  }

  public List<Address> allowed(StateReader s, Hash datanetId) {
    return addresses(s, key('w', datanetId.bytes()));
  }

  // ---- versions ----

  public Optional<PublishedVersion> version(StateReader s, Hash datanetId, int version) {
    return StateCodec.get(s, versionKey(datanetId, version), PublishedVersion::decode);
  }

  void putVersion(State s, PublishedVersion v) {
    s.put(versionKey(v.datanetId(), v.version()), v.encode());
  }

  /** Every version of a datanet, oldest first. */
  public List<PublishedVersion> versions(StateReader s, Hash datanetId) {
    List<PublishedVersion> out = new ArrayList<>();
    scan(
        s,
        key('v', datanetId.bytes()),
        e -> out.add(StateCodec.decode(e.key(), e.value(), PublishedVersion::decode)));
    return out;
  }

  // ---- contributors ----

  public ContributorStats stats(StateReader s, Hash datanetId, Address a) {
    return StateCodec.get(
            s, key('s', concat(datanetId.bytes(), a.bytes())), ContributorStats::decode)
        .orElse(ContributorStats.EMPTY);
  }

  void putStats(State s, Hash datanetId, Address a, ContributorStats st) {
    s.put(key('s', concat(datanetId.bytes(), a.bytes())), st.encode());
  }

  /** Every contributor of a datanet with its statistics, in address order. */
  public Map<Address, ContributorStats> contributors(StateReader s, Hash datanetId) {
    Map<Address, ContributorStats> out = new LinkedHashMap<>();
    StateKey prefix = key('s', datanetId.bytes());
    scan(
        s,
        prefix,
        e ->
            out.put(
                Address.wrap(suffix(e.key(), prefix)),
                StateCodec.decode(e.key(), e.value(), ContributorStats::decode)));
    return out;
  }

  public DailyUsage usage(StateReader s, Address a) {
    return StateCodec.get(s, key('u', a.bytes()), DailyUsage::decode).orElse(DailyUsage.NONE);
  }

  void putUsage(State s, Address a, DailyUsage u) {
    s.put(key('u', a.bytes()), u.encode());
  }

  // ---- access ----

  public Optional<AccessGrant> grant(StateReader s, Hash datanetId, Address a) {
    return StateCodec.get(s, key('g', concat(datanetId.bytes(), a.bytes())), AccessGrant::decode);
  }

  void putGrant(State s, Hash datanetId, Address a, AccessGrant g) {
    s.put(key('g', concat(datanetId.bytes(), a.bytes())), g.encode());
  }

  void deleteGrant(State s, Hash datanetId, Address a) {
    s.delete(key('g', concat(datanetId.bytes(), a.bytes())));
  }

  /** Every access grant of a datanet, in address order. */
  public Map<Address, AccessGrant> grants(StateReader s, Hash datanetId) {
    Map<Address, AccessGrant> out = new LinkedHashMap<>();
    StateKey prefix = key('g', datanetId.bytes());
    scan(
        s,
        prefix,
        e ->
            out.put(
                Address.wrap(suffix(e.key(), prefix)),
                StateCodec.decode(e.key(), e.value(), AccessGrant::decode)));
    return out;
  }

  // ---- plumbing ----

  private static StateKey key(char table, byte[] id) {
    return NAMESPACE.key(table, id);
  }

  private static StateKey prefix(char table) {
    return NAMESPACE.key(new byte[] {(byte) table});
  }

  private static StateKey nameKey(String name) {
    return key('n', name.toLowerCase(Locale.ROOT).getBytes(StandardCharsets.UTF_8));
  }

  private static StateKey versionKey(Hash datanetId, int version) {
    return key('v', concat(datanetId.bytes(), ByteBuffer.allocate(4).putInt(version).array()));
  }

  private static void mark(State s, StateKey k, boolean on) {
    if (on) {
      s.put(k, MARKER);
    } else {
      s.delete(k);
    }
  }

  private static List<Address> addresses(StateReader s, StateKey prefix) {
    List<Address> out = new ArrayList<>();
    scan(s, prefix, e -> out.add(Address.wrap(suffix(e.key(), prefix))));
    return out;
  }

  private static void scan(StateReader s, StateKey prefix, Consumer<StateEntry> each) {
    try (CloseableIterator<StateEntry> it = s.scan(prefix)) {
      while (it.hasNext()) {
        each.accept(it.next());
      }
    }
  }

  private static byte[] suffix(StateKey key, StateKey prefix) {
    byte[] k = key.bytes();
    return Arrays.copyOfRange(k, prefix.length(), k.length);
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
