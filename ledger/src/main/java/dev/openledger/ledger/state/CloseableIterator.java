package dev.openledger.ledger.state;

import java.util.Iterator;

/** An iterator over a store that holds resources (a RocksDB iterator) until closed. */
public interface CloseableIterator<T> extends Iterator<T>, AutoCloseable {
  @Override
  void close();

  /** Wraps an iterator that holds no resources. */
  static <T> CloseableIterator<T> of(Iterator<T> it) {
    return new CloseableIterator<>() {
      @Override
      public boolean hasNext() {
        return it.hasNext();
      }

      @Override
      public T next() {
        return it.next();
      }

      @Override
      public void close() {}
    };
  }
}
