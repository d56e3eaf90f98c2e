package dev.openledger.ledger.payment;

import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.ledger.msg.PaymentParams;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.Namespace;
import dev.openledger.ledger.state.State;
import dev.openledger.ledger.state.StateCodec;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.StateReader;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Typed access to the payment module's state.
 *
 * <pre>
 * payment/x                              PaymentParams
 * payment/c &lt;channel&gt;                   Channel
 * payment/o &lt;payer&gt;&lt;provider&gt;          id of the payer's open or closing channel to the provider
 * payment/s &lt;payer&gt;&lt;provider&gt;          u64: channels the pair has opened (the next channel's sequence)
 * payment/p &lt;payer&gt;&lt;channel&gt;           marker: channels by payer
 * payment/q &lt;provider&gt;&lt;channel&gt;        marker: channels by provider
 * payment/k &lt;key hash&gt;                  the account an API key is bound to
 * payment/a &lt;account&gt;&lt;key hash&gt;        marker: keys by account
 * payment/b &lt;root&gt;                      SettledBatch
 * payment/l &lt;u64 sequence&gt;              root of the n-th settled batch
 * payment/n                              u64: batches settled so far
 * </pre>
 */
public final class PaymentKeeper {
  public static final Namespace NAMESPACE = new Namespace("payment");
  private static final StateKey PARAMS = NAMESPACE.key(new byte[] {'x'});
  private static final StateKey BATCH_COUNT = NAMESPACE.key(new byte[] {'n'});
  private static final byte[] MARKER = {1};

  public PaymentParams params(StateReader s) {
    return StateCodec.get(s, PARAMS, PaymentParams::decode)
        .orElseThrow(
            () ->
                new IllegalStateException(
                    "payment parameters missing: state not initialised from genesis"));
  }

  void putParams(State s, PaymentParams p) {
    s.put(PARAMS, p.encode());
  }

  // ---- channels ----

  public Optional<Channel> channel(StateReader s, Hash id) {
    return StateCodec.get(s, NAMESPACE.key('c', id.bytes()), Channel::decode);
  }

  /** Stores a channel; a new one is indexed by payer and provider. */
  void putChannel(State s, Channel c) {
    s.put(NAMESPACE.key('c', c.id().bytes()), c.encode());
    s.put(NAMESPACE.key('p', concat(c.payer().bytes(), c.id().bytes())), MARKER);
    s.put(NAMESPACE.key('q', concat(c.provider().bytes(), c.id().bytes())), MARKER);
  }

  /** The payer's open or closing channel to the provider. */
  public Optional<Channel> activeChannel(StateReader s, Address payer, Address provider) {
    return s.get(pairKey('o', payer, provider)).map(Hash::wrap).flatMap(id -> channel(s, id));
  }

  void setActive(State s, Channel c) {
    s.put(pairKey('o', c.payer(), c.provider()), c.id().bytes());
  }

  void clearActive(State s, Channel c) {
    s.delete(pairKey('o', c.payer(), c.provider()));
  }

  /** How many channels the pair has opened: the next channel's sequence number. */
  long nextSequence(StateReader s, Address payer, Address provider) {
    return s.get(pairKey('s', payer, provider)).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
  }

  void putNextSequence(State s, Address payer, Address provider, long next) {
    s.put(pairKey('s', payer, provider), u64(next));
  }

  /** Every channel the account pays for, in id order. */
  public List<Channel> channelsOfPayer(StateReader s, Address payer) {
    return indexed(s, 'p', payer);
  }

  /** Every channel the account serves, in id order. */
  public List<Channel> channelsOfProvider(StateReader s, Address provider) {
    return indexed(s, 'q', provider);
  }

  /** Every channel, in id order. */
  public void forEachChannel(StateReader s, Consumer<Channel> each) {
    try (CloseableIterator<StateEntry> it = s.scan(NAMESPACE.key(new byte[] {'c'}))) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        each.accept(StateCodec.decode(e.key(), e.value(), Channel::decode));
      }
    }
  }

  private List<Channel> indexed(StateReader s, char table, Address who) {
    List<Channel> out = new ArrayList<>();
    StateKey prefix = NAMESPACE.key(table, who.bytes());
    try (CloseableIterator<StateEntry> it = s.scan(prefix)) {
      while (it.hasNext()) {
        byte[] k = it.next().key().bytes();
        Hash id = Hash.wrap(Arrays.copyOfRange(k, k.length - Hash.LENGTH, k.length));
        out.add(
            channel(s, id)
                .orElseThrow(
                    () ->
                        new IllegalStateException("channel index names a missing channel " + id)));
      }
    }
    return out;
  }

  // ---- API keys ----

  public Optional<Address> keyAccount(StateReader s, Hash keyHash) {
    return s.get(NAMESPACE.key('k', keyHash.bytes())).map(Address::wrap);
  }

  /** The key hashes bound to an account, in order. */
  public List<Hash> keysOf(StateReader s, Address account) {
    List<Hash> out = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = s.scan(NAMESPACE.key('a', account.bytes()))) {
      while (it.hasNext()) {
        byte[] k = it.next().key().bytes();
        out.add(Hash.wrap(Arrays.copyOfRange(k, k.length - Hash.LENGTH, k.length)));
      }
    }
    return out;
  }

  void bindKey(State s, Hash keyHash, Address account) {
    s.put(NAMESPACE.key('k', keyHash.bytes()), account.bytes());
    s.put(NAMESPACE.key('a', concat(account.bytes(), keyHash.bytes())), MARKER);
  }

  void unbindKey(State s, Hash keyHash, Address account) {
    s.delete(NAMESPACE.key('k', keyHash.bytes()));
    s.delete(NAMESPACE.key('a', concat(account.bytes(), keyHash.bytes())));
  }

  // ---- settled batches ----

  public Optional<SettledBatch> batch(StateReader s, Hash root) {
    return StateCodec.get(s, NAMESPACE.key('b', root.bytes()), SettledBatch::decode);
  }

  public long batchCount(StateReader s) {
    return s.get(BATCH_COUNT).map(b -> ByteBuffer.wrap(b).getLong()).orElse(0L);
  }

  /** Stores a new batch under the next sequence number (the batch's own). */
  void addBatch(State s, SettledBatch b) {
    putBatch(s, b);
    s.put(NAMESPACE.key('l', u64(b.sequence())), b.root().bytes());
    s.put(BATCH_COUNT, u64(b.sequence() + 1));
  }

  void putBatch(State s, SettledBatch b) {
    s.put(NAMESPACE.key('b', b.root().bytes()), b.encode());
  }

  /** The root of the batch with sequence number {@code n}. */
  public Optional<Hash> batchRoot(StateReader s, long n) {
    return s.get(NAMESPACE.key('l', u64(n))).map(Hash::wrap);
  }

  private static StateKey pairKey(char table, Address payer, Address provider) {
    return NAMESPACE.key(table, concat(payer.bytes(), provider.bytes()));
  }

  private static byte[] u64(long v) {
    return ByteBuffer.allocate(8).putLong(v).array();
  }

  private static byte[] concat(byte[] a, byte[] b) {
    byte[] out = Arrays.copyOf(a, a.length + b.length);
    System.arraycopy(b, 0, out, a.length, b.length);
    return out;
  }
}
