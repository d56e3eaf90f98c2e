package dev.openledger.ledger.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.ChainDriver;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.bank.BankModule;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.exec.BlockInput;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Burn;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.state.CloseableIterator;
import dev.openledger.ledger.state.StateEntry;
import dev.openledger.ledger.state.StateKey;
import dev.openledger.ledger.state.smt.SparseMerkleTree;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The behaviour every {@link LedgerStore} must have; each implementation runs it (Besu-style
 * contract test).
 */
abstract class LedgerStoreContract {
  @TempDir Path dir;
  LedgerStore store;

  abstract LedgerStore open(Path dir);

  @AfterEach
  void close() {
    if (store != null) {
      store.close();
    }
  }

  ChainDriver driver() {
    store = open(dir);
    return new ChainDriver(TestChains.devnet(), store);
  }

  @Test
  void anEmptyStoreHasNoBlocks() {
    store = open(dir);
    assertThat(store.height()).isEqualTo(-1);
    assertThat(store.block(0)).isEmpty();
    assertThat(store.header(0)).isEmpty();
    assertThat(store.results(0)).isEmpty();
    assertThat(store.txLocation(Hash.ZERO)).isEmpty();
    assertThat(store.nodes().node(Hash.sha256(new byte[] {1}))).isEmpty();
  }

  @Test
  void everythingCommittedCanBeReadBack() {
    ChainDriver d = driver();
    var alice = TestChains.key("alice");
    var bob = TestChains.key("bob");
    ExecutedBlock b1 =
        d.commit(
            List.of(
                TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(3))),
                TestChains.tx(bob, 0, new Burn(Amount.ofOpen(1)))));
    assertThat(store.height()).isEqualTo(1);

    Block stored = store.block(1).orElseThrow();
    assertThat(stored.header()).isEqualTo(b1.header());
    assertThat(stored.txs()).hasSize(2);
    assertThat(stored.txs().get(0).hash()).isEqualTo(b1.included().get(0).hash());
    assertThat(store.header(1).orElseThrow().header()).isEqualTo(b1.header());
    assertThat(
            store
                .header(1)
                .orElseThrow()
                .header()
                .verifySignature(store.header(1).orElseThrow().signature()))
        .isTrue();
    assertThat(store.results(1).orElseThrow()).isEqualTo(b1.results());
    assertThat(store.txLocation(b1.included().get(1).hash())).contains(new TxLocation(1, 1));

    BankModule bank = d.chain().bank();
    assertThat(bank.account(store.state(), bob.address()).balance())
        .isEqualTo(Amount.ofOpen(1_000_000 + 3 - 1).minus(TestChains.FEE));
    StateKey aliceKey = bank.accounts().key(alice.address());
    Optional<byte[]> aliceValue = store.state().get(aliceKey);
    assertThat(SparseMerkleTree.get(store.nodes(), b1.header().stateRoot(), aliceKey))
        .usingRecursiveComparison()
        .isEqualTo(aliceValue);
    assertThat(
            SparseMerkleTree.prove(store.nodes(), b1.header().stateRoot(), aliceKey)
                .verify(b1.header().stateRoot(), aliceKey, aliceValue))
        .isTrue();
    assertThat(d.chain().machine().checkInvariants(store.state())).isEmpty();
  }

  @Test
  void scansReturnANamespaceInKeyOrder() {
    ChainDriver d = driver();
    StateKey prefix = BankModule.NAMESPACE.key(new byte[] {'a'});
    int count = 0;
    StateKey previous = null;
    try (CloseableIterator<StateEntry> it = store.state().scan(prefix)) {
      while (it.hasNext()) {
        StateEntry e = it.next();
        assertThat(e.key().startsWith(prefix)).isTrue();
        if (previous != null) {
          assertThat(e.key()).isGreaterThan(previous);
        }
        previous = e.key();
        count++;
      }
    }
    // one account per allocation that does not vest, and the vesting account holding the others
    long liquid =
        d.chain().genesis().allocations().stream().filter(a -> a.vesting().isEmpty()).count();
    assertThat(count).isEqualTo(liquid + 1);
  }

  @Test
  void refusesABlockThatDoesNotFollowTheHead() {
    ChainDriver d = driver();
    ExecutedBlock b1 = d.commit(List.of());
    var commit = b1.toCommit(store.block(1).orElseThrow().signature());
    assertThatThrownBy(() -> store.commit(commit))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("cannot follow");
    assertThat(store.height()).isEqualTo(1);
  }

  @Test
  void metadataIsWrittenWithTheBlockAndAlone() {
    ChainDriver d = driver();
    assertThat(store.meta("raft/applied")).isEmpty();
    var sequencer = DevnetGenesis.sequencerKey();
    ExecutedBlock b1 =
        d.chain()
            .executor()
            .execute(
                new BlockInput(
                    d.head(), d.head().timeMillis() + 1000, sequencer.publicKey(), List.of()),
                store.state(),
                store.nodes());
    store.commit(
        b1.toCommit(sequencer.sign(b1.header().signingBytes())),
        Map.of("raft/applied", bytes("3:17")));
    assertThat(store.height()).isEqualTo(1);
    assertThat(store.meta("raft/applied"))
        .hasValueSatisfying(
            v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("3:17"));
    store.putMeta(Map.of("raft/applied", bytes("3:18"), "other", bytes("x")));
    assertThat(store.meta("raft/applied"))
        .hasValueSatisfying(
            v -> assertThat(new String(v, StandardCharsets.UTF_8)).isEqualTo("3:18"));
    assertThat(store.meta("other")).isPresent();
    assertThat(store.meta("absent")).isEmpty();
  }

  @Test
  void aRefusedBlockWritesNoMetadata() {
    ChainDriver d = driver();
    ExecutedBlock b1 = d.commit(List.of());
    var commit = b1.toCommit(store.block(1).orElseThrow().signature());
    assertThatThrownBy(() -> store.commit(commit, Map.of("k", bytes("v"))))
        .isInstanceOf(IllegalArgumentException.class);
    assertThat(store.meta("k")).isEmpty();
  }

  static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
