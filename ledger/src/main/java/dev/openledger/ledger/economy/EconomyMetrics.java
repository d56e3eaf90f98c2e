package dev.openledger.ledger.economy;

import dev.openledger.core.codec.CanonicalReader;
import dev.openledger.core.codec.CanonicalWriter;
import dev.openledger.core.codec.DecodeException;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.exec.BlockContext;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The hooks through which modules feed the economy figures, and the counters they write. Every hook
 * is deterministic state: it runs inside a block, is covered by the state root, and replays
 * identically.
 *
 * <pre>
 * economy/x                          varint epochSeconds | varint genesisMillis
 * economy/o                          the open epoch: varint epoch | varint treasury balance at its start
 * economy/f &lt;epoch 8&gt;               Counters of that epoch
 * economy/t                          Counters since genesis
 * economy/r &lt;kind 1&gt;&lt;epoch 8&gt;&lt;addr&gt;  a recipient's rewards of one kind in an open epoch (summarised, then deleted)
 * economy/R &lt;kind 1&gt;&lt;addr&gt;          a recipient's rewards of one kind since genesis
 * economy/i &lt;epoch 8&gt;&lt;model&gt;         inferences and fees of a model in an epoch
 * economy/I &lt;model&gt;                  inferences and fees of a model since genesis
 * economy/v &lt;epoch 8&gt;&lt;addr&gt;          a voter in an open epoch (counted, then deleted)
 * economy/V &lt;addr&gt;                   an account that has ever voted
 * economy/s &lt;epoch 8&gt;               the epoch's {@link EpochSummary}, written when it closes
 * </pre>
 */
public final class EconomyMetrics {
  public static final Namespace NAMESPACE = new Namespace("economy");
  static final StateKey PARAMS = NAMESPACE.key(new byte[] {'x'});
  static final StateKey OPEN_EPOCH = NAMESPACE.key(new byte[] {'o'});
  static final StateKey TOTALS = NAMESPACE.key(new byte[] {'t'});
  static final char EPOCH_FLOWS = 'f';
  static final char EPOCH_REWARDS = 'r';
  static final char TOTAL_REWARDS = 'R';
  static final char EPOCH_MODELS = 'i';
  static final char TOTAL_MODELS = 'I';
  static final char EPOCH_VOTERS = 'v';
  static final char TOTAL_VOTERS = 'V';
  static final char SUMMARIES = 's';
  private static final byte[] PRESENT = {1};

  // ---- hooks ----

  /** Adds {@code delta} to a counter of the block's epoch and to its total. */
  public void add(State state, BlockContext block, Counter counter, long delta) {
    if (delta == 0) {
      return;
    }
    StateKey epochKey = NAMESPACE.key(EPOCH_FLOWS, u64(epochOf(state, block.timeMillis())));
    state.put(epochKey, counters(state, epochKey).plus(counter, delta).encode());
    state.put(TOTALS, counters(state, TOTALS).plus(counter, delta).encode());
  }

  /**
   * Records a reward paid to {@code recipient}: its kind's counter, the recipient's epoch and
   * lifetime sums (for the distribution and concentration figures). Attribution calls this for each
   * contributor it pays out of an escrow.
   */
  public void recordReward(
      State state, BlockContext block, RewardKind kind, Address recipient, Amount amount) {
    if (amount.isZero()) {
      return;
    }
    add(state, block, kind.counter(), amount.nano());
    byte[] epoch = u64(epochOf(state, block.timeMillis()));
    addAmount(
        state,
        NAMESPACE.key(
            EPOCH_REWARDS, concat(new byte[] {(byte) kind.ordinal()}, epoch, recipient.bytes())),
        amount);
    addAmount(
        state,
        NAMESPACE.key(TOTAL_REWARDS, concat(new byte[] {(byte) kind.ordinal()}, recipient.bytes())),
        amount);
  }

  /** Records one paid inference of {@code model} (1..64 bytes) and its fee. */
  public void recordInference(State state, BlockContext block, String model, Amount fee) {
    recordInferences(state, block, model, 1, fee);
  }

