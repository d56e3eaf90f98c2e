package dev.openledger.ledger.store;

import java.nio.file.Path;

class InMemoryLedgerStoreTest extends LedgerStoreContract {
  @Override
  LedgerStore open(Path dir) {
    return new InMemoryLedgerStore();
  }
}
