package dev.openledger.node.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.openledger.core.Hex;
import dev.openledger.core.crypto.Address;
import dev.openledger.core.crypto.Hash;
import dev.openledger.core.crypto.KeyPair;
import dev.openledger.core.money.Amount;
import dev.openledger.ledger.bank.Account;
import dev.openledger.ledger.msg.Transfer;
import dev.openledger.ledger.tx.SignedTransaction;
import dev.openledger.node.TestNode;
import dev.openledger.node.api.view.AccountView;
import dev.openledger.node.api.view.BlockView;
import dev.openledger.node.api.view.ProofView;
import dev.openledger.node.api.view.TxView;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LedgerClientTest {
  @TempDir static Path dir;
  static TestNode node;
  static LedgerClient client;
  static final KeyPair alice = TestNode.key("alice");
  static final KeyPair carol = TestNode.key("carol");

  @BeforeAll
  static void start() {
    node = new TestNode(dir);
    client = new LedgerClient(node.url());
    SignedTransaction tx = TestNode.tx(alice, 0, new Transfer(carol.address(), Amount.ofOpen(42)));
    assertThat(client.submit(tx)).isEqualTo(tx.hash());
    TxView v = client.awaitFinal(tx.hash(), Duration.ofSeconds(20));
    assertThat(v.isCommitted()).isTrue();
  }

  @AfterAll
  static void stop() {
    node.close();
  }

  @Test
  void verifiesPresentAndAbsentAccounts() {
    VerifiedAccount v = client.verifiedAccount(carol.address(), node.genesis.sequencer());
    assertThat(v.account().balance()).isEqualTo(Amount.ofOpen(1_000_042));
    assertThat(v.block().stateRoot()).isEqualTo(v.account().stateRoot());
    VerifiedAccount none =
        client.verifiedAccount(
            KeyPair.insecureFromLabel("nobody").address(), node.genesis.sequencer());
    assertThat(none.account().balance()).isEqualTo(Amount.ZERO);
    assertThat(none.account().proof().value()).isNull();
  }

  @Test
  void rejectsEveryKindOfTampering() {
    Address a = carol.address();
    AccountView real = client.account(a, true);
    LedgerClient.verifyAccountProof(a, real);
    ProofView p = real.proof();

    // claimed balance differs from the proven value
    assertFails(a, withBalance(real, real.balance().plus(Amount.ofNano(1))));
    // proven value changed consistently with the claim: the Merkle path no longer reaches the root
    Account inflated = new Account(real.balance().plus(Amount.ofNano(1)), real.nonce());
    assertFails(
        a,
        new AccountView(
            a,
            inflated.balance(),
            real.nonce(),
            real.height(),
            real.stateRoot(),
            new ProofView(p.key(), Hex.encode(inflated.encode()), p.siblings(), p.terminal())));
    // a sibling changed
    List<Hash> sib = new ArrayList<>(p.siblings());
    sib.set(0, Hash.sha256(sib.get(0).bytes()));
    assertFails(
        a,
        new AccountView(
            a,
            real.balance(),
            real.nonce(),
            real.height(),
            real.stateRoot(),
            new ProofView(p.key(), p.value(), sib, p.terminal())));
    // another root
    assertFails(
        a,
        new AccountView(
            a, real.balance(), real.nonce(), real.height(), Hash.sha256(new byte[] {1}), p));
    // claiming absence for a present account
    assertFails(
        a,
        new AccountView(
            a,
            Amount.ZERO,
            0,
            real.height(),
            real.stateRoot(),
            new ProofView(
                p.key(), null, p.siblings(), new ProofView.Terminal("empty", null, null))));
    // a proof for another account's key
    assertFails(alice.address(), real);
    // no proof at all
    assertFails(
        a, new AccountView(a, real.balance(), real.nonce(), real.height(), real.stateRoot(), null));
  }

  @Test
  void rejectsForgedBlockHeaders() {
    BlockView b = client.latestBlock();
    assertThat(LedgerClient.verifyHeader(b, node.genesis.sequencer()).hash()).isEqualTo(b.hash());
    BlockView otherRoot =
        new BlockView(
            b.height(),
            b.hash(),
            b.chainId(),
            b.time(),
            b.timeMillis(),
            b.prevHash(),
            b.txRoot(),
            b.receiptRoot(),
            Hash.sha256(new byte[] {2}),
            b.proposer(),
            b.signature(),
            b.txCount(),
            b.txs(),
            b.events());
    assertThatThrownBy(() -> LedgerClient.verifyHeader(otherRoot, node.genesis.sequencer()))
        .isInstanceOf(ClientException.VerificationFailed.class)
        .hasMessageContaining("hash to");
    assertThatThrownBy(
            () -> LedgerClient.verifyHeader(b, KeyPair.insecureFromLabel("mallory").publicKey()))
        .isInstanceOf(ClientException.VerificationFailed.class)
        .hasMessageContaining("not signed");
  }

  @Test
  void reportsApiErrorsAndUnreachableNodes() {
    assertThat(client.tx(Hash.ZERO)).isEmpty();
    assertThatThrownBy(
            () ->
                client.submit(
                    TestNode.tx(alice, 0, new Transfer(carol.address(), Amount.ofOpen(1)))))
        .isInstanceOfSatisfying(
            ClientException.ApiError.class, e -> assertThat(e.code()).isEqualTo("bad_nonce"));
    assertThatThrownBy(() -> new LedgerClient("http://127.0.0.1:1").status())
        .isInstanceOf(ClientException.Unreachable.class);
    assertThatThrownBy(() -> new LedgerClient("not a url"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static AccountView withBalance(AccountView v, Amount b) {
    return new AccountView(v.address(), b, v.nonce(), v.height(), v.stateRoot(), v.proof());
  }

  private static void assertFails(Address a, AccountView v) {
    assertThatThrownBy(() -> LedgerClient.verifyAccountProof(a, v))
        .isInstanceOf(ClientException.VerificationFailed.class);
  }
}
