package dev.openledger.ledger.engine;

import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.Result;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.ChainDriver;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.BlockResults;
import dev.openledger.ledger.exec.ExecutedBlock;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.state.StateChanges;
import dev.openledger.ledger.store.BlockCommit;
import dev.openledger.ledger.store.InMemoryLedgerStore;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChainVerifierTest {
  final KeyPair alice = TestChains.key("alice");
  final KeyPair bob = TestChains.key("bob");

  @Test
  void replayReproducesEveryStateRoot() {
    ChainDriver d = new ChainDriver(TestChains.devnet(), new InMemoryLedgerStore());
    d.commit(List.of(TestChains.tx(alice, 0, new Transfer(bob.address(), Amount.ofOpen(1)))));
    ExecutedBlock last =
        d.commit(List.of(TestChains.tx(bob, 0, new Transfer(alice.address(), Amount.ofOpen(2)))));
    ChainVerifier.Report r = ChainVerifier.verify(d.store(), d.chain()).orElseThrow();
    assertThat(r.height()).isEqualTo(2);
    assertThat(r.stateRoots()).hasSize(3);
    assertThat(r.finalStateRoot()).isEqualTo(last.header().stateRoot());
  }

  @Test
  void aBlockWithAForgedStateRootIsCaught() {
    ChainDriver d = new ChainDriver(TestChains.devnet(), new InMemoryLedgerStore());
    ExecutedBlock real =
        d.chain()
            .executor()
            .execute(
                new dev.openledger.ledger.exec.BlockInput(
                    d.head(),
                    d.head().timeMillis() + 1,
                    DevnetGenesis.sequencerKey().publicKey(),
                    List.of(
                        d.chain()
                            .verifier()
                            .verify(
                                TestChains.tx(
                                    alice, 0, new Transfer(bob.address(), Amount.ofOpen(1))))
                            .orElseThrow())),
                d.store().state(),
                d.store().nodes());
    BlockHeader h = real.header();
    BlockHeader forged =
        new BlockHeader(
            h.chainId(),
            h.height(),
            h.timeMillis(),
            h.prevHash(),
            h.txRoot(),
            h.receiptRoot(),
            Hash.sha256(new byte[] {9}),
            h.proposer(),
            h.txCount());
    Block block =
        new Block(
            forged,
            DevnetGenesis.sequencerKey().sign(forged.signingBytes()),
            List.of(real.included().get(0).signed()));
    d.store().commit(new BlockCommit(block, real.results(), real.changes(), real.nodes()));
    Result<ChainVerifier.Report> r = ChainVerifier.verify(d.store(), d.chain());
    assertThat(r.isOk()).isFalse();
    assertThat(((Result.Err<ChainVerifier.Report>) r).message())
        .contains("block 1 differs from its replay");
  }

  @Test
  void aBlockSignedByAnotherKeyIsCaught() {
    ChainDriver d = new ChainDriver(TestChains.devnet(), new InMemoryLedgerStore());
    BlockHeader h = d.head();
    BlockHeader next =
        new BlockHeader(
            h.chainId(),
            1,
            h.timeMillis(),
            h.hash(),
            Block.txRoot(List.of()),
            BlockResults.EMPTY.receiptRoot(),
            h.stateRoot(),
            h.proposer(),
            0);
    Block block =
        new Block(next, KeyPair.insecureFromLabel("mallory").sign(next.signingBytes()), List.of());
    d.store().commit(new BlockCommit(block, BlockResults.EMPTY, StateChanges.NONE, Map.of()));
    Result<ChainVerifier.Report> r = ChainVerifier.verify(d.store(), d.chain());
    assertThat(((Result.Err<ChainVerifier.Report>) r).message())
        .contains("not signed by the sequencer");
  }
}
