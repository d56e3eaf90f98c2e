package dev.openledger.ledger.attribution;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.msg.AttributionParams;
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
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * Typed access to the attribution module's state.
 *
 * <pre>
 * attribution/x                                      AttributionParams
 * attribution/r &lt;channel&gt;&lt;u64 nonce&gt;                InferenceAttribution of that receipt
 * attribution/q &lt;SHA-256(request id)&gt;&lt;channel&gt;&lt;nonce&gt; marker: attributions by request id
 * attribution/f &lt;row id&gt;                           the flagged row's owner (20 bytes), contribution (32) and u64 height
 * attribution/p &lt;contributor&gt;                      u64: the contributor's distinct flagged rows
 * attribution/s &lt;root&gt;                             u64 height and amount: the batch was swept
 * attribution/n                                      u64: attributions recorded
 * attribution/c &lt;contributor&gt;&lt;u64 ~height&gt;&lt;channel&gt;&lt;nonce&gt;  marker: the receipts that paid a contributor, newest first
 * attribution/t &lt;contributor&gt;&lt;u32 version&gt;&lt;model&gt;     {@link Earnings}: what a contributor earned from a model version
 * </pre>
 *
 * <p>The {@code c} index stores the height complemented ({@code Long.MAX_VALUE - height}), so that
 * a forward prefix scan, the only kind the state offers, meets a contributor's newest attributions
 * first. Both {@code c} and {@code t} are written in the same transaction as the attribution they
 * index, from its payouts in claim order, so they are part of the deterministic state and the state
 * root.
 */
public final class AttributionKeeper {
  public static final Namespace NAMESPACE = new Namespace("attribution");
  private static final StateKey PARAMS = NAMESPACE.key(new byte[] {'x'});
  private static final StateKey COUNT = NAMESPACE.key(new byte[] {'n'});
  private static final byte[] MARKER = {1};

  /**
   * Length of a {@code t} key up to and including the contributor (the version and model name
   * follow).
   */
  private static final int TOTALS_PREFIX_LENGTH = NAMESPACE.key('t', new byte[20]).bytes().length;