  /**
   * Records {@code count} paid inferences of {@code model} (1..64 bytes) with {@code fees} in all
   * (the payment module settles a batch of receipts per model at once). Nothing is recorded when
   * both are zero.
   */
  public void recordInferences(
      State state, BlockContext block, String model, long count, Amount fees) {
    if (count < 0) {
      throw new IllegalArgumentException("an inference count is >= 0, got " + count);
    }
    byte[] id = modelId(model);
    if (count == 0 && fees.isZero()) {
      return;
    }
    add(state, block, Counter.INFERENCES, count);
    add(state, block, Counter.INFERENCE_FEES, fees.nano());
    byte[] epoch = u64(epochOf(state, block.timeMillis()));
    addUsage(state, NAMESPACE.key(EPOCH_MODELS, concat(epoch, id)), count, fees);
    addUsage(state, NAMESPACE.key(TOTAL_MODELS, id), count, fees);
  }

  /** Records that a model was registered (the model registry calls this). */
  public void recordModelRegistered(State state, BlockContext block) {
    add(state, block, Counter.MODELS_REGISTERED, 1);
  }

  /** Records that governance approved a model (the model registry calls this). */
  public void recordModelApproved(State state, BlockContext block) {
    add(state, block, Counter.MODELS_APPROVED, 1);
  }

  /** Records that governance rejected a model (the model registry calls this). */
  public void recordModelRejected(State state, BlockContext block) {
    add(state, block, Counter.MODELS_REJECTED, 1);
  }

  /** Records a vote by {@code voter} (the governance module calls this). */
  public void recordVote(State state, BlockContext block, Address voter) {
    add(state, block, Counter.VOTES_CAST, 1);
    state.put(
        NAMESPACE.key(EPOCH_VOTERS, concat(u64(epochOf(state, block.timeMillis())), voter.bytes())),
        PRESENT);
    state.put(NAMESPACE.key(TOTAL_VOTERS, voter.bytes()), PRESENT);
  }

  // ---- reads ----

