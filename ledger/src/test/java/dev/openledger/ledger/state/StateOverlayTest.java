package dev.openledger.ledger.state;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.ledger.store.InMemoryLedgerStore;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

class StateOverlayTest {

  /** A base with fixed content, implemented by a sorted map (the oracle for scans). */
  static final class MapState implements State {
    final TreeMap<StateKey, byte[]> map = new TreeMap<>();

    @Override
    public Optional<byte[]> get(StateKey key) {
      return Optional.ofNullable(map.get(key));
    }

    @Override
    public CloseableIterator<StateEntry> scan(StateKey prefix) {
      List<StateEntry> out = new ArrayList<>();
      map.forEach(
          (k, v) -> {
            if (k.startsWith(prefix)) {
              out.add(new StateEntry(k, v));
            }
          });
      return CloseableIterator.of(out.iterator());
    }

    @Override
    public void put(StateKey key, byte[] value) {
      map.put(key, value);
    }

    @Override
    public void delete(StateKey key) {
      map.remove(key);
    }
  }

  static StateKey key(Random r) {
    byte[] b = new byte[1 + r.nextInt(3)];
    for (int i = 0; i < b.length; i++) {
      b[i] = (byte) (r.nextBoolean() ? 'a' + r.nextInt(3) : 0xfe + r.nextInt(2));
    }
    return StateKey.of(b);
  }

  @Property(tries = 300)
  void nestedOverlaysReadAndScanLikeTheAppliedState(@ForAll long seed) {
    Random r = new Random(seed);
    MapState base = new MapState();
    for (int i = 0; i < 20; i++) {
      base.put(key(r), new byte[] {(byte) i});
    }
    MapState model = new MapState();
    model.map.putAll(base.map);
    StateOverlay outer = new StateOverlay(base);
    StateOverlay inner = new StateOverlay(outer);
    for (int i = 0; i < 40; i++) {
      State target = r.nextBoolean() ? outer : inner;
      StateKey k = key(r);
      if (r.nextInt(3) == 0) {
        target.delete(k);
      } else {
        target.put(k, new byte[] {(byte) (100 + i)});
      }
    }
    // the model: the outer writes, then the inner ones on top
    MapState expected = new MapState();
    expected.map.putAll(base.map);
    outer
        .writes()
        .forEach((k, v) -> v.ifPresentOrElse(b -> expected.put(k, b), () -> expected.delete(k)));
    inner
        .writes()
        .forEach((k, v) -> v.ifPresentOrElse(b -> expected.put(k, b), () -> expected.delete(k)));
    for (StateKey prefix :
        List.of(
            StateKey.of(new byte[] {'a'}),
            StateKey.of(new byte[] {(byte) 0xff}),
            StateKey.of(new byte[] {'b', 'a'}))) {
      assertThat(entries(inner.scan(prefix))).isEqualTo(entries(expected.scan(prefix)));
    }
    inner.commitTo(outer);
    outer.commitTo(base);
    assertThat(base.map.keySet()).isEqualTo(expected.map.keySet());
  }

  @Property(tries = 50)
  void inMemoryStoreScansInKeyOrder(@ForAll long seed) {
    Random r = new Random(seed);
    InMemoryLedgerStore store = new InMemoryLedgerStore();
    StateOverlay o = new StateOverlay(store.state());
    for (int i = 0; i < 30; i++) {
      o.put(key(r), new byte[] {1});
    }
    List<StateKey> scanned = new ArrayList<>();
    try (CloseableIterator<StateEntry> it = o.scan(StateKey.of(new byte[] {'a'}))) {
      it.forEachRemaining(e -> scanned.add(e.key()));
    }
    assertThat(scanned)
        .isSorted()
        .doesNotHaveDuplicates()
        .allMatch(k -> k.startsWith(StateKey.of(new byte[] {'a'})));
    assertThat(scanned)
        .containsExactlyInAnyOrderElementsOf(
            o.writes().keySet().stream()
                .filter(k -> k.startsWith(StateKey.of(new byte[] {'a'})))
                .toList());
  }

  private static List<String> entries(CloseableIterator<StateEntry> it) {
    List<String> out = new ArrayList<>();
    try (it) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        out.add(e.key().toString() + "=" + e.value()[0]);
      }
    }
    return out;
  }
}
