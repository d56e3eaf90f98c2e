package dev.openledger.ml.format;

import java.util.Collection;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Optional;
import java.util.TreeMap;

/**
 * An immutable set of tensors with distinct names, iterated in name order (so output is
 * deterministic).
 */
public final class NamedTensors implements Iterable<Tensor> {
  private final TreeMap<String, Tensor> byName;

  private NamedTensors(TreeMap<String, Tensor> byName) {
    this.byName = byName;
  }

  /**
   * @throws IllegalArgumentException if two tensors share a name
   */
  public static NamedTensors of(Collection<Tensor> tensors) {
    TreeMap<String, Tensor> m = new TreeMap<>();
    for (Tensor t : tensors) {
      if (m.put(t.name(), t) != null) {
        throw new IllegalArgumentException("tensor name '" + t.name() + "' appears twice");
      }
    }
    return new NamedTensors(m);
  }

  public static NamedTensors of(Tensor... tensors) {
    return of(List.of(tensors));
  }

  /** The tensor called {@code name}. @throws IllegalArgumentException if there is none */
  public Tensor get(String name) {
    Tensor t = byName.get(name);
    if (t == null) {
      throw new IllegalArgumentException("no tensor named '" + name + "'");
    }
    return t;
  }

  public Optional<Tensor> find(String name) {
    return Optional.ofNullable(byName.get(name));
  }

  public boolean contains(String name) {
    return byName.containsKey(name);
  }

  /** Names in order. */
  public NavigableSet<String> names() {
    return Collections.unmodifiableNavigableSet(byName.navigableKeySet());
  }

  /** Name → tensor, in name order. */
  public Map<String, Tensor> asMap() {
    return Collections.unmodifiableMap(byName);
  }

  public int size() {
    return byName.size();
  }

  /** Total number of elements. */
  public long totalElements() {
    long n = 0;
    for (Tensor t : byName.values()) {
      n += t.data().length;
    }
    return n;
  }

  @Override
  public Iterator<Tensor> iterator() {
    return Collections.unmodifiableCollection(byName.values()).iterator();
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof NamedTensors n && byName.equals(n.byName);
  }

  @Override
  public int hashCode() {
    return byName.hashCode();
  }

  @Override
  public String toString() {
    return "NamedTensors" + byName.values();
  }
}