  /** The parameters and the genesis time. */
  public Setup setup(StateReader state) {
    byte[] b =
        state
            .get(PARAMS)
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "the economy module's parameters are missing: state was not initialised from genesis"));
    try {
      CanonicalReader r = new CanonicalReader(b);
      Setup s = new Setup(new EconomyParams(r.varint("epochSeconds")), r.varint("genesisMillis"));
      r.finish();
      return s;
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored economy parameters are corrupt: " + e.getMessage(), e);
    }
  }

  /** The epoch a block time falls in. */
  public long epochOf(StateReader state, long timeMillis) {
    Setup s = setup(state);
    return Math.max(0, timeMillis - s.genesisMillis()) / (s.params().epochSeconds() * 1000);
  }

  /** The counters of an epoch (zero when nothing happened in it). */
  public Counters epochCounters(StateReader state, long epoch) {
    return counters(state, NAMESPACE.key(EPOCH_FLOWS, u64(epoch)));
  }

  /** The counters since genesis. */
  public Counters totals(StateReader state) {
    return counters(state, TOTALS);
  }

  /** Lifetime rewards of one kind by recipient, in address order. */
  public TreeMap<Address, Amount> lifetimeRewards(StateReader state, RewardKind kind) {
    return amountsByAddress(
        state, NAMESPACE.key(TOTAL_REWARDS, new byte[] {(byte) kind.ordinal()}));
  }

  /** One recipient's lifetime rewards of one kind (zero when it was never paid one). */
  public Amount lifetimeReward(StateReader state, RewardKind kind, Address recipient) {
    StateKey key =
        NAMESPACE.key(TOTAL_REWARDS, concat(new byte[] {(byte) kind.ordinal()}, recipient.bytes()));
    return state.get(key).map(b -> readAmount(b, key)).orElse(Amount.ZERO);
  }

  /**
   * Rewards of one kind by recipient in an epoch that is still open (closed epochs keep only their
   * summary).
   */
  public TreeMap<Address, Amount> openEpochRewards(StateReader state, RewardKind kind, long epoch) {
    return amountsByAddress(
        state,
        NAMESPACE.key(EPOCH_REWARDS, concat(new byte[] {(byte) kind.ordinal()}, u64(epoch))));
  }

  /** Lifetime inferences and fees by model id, in id order. */
  public TreeMap<String, ModelUsage> modelUsage(StateReader state) {
    return usage(state, NAMESPACE.key(TOTAL_MODELS, new byte[0]));
  }

  /** Inferences and fees by model id in one epoch. */
  public TreeMap<String, ModelUsage> modelUsage(StateReader state, long epoch) {
    return usage(state, NAMESPACE.key(EPOCH_MODELS, u64(epoch)));
  }

  /** How many distinct accounts voted in an epoch that is still open. */
  public long openEpochVoters(StateReader state, long epoch) {
    return count(state, NAMESPACE.key(EPOCH_VOTERS, u64(epoch)));
  }

  /** How many distinct accounts have ever voted. */
  public long distinctVoters(StateReader state) {
    return count(state, NAMESPACE.key(TOTAL_VOTERS, new byte[0]));
  }

  /** The summary of a closed epoch. */
  public Optional<EpochSummary> summary(StateReader state, long epoch) {
    return state.get(NAMESPACE.key(SUMMARIES, u64(epoch))).map(b -> decodeSummary(b, epoch));
  }

  // ---- plumbing ----

  /**
   * The economy module's setup as stored.
   *
   * @param params the parameters
   * @param genesisMillis the genesis time, the start of epoch 0
   */
  public record Setup(EconomyParams params, long genesisMillis) {}

  /**
   * Inferences and fees.
   *
   * @param inferences how many
   * @param fees their fees
   */
  public record ModelUsage(long inferences, Amount fees) {}

  static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  static byte[] concat(byte[]... parts) {
    int n = 0;
    for (byte[] p : parts) {
      n += p.length;
    }
    ByteBuffer b = ByteBuffer.allocate(n);
    for (byte[] p : parts) {
      b.put(p);
    }
    return b.array();
  }

  private static byte[] modelId(String model) {
    byte[] id = model.getBytes(StandardCharsets.UTF_8);
    if (id.length == 0 || id.length > 64) {
      throw new IllegalArgumentException("a model id is 1..64 bytes, got " + id.length);
    }
    return id;
  }

  static Counters counters(StateReader state, StateKey key) {
    return state
        .get(key)
        .map(
            b -> {
              try {
                return Counters.decode(b);
              } catch (DecodeException e) {
                throw new IllegalStateException(
                    "stored counters at " + key + " are corrupt: " + e.getMessage(), e);
              }
            })
        .orElse(Counters.zero());
  }

  private static void addAmount(State state, StateKey key, Amount amount) {
    Amount old = state.get(key).map(b -> readAmount(b, key)).orElse(Amount.ZERO);
    state.put(key, new CanonicalWriter(10).amount(old.plus(amount)).toByteArray());
  }

  static Amount readAmount(byte[] b, StateKey key) {
    try {
      CanonicalReader r = new CanonicalReader(b);
      Amount a = r.amount("amount");
      r.finish();
      return a;
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored amount at " + key + " is corrupt: " + e.getMessage(), e);
    }
  }

  private static void addUsage(State state, StateKey key, long count, Amount fee) {
    ModelUsage old =
        state.get(key).map(b -> readUsage(b, key)).orElse(new ModelUsage(0, Amount.ZERO));
    state.put(
        key,
        new CanonicalWriter(20)
            .varint(Math.addExact(old.inferences(), count))
            .amount(old.fees().plus(fee))
            .toByteArray());
  }

  private static ModelUsage readUsage(byte[] b, StateKey key) {
    try {
      CanonicalReader r = new CanonicalReader(b);
      ModelUsage u = new ModelUsage(r.varint("inferences"), r.amount("fees"));
      r.finish();
      return u;
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored model usage at " + key + " is corrupt: " + e.getMessage(), e);
    }
  }

  /** Amounts keyed by an address that ends the key, under {@code prefix}. */
  static TreeMap<Address, Amount> amountsByAddress(StateReader state, StateKey prefix) {
    TreeMap<Address, Amount> out = new TreeMap<>();
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        byte[] k = e.key().bytes();
        out.put(
            Address.wrap(java.util.Arrays.copyOfRange(k, k.length - Address.LENGTH, k.length)),
            readAmount(e.value(), e.key()));
      }
    }
    return out;
  }

  private static TreeMap<String, ModelUsage> usage(StateReader state, StateKey prefix) {
    TreeMap<String, ModelUsage> out = new TreeMap<>();
    int skip = prefix.length();
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        byte[] k = e.key().bytes();
        out.put(
            new String(k, skip, k.length - skip, StandardCharsets.UTF_8),
            readUsage(e.value(), e.key()));
      }
    }
    return out;
  }

  static long count(StateReader state, StateKey prefix) {
    long n = 0;
    try (CloseableIterator<StateEntry> it = state.scan(prefix)) {
      while (it.hasNext()) {
        it.next();
        n++;
      }
    }
    return n;
  }

  private static EpochSummary decodeSummary(byte[] b, long epoch) {
    try {
      return EpochSummary.decode(b);
    } catch (DecodeException e) {
      throw new IllegalStateException(
          "stored summary of epoch " + epoch + " is corrupt: " + e.getMessage(), e);
    }
  }
}
