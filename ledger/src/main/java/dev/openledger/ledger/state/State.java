package dev.openledger.ledger.state;

/** A state that can be changed. */
public interface State extends StateReader {

  void put(StateKey key, byte[] value);

  void delete(StateKey key);
}