  public AttributionParams params(StateReader s) {
    return StateCodec.get(s, PARAMS, AttributionParams::decode)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "attribution parameters missing: state not initialised from genesis"));
  }

  void putParams(State s, AttributionParams p) {
    s.put(PARAMS, p.encode());
  }

  private static byte[] receiptKey(Hash channel, long nonce) {
    return ByteBuffer.allocate(40).put(channel.bytes()).putLong(nonce).array();
  }

  private static byte[] requestKey(String requestId) {
    return Hash.sha256(requestId.getBytes(StandardCharsets.UTF_8)).bytes();
  }

  /** The attribution of the receipt (channel, nonce). */
  public Optional<InferenceAttribution> attribution(StateReader s, Hash channel, long nonce) {
    return StateCodec.get(
        s, NAMESPACE.key('r', receiptKey(channel, nonce)), InferenceAttribution::decode);
  }

  /** Attributions of receipts with this request id (normally one), in (channel, nonce) order. */
  public List<InferenceAttribution> byRequest(StateReader s, String requestId) {
    StateKey prefix = NAMESPACE.key('q', requestKey(requestId));
    List<InferenceAttribution> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = s.scan(prefix)) {
      while (it.hasNext()) {
        byte[] k = it.next().key().bytes();
        byte[] rk = Arrays.copyOfRange(k, k.length - 40, k.length);
        ByteBuffer b = ByteBuffer.wrap(rk);
        byte[] ch = new byte[32];
        b.get(ch);
        attribution(s, Hash.wrap(ch), b.getLong()).ifPresent(out::add);
      }
    }
    return out;
  }

  void putAttribution(State s, InferenceAttribution a) {
    byte[] rk = receiptKey(a.channel(), a.nonce());
    s.put(NAMESPACE.key('r', rk), a.encode());
    byte[] q = ByteBuffer.allocate(72).put(requestKey(a.requestId())).put(rk).array();
    s.put(NAMESPACE.key('q', q), MARKER);
    s.put(COUNT, u64(count(s) + 1));
    byte[] newestFirst = u64(Long.MAX_VALUE - a.height());
    for (InferenceAttribution.Payout p : a.payouts()) {
      byte[] c =
          ByteBuffer.allocate(20 + 8 + 40)
              .put(p.contributor().bytes())
              .put(newestFirst)
              .put(rk)
              .array();
      s.put(NAMESPACE.key('c', c), MARKER);
      StateKey total = totalKey(p.contributor(), a.model(), a.version());
      Earnings before =
          StateCodec.get(s, total, b -> Earnings.decode(a.model(), a.version(), b))
              .orElse(Earnings.none(a.model(), a.version()));
      s.put(total, before.plus(p).encode());
    }
  }

  private static StateKey totalKey(Address contributor, String model, int version) {
    byte[] name = model.getBytes(StandardCharsets.UTF_8);
    return NAMESPACE.key(
        't',
        ByteBuffer.allocate(20 + 4 + name.length)
            .put(contributor.bytes())
            .putInt(version)
            .put(name)
            .array());
  }

  /**
   * The attributions that paid {@code contributor} (listed it in their payouts), newest first (by
   * height, then channel and nonce), at most {@code limit}.
   */
  public List<InferenceAttribution> byContributor(StateReader s, Address contributor, int limit) {
    List<InferenceAttribution> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = s.scan(NAMESPACE.key('c', contributor.bytes()))) {
      while (out.size() < limit && it.hasNext()) {
        byte[] k = it.next().key().bytes();
        ByteBuffer b = ByteBuffer.wrap(k, k.length - 40, 40);
        byte[] ch = new byte[32];
        b.get(ch);
        out.add(
            attribution(s, Hash.wrap(ch), b.getLong())
                .orElseThrow(
                    () ->
                        new IllegalStateException(
                            "the contributor index names a receipt with no attribution")));
      }
    }
    return out;
  }

  /** What {@code contributor} earned, per model version, in (version, model name bytes) order. */
  public List<Earnings> earnings(StateReader s, Address contributor) {
    List<Earnings> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = s.scan(NAMESPACE.key('t', contributor.bytes()))) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        byte[] k = e.key().bytes();
        int at = TOTALS_PREFIX_LENGTH;
        int version = ByteBuffer.wrap(k, at, 4).getInt();
        String model = new String(k, at + 4, k.length - at - 4, StandardCharsets.UTF_8);
        out.add(StateCodec.get(s, e.key(), b -> Earnings.decode(model, version, b)).orElseThrow());
      }
    }
    return out;
  }

  /** Every contributor that earned anything, each once, in address order (for invariants). */
  void forEachEarner(StateReader s, java.util.function.Consumer<Address> each) {
    Address last = null;
    try (CloseableIterator<StateEntry> it = s.scan(NAMESPACE.key('t', new byte[0]))) {
      while (it.hasNext()) {
        byte[] k = it.next().key().bytes();
        Address a =
            Address.wrap(Arrays.copyOfRange(k, TOTALS_PREFIX_LENGTH - 20, TOTALS_PREFIX_LENGTH));
        if (!a.equals(last)) {
          each.accept(a);
          last = a;
        }
      }
    }
  }

  /**
   * A contributor's rewards from one model version.
   *
   * @param inferences attributions that listed the contributor
   * @param earned its share of their contributors' parts
   * @param withheld what penalties cut from that (to the treasury)
   */
  public record Earnings(
      String model, int version, long inferences, Amount earned, Amount withheld) {
    public Earnings {
      Objects.requireNonNull(model, "model");
      if (inferences < 0 || earned.isLessThan(withheld)) {
        throw new IllegalArgumentException("negative count or more withheld than earned");
      }
    }

    static Earnings none(String model, int version) {
      return new Earnings(model, version, 0, Amount.ZERO, Amount.ZERO);
    }

    /** What the contributor received. */
    public Amount paid() {
      return earned.minus(withheld);
    }

    Earnings plus(InferenceAttribution.Payout p) {
      return new Earnings(
          model, version, inferences + 1, earned.plus(p.earned()), withheld.plus(p.withheld()));
    }

    byte[] encode() {
      return new CanonicalWriter(32)
          .varint(inferences)
          .amount(earned)
          .amount(withheld)
          .toByteArray();
    }

    static Earnings decode(String model, int version, byte[] bytes) throws DecodeException {
      CanonicalReader r = new CanonicalReader(bytes);
      long n = r.varint("inferences");
      Amount earned = r.amount("earned");
      Amount withheld = r.amount("withheld");
      r.finish();
      return StateCodec.construct(() -> new Earnings(model, version, n, earned, withheld));
    }
  }

  /** Attributions recorded so far. */
  public long count(StateReader s) {
    return s.get(COUNT).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
  }

  /** Whether a row was flagged before. */
  public boolean flagged(StateReader s, Hash rowId) {
    return s.get(NAMESPACE.key('f', rowId.bytes())).isPresent();
  }

  /** A flagged row: its owner, contribution and the height it was first flagged at. */
  public Optional<Flag> flag(StateReader s, Hash rowId) {
    return s.get(NAMESPACE.key('f', rowId.bytes()))
        .map(
            b -> {
              ByteBuffer x = ByteBuffer.wrap(b);
              byte[] owner = new byte[20];
              byte[] contribution = new byte[32];
              x.get(owner).get(contribution);
              return new Flag(rowId, Address.wrap(owner), Hash.wrap(contribution), x.getLong());
            });
  }

  /** A flagged row. */
  public record Flag(Hash rowId, Address owner, Hash contribution, long height) {}

  /** Records a newly flagged row and counts it for its owner. */
  void flag(State s, Hash rowId, Address owner, Hash contribution, long height) {
    s.put(
        NAMESPACE.key('f', rowId.bytes()),
        ByteBuffer.allocate(60)
            .put(owner.bytes())
            .put(contribution.bytes())
            .putLong(height)
            .array());
    s.put(NAMESPACE.key('p', owner.bytes()), u64(flaggedRows(s, owner) + 1));
  }

  /** The contributor's distinct flagged rows. */
  public long flaggedRows(StateReader s, Address contributor) {
    return s.get(NAMESPACE.key('p', contributor.bytes()))
        .map(b -> ByteBuffer.wrap(b).getLong())
        .orElse(0L);
  }

  /** Every flagged row's owner, in row id order (for invariants and queries). */
  public void forEachFlag(StateReader s, java.util.function.Consumer<Flag> each) {
    StateKey prefix = NAMESPACE.key('f', new byte[0]);
    try (CloseableIterator<StateEntry> it = s.scan(prefix)) {
      while (it.hasNext()) {
        byte[] k = it.next().key().bytes();
        each.accept(
            flag(s, Hash.wrap(Arrays.copyOfRange(k, k.length - 32, k.length))).orElseThrow());
      }
    }
  }

  /** Every contributor's flagged-row tally. */
  public void forEachTally(StateReader s, BiConsumer<Address, Long> each) {
    try (CloseableIterator<StateEntry> it = s.scan(NAMESPACE.key('p', new byte[0]))) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        byte[] k = e.key().bytes();
        each.accept(
            Address.wrap(Arrays.copyOfRange(k, k.length - 20, k.length)),
            ByteBuffer.wrap(e.value()).getLong());
      }
    }
  }

  /** The sweep of a batch: the height and the amount swept, when it was swept. */
  public Optional<Sweep> sweep(StateReader s, Hash root) {
    return s.get(NAMESPACE.key('s', root.bytes()))
        .map(
            b -> {
              ByteBuffer x = ByteBuffer.wrap(b);
              return new Sweep(x.getLong(), Amount.ofNano(x.getLong()));
            });
  }

  void putSweep(State s, Hash root, Sweep sweep) {
    s.put(
        NAMESPACE.key('s', root.bytes()),
        ByteBuffer.allocate(16).putLong(sweep.height()).putLong(sweep.amount().nano()).array());
  }

  /** A batch's sweep: when, and how much went to the treasury. */
  public record Sweep(long height, Amount amount) {}

  private static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }
}
