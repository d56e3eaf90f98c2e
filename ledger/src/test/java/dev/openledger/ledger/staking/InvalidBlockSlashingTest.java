package dev.openledger.ledger.staking;

import static dev.openledger.ledger.EconomyHarness.BOB;
import static dev.openledger.ledger.EconomyHarness.CAROL;
import static dev.openledger.ledger.EconomyHarness.DAVE;
import static org.assertj.core.api.Assertions.assertThat;

import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.EconomyHarness;
import dev.openledger.ledger.TestChains;
import dev.openledger.ledger.block.Block;
import dev.openledger.ledger.block.BlockHeader;
import dev.openledger.ledger.block.Receipt;
import dev.openledger.ledger.genesis.DevnetGenesis;
import dev.openledger.ledger.msg.Evidence;
import dev.openledger.ledger.msg.Slash;
import dev.openledger.ledger.msg.Stake;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.ledger.tx.Transaction;
import dev.openledger.ledger.tx.TxCodec;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A validator that signs a block holding a forged transaction (or one for another chain) is slashed on the
 * evidence of the signed header, the transaction and its audit path; anything else dressed as such evidence is
 * refused.
 */
class InvalidBlockSlashingTest {
  static SignedTransaction transfer(long nonce) {
    return TestChains.tx(TestChains.key("alice"), nonce, new Transfer(BOB.address(), Amount.ofOpen(1)));
  }

  static SignedTransaction forged(long nonce) {
    byte[] wire = transfer(nonce).encoded();
    wire[wire.length - 1] ^= 1;
    return TxCodec.decode(wire).orElseThrow();
  }

  /** A block at {@code height} signed by {@code proposer}, with {@code bad} among genuine transfers at {@code index}. */
  static Block block(KeyPair proposer, String chainId, long height, SignedTransaction bad, int index) {
    List<SignedTransaction> txs = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      txs.add(i == index ? bad : transfer(100 + i));
    }
    BlockHeader h = new BlockHeader(chainId, height, 1, Hash.ZERO, Block.txRoot(txs), Hash.ZERO, Hash.ZERO, proposer.publicKey(), txs.size());
    return new Block(h, proposer.sign(h.signingBytes()), txs);
  }

  @Test
  void aBlockWithAForgedTransactionSlashesAndJailsItsSigner() {
    EconomyHarness h = EconomyHarness.devnet();
    h.ok(DAVE, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(1000)));
    h.ok(CAROL, new Stake(1, Purpose.VALIDATOR, Amount.ofOpen(1000)));
    long next = h.driver().head().height() + 1;
    String chain = DevnetGenesis.CHAIN_ID;

    Block byDave = block(DAVE, chain, next, forged(7), 3);
    Evidence.InvalidBlock good = Evidence.InvalidBlock.of(byDave, 3);
    // refused: a genuine transaction, another index's path, another signer's signature, another chain's header
    assertThat(h.run(BOB, new Slash(Evidence.InvalidBlock.of(byDave, 2))).code()).isEqualTo("invalid_evidence");
    assertThat(h.run(BOB, new Slash(new Evidence.InvalidBlock(byDave.header(), byDave.signature(), byDave.txs().get(3), 3, Evidence.InvalidBlock.of(byDave, 1).path()))).code())
        .isEqualTo("invalid_evidence");
    assertThat(h.run(BOB, new Slash(new Evidence.InvalidBlock(byDave.header(), CAROL.sign(byDave.header().signingBytes()), byDave.txs().get(3), 3, good.path()))).code())
        .isEqualTo("invalid_evidence");
    assertThat(h.run(BOB, new Slash(Evidence.InvalidBlock.of(block(DAVE, "other-chain", next, forged(7), 3), 3))).code()).isEqualTo("invalid_evidence");
    assertThat(h.staking().positions(h.state(), DAVE.address()).get(0).principal()).isEqualTo(Amount.ofOpen(1000));

    Amount burned = h.bank().supply(h.state()).burned();
    Receipt r = h.run(BOB, new Slash(good));
    assertThat(r.code()).as(r.message()).isEqualTo(Receipt.OK);
    assertThat(r.events()).anyMatch(e -> e.type().equals("staking.slash") && e.get("evidence").equals("invalid_block") && e.get("infractionHeight").equals(Long.toString(next - 1)));
    assertThat(h.staking().positions(h.state(), DAVE.address()).get(0).principal()).isEqualTo(Amount.ofOpen(950));
    assertThat(h.bank().supply(h.state()).burned()).isEqualTo(burned.plus(Amount.ofOpen(50)));
    assertThat(h.staking().jail(h.state(), DAVE.address(), Purpose.VALIDATOR)).hasValueSatisfying(j -> assertThat(j.tombstoned()).isFalse());
    assertThat(h.staking().validators(h.state(), h.now())).containsOnlyKeys(CAROL.address());
    // one infraction per proposer and height, whichever transaction proves it
    Block again = block(DAVE, chain, next, forged(8), 0);
    assertThat(h.run(BOB, new Slash(Evidence.InvalidBlock.of(again, 0))).code()).isEqualTo("already_slashed");

    // a correctly signed transaction for another chain is just as invalid in this chain's block
    SignedTransaction replay = new Transaction("other-chain", TestChains.key("alice").publicKey(), 0, TestChains.FEE, new Transfer(BOB.address(), Amount.ofOpen(1))).sign(TestChains.key("alice"));
    Block byCarol = block(CAROL, chain, h.driver().head().height(), replay, 0);
    assertThat(h.run(BOB, new Slash(Evidence.InvalidBlock.of(byCarol, 0))).code()).isEqualTo(Receipt.OK);
    assertThat(h.staking().positions(h.state(), CAROL.address()).get(0).principal()).isEqualTo(Amount.ofOpen(950));
  }
}
