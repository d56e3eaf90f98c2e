package dev.openledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.money.Amount;
import dev.openledger.ledger.ChainDriver;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.engine.Chain;
import dev.openledger.ledger.engine.ChainVerifier;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.msg.Transfer;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class RocksLedgerStoreTest extends LedgerStoreContract {
  @Override
  LedgerStore open(Path dir) {
    return RocksLedgerStore.open(dir, true);
  }

  @Test
  void reopensExactlyWhereItStopped() {
    ChainDriver d = driver();
    var alice = TestChains.key("alice");
    ExecutedBlock b1 =
        d.commit(
            List.of(
                TestChains.tx(
                    alice, 0, new Transfer(TestChains.key("carol").address(), Amount.ofOpen(7)))));
    store.close();
    store = RocksLedgerStore.open(dir, true);
    assertThat(store.height()).isEqualTo(1);
    assertThat(store.block(1).orElseThrow().header()).isEqualTo(b1.header());
    assertThat(store.results(1).orElseThrow()).isEqualTo(b1.results());
    Chain chain = Chain.of(TestChains.devnet());
    assertThat(chain.bank().account(store.state(), TestChains.key("carol").address()).balance())
        .isEqualTo(Amount.ofOpen(1_000_007));
    ChainVerifier.Report report = ChainVerifier.verify(store, chain).orElseThrow();
    assertThat(report.finalStateRoot()).isEqualTo(b1.header().stateRoot());
  }

  @Test
  void aCheckpointOpensAsTheSameChainWithItsMetadata() {
    ChainDriver d = driver();
    var alice = TestChains.key("alice");
    ExecutedBlock b1 =
        d.commit(
            List.of(
                TestChains.tx(
                    alice, 0, new Transfer(TestChains.key("dave").address(), Amount.ofOpen(2)))));
    store.putMeta(java.util.Map.of("raft/applied", bytes("1:9")));
    Path copy = dir.resolveSibling(dir.getFileName() + "-checkpoint");
    ((RocksLedgerStore) store).checkpoint(copy);
    d.commit(List.of());
    try (RocksLedgerStore restored = RocksLedgerStore.open(copy, true)) {
      assertThat(restored.height()).isEqualTo(1);
      assertThat(restored.header(1).orElseThrow().header()).isEqualTo(b1.header());
      assertThat(restored.meta("raft/applied"))
          .hasValueSatisfying(
              v ->
                  assertThat(new String(v, java.nio.charset.StandardCharsets.UTF_8))
                      .isEqualTo("1:9"));
      assertThat(
              ChainVerifier.verify(restored, Chain.of(TestChains.devnet()))
                  .orElseThrow()
                  .finalStateRoot())
          .isEqualTo(b1.header().stateRoot());
    }
  }
}
